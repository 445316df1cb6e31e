# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Which exceptions of HTTP clients are network failures. Clients are recognised by the names
in an exception's class hierarchy, so none of them is imported. Only a failure of the transport
is a NetworkError: a programming error or an interrupt wrapped as a retryable error would send
a retry loop round again."""

from __future__ import annotations

import sys

from ._inputs import ResponseParts, response_parts

# Transport failures of each client, by the module its classes live in and their names.
TRANSPORT_ERRORS: dict[str, frozenset[str]] = {
    "httpx": frozenset({"TransportError"}),
    "requests": frozenset(
        {"ConnectionError", "Timeout", "ChunkedEncodingError", "ContentDecodingError"}
    ),
    "aiohttp": frozenset(
        {
            "ClientConnectionError",
            "ClientPayloadError",
            "ServerTimeoutError",
            "ConnectionTimeoutError",
        }
    ),
    "urllib3": frozenset(
        {
            "ProtocolError",
            "TimeoutError",
            "MaxRetryError",
            "NewConnectionError",
            "SSLError",
            "ProxyError",
        }
    ),
}


def _timeouts() -> tuple[type[BaseException], ...]:
    """TimeoutError, and asyncio's own where it differs (Python 3.10). asyncio is not imported
    for this: it costs more than the whole package, and none of its errors exists before it is."""
    asyncio = sys.modules.get("asyncio")
    if asyncio is None or asyncio.TimeoutError is TimeoutError:
        return (TimeoutError,)
    return (TimeoutError, asyncio.TimeoutError)


def _library(klass: type) -> str:
    return klass.__module__.split(".", 1)[0]


def is_transport_failure(exc: BaseException) -> bool:
    if not isinstance(exc, Exception):
        return False  # KeyboardInterrupt, SystemExit, GeneratorExit, CancelledError
    known = [k for k in type(exc).__mro__ if _library(k) in TRANSPORT_ERRORS]
    if known:
        return any(k.__name__ in TRANSPORT_ERRORS[_library(k)] for k in known)
    return isinstance(exc, (OSError, *_timeouts()))


def is_timeout(exc: BaseException) -> bool:
    if isinstance(exc, _timeouts()):
        return True
    return any("timeout" in klass.__name__.lower() for klass in type(exc).__mro__)


def carried_response(exc: BaseException) -> ResponseParts | None:
    """The response an HTTP status error carries: httpx.HTTPStatusError and requests.HTTPError
    hold it whole; aiohttp's ClientResponseError keeps only the status and headers."""
    response = getattr(exc, "response", None)
    if response is not None:
        try:
            return response_parts(response)
        except TypeError:
            return None
    status = getattr(exc, "status", None)
    if type(status) is int and any(_library(k) == "aiohttp" for k in type(exc).__mro__):
        info = getattr(exc, "request_info", None)
        url = getattr(info, "real_url", None) or getattr(info, "url", None)
        headers = getattr(exc, "headers", None)
        return ResponseParts(status, headers, None, None if url is None else str(url))
    return None
