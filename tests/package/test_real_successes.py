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
