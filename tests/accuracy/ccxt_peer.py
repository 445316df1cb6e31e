"""ccxt's answer on the same bodies: its exchange class's handle_errors, then the HTTP status
check its fetch runs next, as ccxt does for every REST response. Its exceptions are mapped to
this package's categories by name."""

from __future__ import annotations

import json
from typing import Any

import exchange_errors

from tests.accuracy.corpus import Case, expected_class

# ccxt's class for each exchange and API of the corpus.
CCXT_CLASSES = {
    ("binance", "futures"): "binanceusdm",
    ("binance", "delivery"): "binancecoinm",
    ("kraken", "futures"): "krakenfutures",
    ("kucoin", "futures"): "kucoinfutures",
}
# ccxt's exception names, where they differ from this package's category classes.
RENAMED = {
    "AccountSuspended": "AccountRestricted",
    "AccountNotEnabled": "AccountRestricted",
    "ArgumentsRequired": "BadRequest",
    "BadResponse": "InvalidResponse",
    "NullResponse": "InvalidResponse",
    "CancelPending": "OperationRejected",
    "ContractUnavailable": "BadSymbol",
    "DDoSProtection": "RateLimitExceeded",
    "DuplicateOrderId": "DuplicateOrder",
    "ExchangeNotAvailable": "ExchangeUnavailable",
    "InvalidAddress": "BadRequest",
    "ManualInteractionNeeded": "AccountRestricted",
    "MarginModeAlreadySet": "OperationRejected",
    "OnMaintenance": "ExchangeUnavailable",
    "OrderImmediatelyFillable": "OperationRejected",
    "OrderNotCached": "OrderNotFound",
    "OrderNotFillable": "InvalidOrder",
    "RestrictedLocation": "AccountRestricted",
    "NoChange": "OperationRejected",
}
_INSTANCES: dict[str, Any] = {}


def _exchange(case: Case) -> Any:
    import ccxt

    name = CCXT_CLASSES.get((case.exchange, case.api or ""), case.exchange)
    if name not in _INSTANCES:
        _INSTANCES[name] = getattr(ccxt, name)()
    return _INSTANCES[name]


def category_of(exc: BaseException) -> type[exchange_errors.ExchangeError] | None:
    for klass in type(exc).__mro__:
        name = RENAMED.get(klass.__name__, klass.__name__)
        found = getattr(exchange_errors, name, None)
        if isinstance(found, type) and issubclass(found, exchange_errors.ExchangeError):
            return found
    return None


def verdict(case: Case) -> str:
    """'right', 'wrong', 'success' or 'unsupported' (ccxt's WebSocket handling is async and
    per connection: not compared)."""
    import ccxt

    if case.is_websocket:
        return "unsupported"
    exchange = _exchange(case)
    status = case.status if case.status is not None else 200
    url = "https://api.example.com/"
    try:
        response = json.loads(case.body)
    except ValueError:
        response = None
    try:
        exchange.handle_errors(
            status, "", url, "POST", case.headers or {}, case.body, response, None, None
        )
        exchange.handle_http_status_code(status, "", url, "POST", case.body)
    except ccxt.BaseError as exc:
        found = category_of(exc)
        return (
            "right" if found is not None and issubclass(found, expected_class(case)) else "wrong"
        )
    except Exception:  # ccxt's handlers fail on some bodies they do not expect
        return "wrong"
    return "success"
