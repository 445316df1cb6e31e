"""Classifying leaves nothing for the cyclic garbage collector: an error never refers to
itself, so each is freed as soon as the caller lets it go."""

from __future__ import annotations

import gc

import exchange_errors
import pytest

BODIES = {
    "binance": [
        b'{"code":-1121,"msg":"Invalid symbol."}',
        b'{"code":-2010,"msg":"Account has insufficient balance for requested action."}',
        b'{"code":-99999,"msg":"Something new."}',
        b'{"code":-1015,"msg":"Too many new orders; current limit is 50 orders per 10 SECOND."}',
    ],
    "kraken": [
        b'{"error":["EOrder:Insufficient funds"],"result":{}}',
        b'{"error":["EGeneral:Invalid arguments:leverage"]}',
        b'{"error":["EBrand:New thing"],"result":{}}',
    ],
    "kucoin": [
        b'{"code":"400100","msg":"Parameter Error"}',
        b'{"code":"200004","msg":"Balance insufficient!"}',
        b'{"code":"999999","msg":"Something new."}',
    ],
    "okx": [
        b'{"code":"51000","data":[],"msg":"Parameter px error"}',
        b'{"code":"1","data":[{"clOrdId":"c1","ordId":"","sCode":"51008","sMsg":"Order failed.'
        b' Insufficient USDT balance in account.","tag":""}],"msg":""}',
        b'{"code":"1","data":[{"sCode":"59999","sMsg":"Something new."}],"msg":""}',
    ],
}


@pytest.mark.parametrize("exchange", sorted(BODIES))
def test_no_collector_pass_over_ten_thousand_classifications(exchange: str) -> None:
    bodies = BODIES[exchange]
    for body in bodies:  # first use: classes and tables are made once
        exchange_errors.classify(exchange, status=400, body=body)
    gc.collect()
    before = [generation["collections"] for generation in gc.get_stats()]
    for index in range(10_000):
        error = exchange_errors.classify(exchange, status=400, body=bodies[index % len(bodies)])
        assert error is not None
    after = [generation["collections"] for generation in gc.get_stats()]
    assert after == before, f"collector passes per generation: {before} -> {after}"


def test_a_single_error_is_its_own_detail_without_referring_to_itself() -> None:
    error = exchange_errors.classify("binance", status=400, body=BODIES["binance"][0])
    assert error is not None and error.details == (error,)
    assert error not in gc.get_referents(error.__dict__)
