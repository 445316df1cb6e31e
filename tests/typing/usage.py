"""Uses the generated API as a client would; mypy --strict must accept it as typed."""

from __future__ import annotations

from typing import Any, assert_type

import exchange_errors
from exchange_errors import ExchangeError, RateLimitExceeded, binance, kraken, kucoin

error = exchange_errors.classify("binance", status=400, body=b'{"code":-1121,"msg":"x"}')
assert_type(error, binance.BinanceError | None)
anyone: ExchangeError | None = error

specific = binance.classify(body={"code": -1121, "msg": "Invalid symbol."})
assert_type(specific, binance.BinanceError | None)

if specific is not None:
    assert_type(specific.code, int | str | None)
    assert_type(specific.params, dict[str, str])
    assert_type(specific.retry_after, float | None)
    assert_type(specific.outcome_unknown, bool)
    assert_type(specific.http_status, int | None)
    assert_type(specific.to_dict(), dict[str, Any])

try:
    kucoin.raise_for_response(body=b'{"code":"429000","msg":"Too Many Requests"}', api="futures")
except RateLimitExceeded as limited:
    assert_type(limited.retryable, bool)
except kucoin.KucoinError as other:
    assert_type(other.category, str)

member = binance.BinanceSpotCode.BAD_SYMBOL
assert_type(member.error_class, type[binance.BinanceError])
assert_type(kraken.KrakenSpotCode.GENERAL_INVALID_ARGUMENTS.description, str)
