"""The short way the usual error body takes (plain envelope, one error) gives exactly what the
general path gives, on every documented entry and every real response, with and without
headers, the first time and again; and a raised error leaves no reference cycle behind."""

from __future__ import annotations

import gc
import json
from typing import Any

import exchange_errors
import pytest

from generator.project import load_project
from tests.accuracy import corpus
from tests.conftest import ROOT
from tests.wire import Case, assert_each, by_scope, cases

DOCUMENTED = cases(load_project(ROOT).exchanges)
REAL = [case for case in corpus.load() if not case.is_websocket]


def _without_raw(error: exchange_errors.ExchangeError) -> dict[str, Any]:
    return {k: v for k, v in error.to_dict().items() if k != "raw"}


def _seen(error: exchange_errors.ExchangeError | None) -> object:
    if error is None:
        return None
    # str() shows the raw body when the message is empty: the parsed one reads differently.
    details = [(type(d), _without_raw(d)) for d in error.details]
    return (type(error), _without_raw(error), repr(error), details)


def _both_ways(exchange: str, status: int | None, body: bytes, api: str | None) -> None:
    # A body already parsed never takes the short way, which reads text.
    try:
        parsed = json.loads(body)
    except ValueError:
        return  # not JSON: no plain shape either
    general = exchange_errors.classify(exchange, status=status, body=parsed, api=api)
    headers = {"Retry-After": "7"}
    general_headers = exchange_errors.classify(
        exchange, status=status, body=parsed, api=api, headers=headers
    )
    url = _order_url(exchange)
    general_url = exchange_errors.classify(exchange, status=status, body=parsed, api=api, url=url)
    for _ in range(2):  # the second time, the error is already recorded
        short = exchange_errors.classify(exchange, status=status, body=body, api=api)
        assert _seen(short) == _seen(general)
        assert short is None or short.raw is body
        with_headers = exchange_errors.classify(
            exchange, status=status, body=body, api=api, headers=headers
        )
        assert _seen(with_headers) == _seen(general_headers)
        with_url = exchange_errors.classify(exchange, status=status, body=body, api=api, url=url)
        assert _seen(with_url) == _seen(general_url)


def _order_url(exchange: str) -> str:
    """A URL that places an order on the exchange's usual API, as its spec names them."""
    fragments = exchange_errors.exchange_module(exchange).TABLES.order_urls  # type: ignore[attr-defined]
    return "https://api.example.com" + (fragments[0] if fragments else "/order")


GROUPS = by_scope(DOCUMENTED)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_documented_entries_agree(group: str) -> None:
    assert_each(GROUPS[group], _agrees)


def _agrees(case: Case) -> None:
    for api in (case.scope.id, None):
        for status in (400, 200, 503, None):
            _both_ways(case.exchange.id, status, case.body, api)


@pytest.mark.parametrize("case", REAL, ids=lambda c: c.source)
def test_real_responses_agree(case: corpus.Case) -> None:
    _both_ways(case.exchange, case.status, case.body.encode(), corpus.package_api(case))


def test_raising_leaves_no_cycle() -> None:
    """10,000 classifications, raised and caught, leave nothing for the cyclic collector:
    documented errors, errors seen before and errors never seen, bare and with headers."""
    raised = [
        (b'{"error":["EOrder:Insufficient funds"]}', exchange_errors.InsufficientFunds),
        (b'{"error":["EFoo:Something new"]}', exchange_errors.ExchangeError),
    ]
    raised += [
        (b'{"error":["EFoo:Something new %d"]}' % number, exchange_errors.ExchangeError)
        for number in range(2_498)
    ]
    gc.collect()
    gc.disable()
    try:
        for body, expected in raised * 2:
            with pytest.raises(expected):
                exchange_errors.raise_for_response("kraken", status=200, body=body)
            with pytest.raises(expected):
                exchange_errors.raise_for_response("kraken", status=200, body=body, headers={})
        assert gc.collect() == 0
    finally:
        gc.enable()
