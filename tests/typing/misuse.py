"""Mistakes mypy must catch in client code; the expected report is misuse.out."""

from __future__ import annotations

from exchange_errors import binance, classify

classify("binance", 400, b"{}")
binance.classify(body=b"{}", api=7)
error = binance.classify(body=b"{}")
error.code
binance.BinanceSpotCode.NO_SUCH_CODE
classify("binanse", body=b"{}")
classify("kucoin", body=b"{}", api="future")
