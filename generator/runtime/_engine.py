# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Turns a raw response into an error object, driven by an exchange's generated tables:
the body is read (_body), each error in it matched (_match), and the HTTP status decides
when the body names no error."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from . import _body, _inputs, _lane, _network, _pages
from ._base import ErrorBase, build_error
from ._body import EMPTY, NOT_JSON, Entries, Envelope, MalformedBodyError
from ._match import NO_PARAMS, REPORTED, Found, fallback, find, find_message, lineage
from ._tables import Frame, Tables, WebSocketSpec, scope_chain
from ._verdict import (
    build,
    by_status,
    find_one,
    is_failure,
    settle,
    status_default,
)

E = TypeVar("E", bound=ErrorBase)
W = TypeVar("W", bound=Warning)

Body = bytes | bytearray | memoryview | str | Mapping[str, Any] | list[Any] | int | float | None
# Any mapping of header names to values, or (name, value) pairs as http.client gives them.
Headers = Mapping[str, str] | Iterable[tuple[str, str]] | None

# How many errors of one response are classified one by one; all of them stay in `errors`.
MAX_CLASSIFIED = 100
# The categories the engine itself raises; the generator requires every taxonomy to have them.
REQUIRED_CATEGORIES = (
    "exchange_unavailable",
    "invalid_response",
    "network_error",
    "rate_limited",
    "request_timeout",
    "unexpected_status",
    "websocket_error",
)
__all__ = ["Body", "Frame", "Headers", "Tables", "WebSocketSpec"]


def api_of_url(tables: Tables[E], url: str) -> str | None:
    """The API a request URL went to, by the fragments the spec declares; None for the usual."""
    lowered = url.lower()
    for fragment, api in tables.url_patterns:
        if fragment in lowered:
            return api
    return None


def _api_of_shape(tables: Tables[E], parsed: object, given: str | None) -> str | None:
    """The API whose bodies alone have this shape: a top-level field that holds a string
    ("string"), or that is there at all ("present"). A field that only one API's bodies have
    at all names that API even when `api=` names another (an older version's envelope met
    under the current one's name); a string field decides only where no API was given."""
    if not tables.shape_fields or type(parsed) is not dict:
        return None
    for field, api, kind in tables.shape_fields:
        if kind == "present":
            if field in parsed:
                return api
        elif given is None and type(parsed.get(field)) is str:
            return api
    return None


def _without_api_error(
    tables: Tables[E],
    status: int | None,
    body: object,
    problem: str | None,
    message: str = "",
) -> E | None:
    """A response whose body names no API error: the status decides, else the body's shape."""
    cls = by_status(tables, status)
    if cls is not None:
        return build_error(cls, message, None, status, body, NO_PARAMS, "status", None)
    if status is not None and tables.index.fallbacks:
        found = fallback(tables.index, status, message)
        if found is not None:
            return build_error(found[0], message, None, status, body, NO_PARAMS, "fallback", None)
    categories = tables.categories
    if is_failure(status):
        cls = status_default(tables, status)
        return build_error(cls, message, None, status, body, NO_PARAMS, "status", None)
    if problem is not None:
        invalid = categories["invalid_response"]
        return build_error(invalid, problem, None, status, body, NO_PARAMS, "envelope", None)
    return None


def page_error(tables: Tables[E], status: int | None, body: object, page: str) -> E | None:
    """An error page (HTML or text): the spec's page rules read its words, else the status
    decides; its title is the message, the page stays whole in `raw`."""
    title = _pages.summary(page)
    category = _pages.matching_rule(tables.page_rules, _pages.visible_text(page), status)
    if category is not None:
        documented = by_status(tables, status)
        if documented is None and status is not None:
            found = fallback(tables.index, status, title)
            documented = None if found is None else found[0]
        documented_lineage = (
            () if documented is None else lineage(documented.category, tables.index.parents)
        )
        if documented is not None and category in documented_lineage:
            # The exchange documents this status with the page's meaning: its class says more.
            return build_error(documented, title, None, status, body, NO_PARAMS, "status", None)
        # A page is the exchange's answer: a category reported in answers takes that class.
        cls = tables.categories.get(REPORTED + category) or tables.categories[category]
        return build_error(cls, title, None, status, body, NO_PARAMS, "page", None)
    problem = f"the body is not JSON: {title}" if title else "the body is not JSON"
    return _without_api_error(tables, status, body, problem, title)


# What the body of one text decides: its (code, message) entries, its warnings, and what
# each classified entry matched.
Decision = tuple[Entries, list[str], tuple[Found[E] | None, ...]]


def _parse(tables: Tables[E], envelope: Envelope, api: str | None, text: object) -> object:
    """The parsed body (the short way, already tried, did not find its plain error shape);
    the API's short way is made here, once the API is known to exist."""
    if api not in tables.routes:
        api_fields = frozenset(field for field, _, _ in tables.shape_fields)
        tables.routes[api] = _lane.route_for(envelope, api_fields)
    return _body.parse_text(text)


def examine(
    tables: Tables[E],
    *,
    status: object,
    body: object,
    api: object,
    headers: object = None,
    url: object = None,
    lane: bool = True,
) -> tuple[E | None, list[str]]:
    """The error a response carries (or None) and the warnings beside it. Wrong arguments
    raise TypeError or ValueError at once. A Retry-After header, when given, decides
    `retry_after` over everything the spec says. `lane=False`: the caller has already tried
    the short way on these arguments."""
    if lane and headers is None and url is None:
        answered = _lane.answer(tables, status, body, api)
        if answered is not None:
            return answered, []
    checked_status = _inputs.checked_status(status)
    checked_body = _inputs.checked_body(body)
    given_api = _inputs.checked_text(api, "api")
    header_map = _inputs.header_map(headers, tables.wanted_headers)
    request_url = _inputs.checked_text(url, "url")
    if given_api is None and request_url:
        given_api = api_of_url(tables, request_url)
    if headers is not None or url is not None:  # an HTTP client's response, in parts
        # The short way once the URL has named the API; the headers and the URL then add
        # what they add to any error.
        error = _lane.answer(tables, checked_status, checked_body, given_api)
        if error is not None:
            settle(tables, error, checked_status, header_map, request_url)
            return error, []
    error, notices = _examine(tables, checked_status, checked_body, given_api)
    if error is not None:
        settle(tables, error, checked_status, header_map, request_url)
    return error, notices


def _examine(
    tables: Tables[E], status: int | None, body: object, api: str | None
) -> tuple[E | None, list[str]]:
    chain = scope_chain(tables, api)
    envelope = tables.scope_envelopes.get(api, tables.envelope) if api else tables.envelope
    text = _body.decode_text(body)
    parsed = _parse(tables, envelope, api, text)
    detected = _api_of_shape(tables, parsed, api)
    if detected is not None and detected != api:
        return _examine(tables, status, body, detected)
    if parsed is NOT_JSON:
        if type(text) is str:
            return page_error(tables, status, body, text), []
        return _without_api_error(tables, status, body, "the body is not UTF-8"), []
    if parsed is EMPTY:
        # Every answer of a JSON API has a body; 204 says it has none on purpose.
        problem = None if status == 204 else "the body is empty"
        return _without_api_error(tables, status, body, problem), []
    try:
        extracted = _body.extract(envelope, parsed)
    except MalformedBodyError as exc:
        # Without the fields an error report needs, a body that says it failed is still one,
        # and its message is still its words (KuCoin's {"msg": ..., "success": false}).
        said = _body.message_of(envelope, parsed)
        if _body.flags_failure(envelope, parsed):
            return _flagged(tables, chain, said, status, body), []
        return _without_api_error(tables, status, body, str(exc), said), []
    except Exception as exc:  # a mapping subclass whose own methods raise
        problem = f"the body could not be read: {type(exc).__name__}"
        return _without_api_error(tables, status, body, problem), []
    entries, notices = extracted
    if not entries:
        said = _body.message_of(envelope, parsed)
        if _body.flags_failure(envelope, parsed):
            return _flagged(tables, chain, said, status, body), notices
        # No error code and no flag, but a message the spec documents word for word as an
        # error: the exchange left out its code (or sent its success code), not its failure.
        # The words say more than a failing status does.
        known = _documented_message(tables, envelope, chain, parsed, said)
        if known is not None:
            cls, _, _, scope = known
            error = build_error(cls, said, None, status, body, NO_PARAMS, "message", scope)
            return error, notices
        if not is_failure(status):
            return None, notices
        return _without_api_error(tables, status, body, None, said), notices
    if len(entries) == 1:  # the usual case, without the bookkeeping of several
        code, message = entries[0]
        found = find_one(tables, api, chain, code, message)
        error = build(tables, found, code, message, status, body)
    else:
        index = tables.index
        matches = tuple(find(index, chain, c, m) for c, m in entries[:MAX_CLASSIFIED])
        error = _several(tables, (entries, notices, matches), status, body)
    if envelope.item_list_field or envelope.status_fields or type(parsed) is list:
        # a batch: its failed items, and whether some went through; without any, the
        # error's own class says (OKX's code 2 is partial whatever its items)
        failed, partial = _body.batch_report(envelope, parsed)
        if failed:
            error.failed_items, error.partial = failed, partial
    if notices:
        error.warnings = list(notices)
    return error, list(notices)


def _several(tables: Tables[E], decision: Decision[E], status: int | None, body: object) -> E:
    """Several errors at once (Kraken): the most specific one stands for the response."""
    entries, notices, found = decision
    built = [
        build(tables, match, code, message, status, body)
        for match, (code, message) in zip(found, entries, strict=False)
    ]
    chosen = max(built, key=lambda error: len(lineage(error.category, tables.index.parents)))
    chosen.errors = [message for _, message in entries]
    chosen.details = tuple(built)
    chosen.warnings = list(notices)
    return chosen


def _documented_message(
    tables: Tables[E],
    envelope: Envelope,
    chain: tuple[str, ...] | None,
    parsed: object,
    said: str,
) -> Found[E] | None:
    """The meaning of a message that is one of the spec's error texts exactly (no template, no
    rule on its words) in a body that names no error code, or None. A body that carries the
    data every success carries (KuCoin's `data`) is a success whatever its message says."""
    if not said or not isinstance(parsed, Mapping):
        return None
    data = envelope.success_data_field
    if data is not None and _body.get_path(parsed, data) is not None:
        return None
    found = find_message(tables.index, chain, said)
    return found if found is not None and found[2] == "message" else None


def _flagged(
    tables: Tables[E],
    chain: tuple[str, ...] | None,
    message: str,
    status: int | None,
    body: object,
) -> E:
    """A body that says it failed (`"success": false`) but names no code: its message decides,
    else its status, else it is the exchange's API error."""
    found = find_message(tables.index, chain, message) or fallback(tables.index, status, message)
    if found is not None:
        cls, params, rule, scope = found
        return build_error(cls, message, None, status, body, params, "flag+" + rule, scope)
    cls = by_status(tables, status) or (
        status_default(tables, status) if is_failure(status) else tables.api_root
    )
    return build_error(cls, message, None, status, body, NO_PARAMS, "failure flag", None)


def examine_response(
    tables: Tables[E], response: object, api: object
) -> tuple[E | None, list[str]]:
    """examine() of an HTTP client's response object: its status, headers, body and URL."""
    return _examine_parts(tables, _inputs.response_parts(response), api)


def _examine_parts(
    tables: Tables[E], parts: _inputs.ResponseParts, api: object
) -> tuple[E | None, list[str]]:
    return examine(
        tables,
        status=parts.status,
        body=parts.body,
        api=api,
        headers=parts.headers,
        url=parts.url,
    )


def warnings_in(
    tables: Tables[E], warning: Callable[..., W], *, body: Body, api: str | None
) -> list[W]:
    """The warnings a response carries beside its result (Kraken's W strings), each made by
    the package's warning class."""
    notices = examine(tables, status=None, body=body, api=api)[1]
    return [warning(text, exchange=tables.exchange) for text in notices]


def raise_for(
    tables: Tables[E],
    warning: Callable[..., Warning],
    response: object,
    *,
    status: object,
    body: object,
    api: object,
    headers: object,
    url: object,
    stacklevel: int,
    lane: bool = True,
) -> None:
    """Raise the error a response carries (an HTTP client's response, or its parts) and issue
    its warnings through the warnings module, attributed `stacklevel` frames above the caller
    of this function's caller (1: that caller's caller)."""
    if response is not None:
        error, notices = examine_response(tables, response, api)
    else:
        error, notices = examine(
            tables, status=status, body=body, api=api, headers=headers, url=url, lane=lane
        )
    for text in notices:
        # This frame and raise_for_response's own are not the caller's.
        warnings.warn(warning(text, exchange=tables.exchange), stacklevel=stacklevel + 2)
    if error is not None:
        try:
            raise error
        finally:
            error = None  # no cycle from the traceback through this frame to the error


def body_for_code(tables: Tables[E], code: str, api: str | None) -> dict[str, Any] | None:
    """A minimal error body carrying `code`, as the exchange's envelope would; None when the
    exchange reports errors by HTTP status only."""
    envelope = tables.scope_envelopes.get(api, tables.envelope) if api else tables.envelope
    body: dict[str, Any] = {}
    if envelope.error_list_field is not None:
        _body.put(body, envelope.error_list_field, [code])
        return body
    value = _body.coerce_code(code, envelope.code_type)
    if envelope.code_field is not None:
        _body.put(body, envelope.code_field, value)
        if envelope.message_field is not None:
            _body.put(body, envelope.message_field, "")
        return body
    if envelope.item_list_field is not None and envelope.item_code_field is not None:
        item: dict[str, Any] = {}
        _body.put(item, envelope.item_code_field, value)
        _body.put(body, envelope.item_list_field, [item])
        return body
    return None


def wrap_network_error(
    categories: Mapping[str, type[E]], exc: BaseException, tables: Tables[E] | None = None
) -> E:
    """The exchange's NetworkError (RequestTimeout for a timeout) for an HTTP client's
    transport failure; the classified response for an HTTP status error that carries one.
    Anything else is not a network failure and raises TypeError."""
    if not isinstance(exc, BaseException):
        raise TypeError(f"wrap_network_error takes an exception; got {type(exc).__name__}")
    parts = _network.carried_response(exc)
    if parts is not None:
        if tables is None:
            raise TypeError(
                f"{type(exc).__name__} carries the exchange's response: pass exchange= so that"
                " the error in it is classified"
            )
        error = _examine_parts(tables, parts, None)[0]
        if error is not None:
            error.__cause__ = exc
            return error
    if not _network.is_transport_failure(exc):
        raise TypeError(
            f"{type(exc).__name__} is not a network failure: wrap_network_error takes what an"
            " HTTP client raises when no answer arrived (OSError, TimeoutError, httpx's"
            " TransportError, requests' ConnectionError and Timeout, aiohttp's"
            " ClientConnectionError, urllib3's ProtocolError); classify answers with"
            " classify_response"
        )
    cls = categories["request_timeout" if _network.is_timeout(exc) else "network_error"]
    text = f"{type(exc).__name__}: {exc}".rstrip(": ")
    error = build_error(cls, text, None, None, None, NO_PARAMS, "network", None)
    error.__cause__ = exc
    return error
