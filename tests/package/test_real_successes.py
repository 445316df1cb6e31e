"""Successful answers exchanges really sent (tests/fixtures/real/successes.json: ccxt's
recorded responses and the successes users reported being raised as errors): none may be
classified as an error, whether the API is named or not, as bytes, text or parsed JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import exchange_errors
import pytest

SUCCESSES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "real" / "successes.json").read_text("utf-8")
)


def test_the_successes_cover_every_exchange_and_name_their_sources() -> None:
    assert {case["exchange"] for case in SUCCESSES} == set(exchange_errors.EXCHANGES)
    assert len(SUCCESSES) >= 150
    for case in SUCCESSES:
        assert case["source"].startswith("https://"), case


@pytest.mark.parametrize(
    "case", SUCCESSES, ids=[f"{c['exchange']}-{i}" for i, c in enumerate(SUCCESSES)]
)
def test_a_real_success_is_never_an_error(case: dict[str, Any]) -> None:
    exchange, body, status = case["exchange"], case["body"], case["status"]
    for api in {case["api"], None}:
        for given in (body.encode(), body, json.loads(body)):
            error = exchange_errors.classify(exchange, status=status, body=given, api=api)
            assert error is None, (api, type(error).__name__, error)
    exchange_errors.raise_for_response(
        exchange, status=status, body=body.encode(), api=case["api"]
    )


# The response examples the exchanges document for every endpoint and WebSocket message, as
# the JKorf client libraries test with them (Binance.Net, Kraken.Net, Kucoin.Net, OKX.Net,
# Bybit.Net: each file at its commit); the few that document a failure are not among them.
DOCUMENTED: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "documented_successes.json").read_text("utf-8")
)


@pytest.mark.parametrize("exchange", sorted(exchange_errors.EXCHANGES))
def test_a_documented_success_is_never_an_error(exchange: str) -> None:
    cases = [case for case in DOCUMENTED if case["exchange"] == exchange]
    assert len(cases) >= 50
    errors = []
    for case in cases:
        for given in (case["body"].encode(), json.loads(case["body"])):
            if case["api"] == "websocket":
                error = exchange_errors.classify_ws(exchange, given)
            else:
                error = exchange_errors.classify(exchange, status=200, body=given)
            if error is not None:
                errors.append((case["call"], type(error).__name__, error.rule))
    assert errors == []


def test_a_batch_answered_as_a_list_reports_its_failed_items() -> None:
    # Binance's batch orders answer each order, or its error, in one list (POST
    # /fapi/v1/batchOrders): the orders placed make the failure partial
    body = (
        b'[{"clientOrderId":"testOrder","orderId":22542179,"status":"NEW"},'
        b'{"code":-2022,"msg":"ReduceOnly Order is rejected."}]'
    )
    error = exchange_errors.classify("binance", status=200, body=body, api="futures")
    assert isinstance(error, exchange_errors.OperationRejected)
    assert error.partial is True
    assert error.failed_items == (
        {"index": 1, "code": -2022, "message": "ReduceOnly Order is rejected."},
    )
    every = (
        b'[{"code":-2011,"msg":"Unknown order sent."},{"code":-2011,"msg":"Unknown order sent."}]'
    )
    none_placed = exchange_errors.classify("binance", status=200, body=every, api="futures")
    assert isinstance(none_placed, exchange_errors.OrderNotFound)
    assert none_placed.partial is False and len(none_placed.failed_items) == 2
