# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""The error a ccxt exception stands for. ccxt puts the exchange's id and the response's body
in the message of the exceptions its `handle_errors` raises (`binance {"code":-2010,...}`),
and the method, URL, HTTP status and reason before the body of those its `fetch` raises for a
failing status (`binance GET https://... 418 I'm a teapot {...}`). ccxt is recognised by the
names in an exception's class hierarchy, never imported."""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, cast

from ._base import ErrorBase

if TYPE_CHECKING:
    from types import TracebackType

# ccxt's exchange ids that name one API of an exchange: this package's exchange and API. Any
# other id is this package's exchange of the same id, if it covers one; without an API, the
# request's URL (when known) or the body's shape chooses one.
ALIASES: dict[str, tuple[str, str]] = {
    "binanceusdm": ("binance", "futures"),
    "binancecoinm": ("binance", "futures"),
    "krakenfutures": ("kraken", "futures"),
    "kucoinfutures": ("kucoin", "futures"),
}

# The methods ccxt's fetch puts before the URL.
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
_EXCHANGE_ID = re.compile(r"[a-z][a-z0-9]*\Z")
_STATUS = re.compile(r"([1-5][0-9][0-9])(?: |\Z)")
# An HTTP reason phrase, as servers send them ("I'm a teapot", "Too Many Requests").
_REASON = re.compile(r"[A-Za-z][A-Za-z' .\-]*\Z")
_BODY_START = re.compile(r"[\[{<]")
# How many places of a message are tried as the start of a JSON body after ccxt's words.
_JSON_TRIES = 4
# The positions of the arguments ccxt passes to its handlers, counting `self`.
_HANDLER_ARGUMENTS = {
    # handle_errors(self, code, reason, url, method, headers, body, response, ...)
    "handle_errors": (1, 3, 5, 6),
    # handle_http_status_code(self, code, reason, url, method, body)
    "handle_http_status_code": (1, 3, None, 5),
}


class _Classify(Protocol):
    def __call__(
        self,
        exchange: str,
        *,
        status: int | None = None,
        body: Any,
        api: str | None = None,
        headers: Mapping[str, str] | None = None,
        url: str | None = None,
    ) -> ErrorBase | None: ...


class CcxtResponse(NamedTuple):
    """What a ccxt exception tells of the response: ccxt's exchange id, the HTTP status, the
    request URL, the response headers and the body; None where it does not say."""

    exchange_id: str
    status: int | None
    url: str | None
    headers: Mapping[str, str] | None
    body: str | None


def is_ccxt_error(exc: BaseException) -> bool:
    """Whether `exc` is one of ccxt's exceptions (they all derive from ccxt's BaseError)."""
    return any(
        klass.__name__ == "BaseError" and klass.__module__.partition(".")[0] == "ccxt"
        for klass in type(exc).__mro__
    )


def _json_tail(text: str) -> str | None:
    """The JSON object or list that ends `text`, after some words of ccxt's own (a few
    places are tried, so that no message makes this slow)."""
    for tried, found in enumerate(re.finditer(r"(?:^| )([\[{])", text)):
        if tried == _JSON_TRIES:
            break
        tail = text[found.start(1) :]
        try:
            json.loads(tail)
        except ValueError:
            continue
        return tail
    return None


def _after_status(rest: str, status: int) -> str:
    """The body after the reason phrase that follows an HTTP status in ccxt's messages."""
    start = _BODY_START.search(rest)
    if start is not None and (start.start() == 0 or _REASON.match(rest[: start.start()].strip())):
        return rest[start.start() :]
    import http  # only here: the package imports nothing it does not need at once

    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        return rest.strip()
    if rest.lower().startswith(phrase.lower()):
        rest = rest[len(phrase) :]
    return rest.strip()


def parse_message(message: str) -> CcxtResponse | None:
    """What a ccxt exception's message says of the response; None when it does not start with
    an exchange id. `body` is None when the message holds neither a body nor a status."""
    exchange_id, _, rest = message.strip().partition(" ")
    if not _EXCHANGE_ID.match(exchange_id):
        return None
    url = None
    words = rest.split(" ", 2)
    if len(words) >= 2 and words[0] in _METHODS and "://" in words[1]:
        url = words[1]
        rest = words[2] if len(words) > 2 else ""
    status_found = _STATUS.match(rest)
    if status_found is not None:
        status = int(status_found.group(1))
        body = _after_status(rest[status_found.end() :], status)
        return CcxtResponse(exchange_id, status, url, None, body)
    stripped = rest.strip()
    if stripped.startswith(("{", "[")):
        return CcxtResponse(exchange_id, None, url, None, stripped)
    return CcxtResponse(exchange_id, None, url, None, _json_tail(stripped))


def _frames(traceback: TracebackType | None) -> list[Any]:
    frames = []
    while traceback is not None:
        frames.append(traceback.tb_frame)
        traceback = traceback.tb_next
    return frames


def _headers(value: object) -> Mapping[str, str] | None:
    if not isinstance(value, Mapping):
        return None
    try:
        return {str(name): str(text) for name, text in value.items()}
    except Exception:  # a mapping whose own methods fail is no headers at all
        return None


def from_traceback(exc: BaseException) -> CcxtResponse | None:
    """The response as ccxt's handler that raised `exc` received it: the arguments of the
    innermost `handle_errors` (or `handle_http_status_code`) of ccxt in the traceback. This
    finds the body where the message holds only the exchange's message
    (`binance Account has insufficient balance for requested action.`)."""
    for frame in reversed(_frames(exc.__traceback__)):
        code = frame.f_code
        positions = _HANDLER_ARGUMENTS.get(code.co_name)
        module = frame.f_globals.get("__name__")
        if positions is None or not isinstance(module, str) or not module.startswith("ccxt."):
            continue
        names = code.co_varnames[: code.co_argcount]
        if len(names) <= max(p for p in positions if p is not None):
            continue
        values = frame.f_locals
        exchange_id = getattr(values.get(names[0]), "id", None)
        status, url, headers, body = (
            values.get(names[p]) if p is not None else None for p in positions
        )
        if not isinstance(exchange_id, str) or not isinstance(body, str):
            continue
        return CcxtResponse(
            exchange_id,
            status if type(status) is int else None,
            url if isinstance(url, str) else None,
            _headers(headers),
            body,
        )
    return None


def from_ccxt(exc: BaseException) -> ErrorBase | None:
    """The error of this package that a ccxt exception stands for, with the ccxt exception as
    its `__cause__`; None when the exception is not ccxt's, names an exchange this package
    does not cover, or carries no response (neither a body nor an HTTP status).

    The exchange and API come from ccxt's exchange id (`binanceusdm` is Binance's futures
    API), the body, status and URL from the message, or from the arguments of ccxt's handler
    that raised it while its traceback is kept. Raises TypeError for anything that is not an
    exception."""
    if not isinstance(exc, BaseException):
        if isinstance(exc, type) and issubclass(exc, BaseException):
            hint = "the exception caught, not its class"
        elif isinstance(exc, str):
            hint = "the exception caught, not its message"
        else:
            hint = "the exception ccxt raised"
        raise TypeError(
            f"from_ccxt takes {hint} (`except ccxt.BaseError as exc: from_ccxt(exc)`);"
            f" got {type(exc).__name__}"
        )
    if not is_ccxt_error(exc):
        return None
    found = from_traceback(exc)
    if found is None:
        text = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        found = parse_message(text)
    if found is None or (found.body is None and found.status is None):
        return None
    package = importlib.import_module(__name__.rpartition(".")[0])
    exchange, api = ALIASES.get(found.exchange_id, (found.exchange_id, None))
    if exchange not in package.EXCHANGES:
        return None
    classify = cast(_Classify, package.classify)
    error = classify(
        exchange,
        status=found.status,
        body=found.body,
        api=api,
        headers=found.headers,
        url=found.url,
    )
    if error is not None:
        error.__cause__ = exc
    return error
