# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""What a caller hands the package, checked and put in one form: bodies, statuses, headers,
and the parts of an HTTP client's response. A wrong call raises TypeError at once, naming
the fix, because a wrong call that returned None would read as a success."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

# Bodies taken as they are: already the form the engine reads.
_PLAIN_BODIES = (bytes, str, dict, list, type(None))
# Attributes by which an HTTP client's response object gives itself away.
_RESPONSE_HINTS = ("status_code", "status", "content", "headers")


def _type_name(value: object) -> str:
    kind = type(value)
    module = kind.__module__.split(".", 1)[0]
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def _looks_like_response(value: object) -> bool:
    # Looked up on the type and the instance's own dict: a __getattr__ may raise or lie.
    names = set(dir(type(value)))
    with contextlib.suppress(TypeError):  # no __dict__
        names.update(vars(value))
    return sum(name in names for name in _RESPONSE_HINTS) >= 2


def checked_body(body: object) -> object:
    """The body in a form every error can keep and pickle: bytes-like bodies as bytes, text as
    a plain str, parsed JSON values as given. Anything else is a wrong call."""
    kind = type(body)
    if kind in _PLAIN_BODIES:
        return body
    if isinstance(body, (bytes, bytearray, memoryview)):
        try:
            return bytes(body)
        except Exception as exc:  # a subclass whose buffer cannot be read
            raise TypeError(f"the body could not be read as bytes: {exc!r}") from exc
    if isinstance(body, str):
        return str.__str__(body)  # a plain copy: a subclass's hooks never run again
    if isinstance(body, (int, float, Mapping, list, tuple)):
        return body  # a parsed JSON value (bool is an int)
    if _looks_like_response(body):
        raise TypeError(
            f"got {_type_name(body)}: pass response.content (and status=response.status_code),"
            " or call classify_response(exchange, response)"
        )
    raise TypeError(
        f"body must be bytes, bytearray, memoryview, str, None or a parsed JSON value"
        f" (dict, list, str, number, bool); got {_type_name(body)}"
    )


def checked_status(status: object) -> int | None:
    if status is None or (type(status) is int):
        return status
    if isinstance(status, int) and not isinstance(status, bool):
        return int(status)  # an IntEnum such as http.HTTPStatus
    raise TypeError(
        f"status must be an int (response.status_code) or None; got {_type_name(status)}"
        f" {status!r}"
    )


def checked_text(value: object, what: str) -> str | None:
    if value is None or type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    raise TypeError(f"{what} must be a str or None; got {_type_name(value)}")


def _header_text(value: object) -> str:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")
    return str(value)


def header_map(headers: object, wanted: frozenset[str]) -> dict[str, str] | None:
    """The `wanted` headers, keyed by lower-case name (the first value of a repeated header),
    from any mapping or iterable of (name, value) pairs. A response carries a score of
    headers; the engine reads two or three of them."""
    if headers is None:
        return None
    if isinstance(headers, (str, bytes, bytearray)):
        raise TypeError("headers must be a mapping or (name, value) pairs, not a string")
    try:
        pairs: Iterable[Any] = headers.items() if isinstance(headers, Mapping) else headers  # type: ignore[assignment]
        found: dict[str, str] = {}
        for name, value in pairs:
            key = (name if type(name) is str else _header_text(name)).strip().lower()
            if key in wanted and key not in found:
                found[key] = _header_text(value).strip()
    except (TypeError, ValueError):  # not pairs
        raise TypeError(
            f"headers must be a mapping or an iterable of (name, value) pairs; got"
            f" {_type_name(headers)}"
        ) from None
    return found


class ResponseParts(NamedTuple):
    status: int | None
    headers: object
    body: object
    url: str | None


def _attribute(response: object, name: str) -> Any:
    return getattr(response, name, None)


def response_parts(response: object) -> ResponseParts:
    """Status, headers, body and URL of a requests, httpx (read) or urllib3 response."""
    status = _attribute(response, "status_code")
    if status is None:
        status = _attribute(response, "status")
    if status is None:
        raise TypeError(
            f"got {_type_name(response)}: classify_response takes an HTTP client's response"
            " (requests, httpx, urllib3; aiohttp through aclassify_response)"
        )
    body = _response_body(response)
    url = _attribute(response, "url")
    if url is None and callable(_attribute(response, "geturl")):
        url = response.geturl()  # type: ignore[attr-defined]
    return ResponseParts(
        checked_status(status),
        _attribute(response, "headers"),
        body,
        None if url is None else str(url),
    )


def _response_body(response: object) -> object:
    try:
        content = _attribute(response, "content")
    except Exception as exc:  # httpx raises ResponseNotRead for a stream not read yet
        raise TypeError(
            f"the body of this {_type_name(response)} has not been read: call response.read()"
            " (or await response.aread()) first"
        ) from exc
    if isinstance(content, (bytes, bytearray)):
        return bytes(content)
    data = _attribute(response, "data")  # urllib3
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if content is not None and callable(_attribute(content, "read")):
        raise TypeError(
            f"the body of this {_type_name(response)} is a stream: for aiohttp use"
            " `await aclassify_response(exchange, response)`"
        )
    if content is None and data is None:
        return None
    raise TypeError(f"could not read the body of {_type_name(response)}")
