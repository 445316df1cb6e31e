"""The same work done by the peers: from the raw body to a caught exception."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

from tests.benchmarks.payloads import Payload

URL = "https://api.example.com/path"


def _cycle(bodies: list[bytes]) -> Callable[[], bytes]:
    ring = itertools.cycle(bodies)
    return ring.__next__


def ccxt_handler(payload: Payload, bodies: list[bytes]) -> Callable[[], None]:
    """ccxt's own error handling: its exchange class's handle_errors, then the HTTP status
    check its fetch runs next; from the raw bytes, which it decodes as its fetch does."""
    import ccxt

    exchange = getattr(ccxt, payload.exchange)()
    status = payload.status
    next_body = _cycle(bodies)

    def run() -> None:
        body = next_body().decode()
        try:
            response = json.loads(body)
            exchange.handle_errors(status, "", URL, "POST", {}, body, response, None, None)
            exchange.handle_http_status_code(status, "", URL, "POST", body)
        except ccxt.BaseError:
            pass

    return run


def kraken_sdk_handler(payload: Payload, bodies: list[bytes]) -> Callable[[], None] | None:
    """python-kraken-sdk's matching of Kraken error strings (its ErrorHandler.check)."""
    if payload.exchange != "kraken":
        return None
    from kraken.base_api import ErrorHandler

    handler = ErrorHandler()
    next_body = _cycle(bodies)

    def run() -> None:
        try:
            handler.check(json.loads(next_body()))
        except Exception:  # its exceptions derive from Exception only
            pass

    return run


class _FloorError(Exception):
    pass


def floor_handler(payload: Payload, bodies: list[bytes]) -> Callable[[], None]:
    """The least any Python classifier of these bodies does: decode, parse the JSON, one
    dictionary lookup, raise and catch an exception carrying the text. No peer can be faster
    than this on the same bodies, so it bounds the ratios a classifier can reach."""
    next_body = _cycle(bodies)
    classes: dict[object, type[_FloorError]] = {}

    def run() -> None:
        text = next_body().decode()
        value = json.loads(text)
        try:
            raise classes.get(value.get("code") if type(value) is dict else None, _FloorError)(
                text
            )
        except _FloorError:
            pass

    return run


def new_error_floor_handler(payload: Payload, bodies: list[bytes]) -> Callable[[], None] | None:
    """The least a classifier that matches as this package does can do on an error it has
    never seen: decode, parse, read the error's code and text, fold the text to its lookup
    key, miss the code table, the message table and the templates' first-word index, search
    the fallback rules' words once, build the generic error, raise and catch it. Nothing is
    captured, recorded or checked beyond that, so no implementation of these tables answers a
    new error faster. None where the error is not the envelope's own (a batch's item)."""
    import exchange_errors
    from exchange_errors import _base, _match

    tables: Any = exchange_errors.exchange_module(payload.exchange).TABLES  # type: ignore[attr-defined]
    envelope = tables.envelope
    if payload.kind == "batch":
        return None
    index = tables.index
    screen = _match._fallbacks_for(index, payload.status)[1]
    codes, messages, templates = index.code_scopes, index.messages, index.templates
    root, status, separator = tables.api_root, payload.status, index.matching.code_separator
    listed = envelope.error_list_field
    code_field, message_field = envelope.code_field, envelope.message_field
    next_body = _cycle(bodies)

    def run() -> None:
        text = next_body().decode()
        value = json.loads(text)
        if listed is not None:
            code = message = value[listed[0]][0]
        else:
            code, message = value[code_field[0]], value[message_field[0]]
        key = message.rstrip(".").lower()
        # Each lookup is made whatever the one before found: a lower bound of the work, not
        # its answer (a template or a documented prefix would still have to be matched).
        _known = (
            code in codes,
            key in messages,
            key.split(" ", 1)[0] in templates,
            separator is not None and key.split(separator, 1)[0] in codes,
            screen is not None and screen.search(key) is not None,
        )
        error = _base.build_error(root, message, code, status, text, {}, "unknown code", None)
        try:
            raise error
        except exchange_errors.ExchangeError:
            pass

    return run


def raise_handler() -> Callable[[], None]:
    """Raising and catching one exception and nothing else."""

    def run() -> None:
        try:
            raise _FloorError("x")
        except _FloorError:
            pass

    return run


def ours_handler(payload: Payload, bodies: list[bytes]) -> Callable[[], None]:
    import exchange_errors

    exchange, status, api = payload.exchange, payload.status, payload.api
    next_body = _cycle(bodies)

    def run() -> None:
        try:
            exchange_errors.raise_for_response(exchange, status=status, body=next_body(), api=api)
        except exchange_errors.ExchangeError:
            pass

    return run


def ccxt_message(payload: Payload) -> Any:
    """What ccxt's exception says, to show beside ours."""
    import ccxt

    exchange = getattr(ccxt, payload.exchange)()
    body = payload.body.decode()
    try:
        exchange.handle_errors(
            payload.status, "", URL, "POST", {}, body, json.loads(body), None, None
        )
        exchange.handle_http_status_code(payload.status, "", URL, "POST", body)
    except ccxt.BaseError as exc:
        return f"{type(exc).__name__}: {exc}"
    return None
