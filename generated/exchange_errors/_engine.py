# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Turns a raw response into an error object, driven by an exchange's generated tables:
the body is read (_body), each error in it matched (_match), and the HTTP status decides
when the body names no error."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

from . import _body
from ._base import ErrorBase, build_error
from ._body import EMPTY, NOT_JSON, Code, Entries, Envelope, MalformedBodyError, Reader
from ._match import NO_PARAMS, Found, Index, fallback, find, lineage

E = TypeVar("E", bound=ErrorBase)
W = TypeVar("W", bound=Warning)

Body = bytes | bytearray | memoryview | str | Mapping[str, Any] | list[Any] | None

# How many errors of one response are classified one by one; all of them stay in `errors`.
MAX_CLASSIFIED = 100
# Error bodies repeat verbatim (a bot retrying into the same rate limit or empty balance):
# what a short body decides is remembered, up to this many bodies.
MEMO_SIZE = 1024
MEMO_TEXT_LIMIT = 1024
_UNSET: Any = object()


class WebSocketSpec(NamedTuple):
    method_field: str
    success_field: str
    error_field: str
    req_id_field: str | None
    kinds: Mapping[str, str]  # method -> category id of the class a rejection becomes
    raised_as_meaning: frozenset[str]


class Tables(Generic[E]):
    """Everything an exchange module tells the engine."""

    __slots__ = (
        "api_root",
        "chains",
        "envelope",
        "exchange",
        "fast",
        "index",
        "memo",
        "root",
        "scope_envelopes",
        "status_ranges",
        "statuses",
        "websocket",
    )

    def __init__(
        self,
        *,
        exchange: str,
        root: type[E],
        api_root: type[E],
        envelope: Envelope,
        scope_envelopes: Mapping[str, Envelope],
        chains: Mapping[str, tuple[str, ...]],
        index: Index[E],
        statuses: Mapping[int, type[E]],
        status_ranges: tuple[tuple[int, int, type[E]], ...],
        websocket: WebSocketSpec | None = None,
    ) -> None:
        self.exchange = exchange
        self.root = root
        self.api_root = api_root
        self.envelope = envelope
        self.scope_envelopes = scope_envelopes
        self.chains = chains
        self.index = index
        self.statuses = statuses
        self.status_ranges = status_ranges
        self.websocket = websocket
        # The fast-path reader of each api's envelope, made on first use.
        self.fast: dict[str | None, Reader | None] = {}
        # What recently seen short bodies decided, by (api, body as bytes or text).
        self.memo: dict[tuple[str | None, Any], Any] = {}

    @property
    def categories(self) -> Mapping[str, type[E]]:
        return self.index.categories


def scope_chain(tables: Tables[E], api: str | None) -> tuple[str, ...] | None:
    if api is None:
        return None
    chain = tables.chains.get(api)
    if chain is None:
        known = ", ".join(sorted(tables.chains))
        raise ValueError(f"unknown api {api!r} for {tables.exchange}; known: {known}")
    return chain


def _is_failure(status: int | None) -> bool:
    return status is not None and not 100 <= status < 400


def _by_status(tables: Tables[E], status: int | None) -> type[E] | None:
    if status is None:
        return None
    cls = tables.statuses.get(status)
    if cls is not None:
        return cls
    for low, high, ranged in tables.status_ranges:
        if low <= status <= high:
            return ranged
    return None


def _without_api_error(
    tables: Tables[E],
    status: int | None,
    body: object,
    problem: str | None,
    message: str = "",
) -> E | None:
    """A response whose body names no API error: the status decides, else the body's shape."""
    cls = _by_status(tables, status)
    if cls is not None:
        return build_error(cls, message, None, status, body, NO_PARAMS, "status", None)
    if status is not None and tables.index.fallbacks:
        found = fallback(tables.index, status, message)
        if found is not None:
            return build_error(found[0], message, None, status, body, NO_PARAMS, "fallback", None)
    categories = tables.categories
    if _is_failure(status):
        # Category ids are part of the public contract; these two are the response layer's.
        unexpected = categories["unexpected_status"]
        return build_error(unexpected, message, None, status, body, NO_PARAMS, "status", None)
    if problem is not None:
        invalid = categories["invalid_response"]
        return build_error(invalid, problem, None, status, body, NO_PARAMS, "envelope", None)
    return None


# What the body of one text decides: its (code, message) entries, its warnings, and what
# each classified entry matched.
Decision = tuple[Entries, list[str], tuple[Found[E] | None, ...]]


def _read(
    tables: Tables[E], envelope: Envelope, api: str | None, text: object
) -> tuple[object, tuple[Entries, list[str]] | None]:
    """The parsed body and, when the fast path recognised it, its entries and warnings."""
    if type(text) is str:
        reader = tables.fast.get(api, _UNSET)
        if reader is _UNSET:
            reader = tables.fast[api] = _body.fast_reader(envelope)
        if reader is not None:
            extracted = reader(text)
            if extracted is not None:
                return None, extracted
    return _body.parse_text(text), None


def examine(
    tables: Tables[E],
    *,
    status: int | None,
    body: Body,
    api: str | None,
    headers: Mapping[str, str] | None = None,
) -> tuple[E | None, list[str]]:
    """The error a response carries (or None) and the warnings beside it. A Retry-After
    header, when given, decides `retry_after` over everything the spec says."""
    error, notices = _examine(tables, status, body, api)
    if headers and error is not None:
        waited = retry_after_header(headers)
        if waited is not None:
            error.retry_after = waited
    return error, notices


def _examine(
    tables: Tables[E], status: int | None, body: Body, api: str | None
) -> tuple[E | None, list[str]]:
    chain = scope_chain(tables, api)
    key = None
    if isinstance(body, (bytes, str)) and len(body) <= MEMO_TEXT_LIMIT:
        key = (api, body)
    decision = tables.memo.get(key) if key is not None else None
    if decision is None:
        envelope = tables.scope_envelopes.get(api, tables.envelope) if api else tables.envelope
        parsed, extracted = _read(tables, envelope, api, _body.decode_text(body))
        if extracted is None:
            if parsed is NOT_JSON:
                return _without_api_error(tables, status, body, "the body is not JSON"), []
            if parsed is EMPTY:
                problem = "the body is empty" if envelope.required_fields else None
                return _without_api_error(tables, status, body, problem), []
            try:
                extracted = _body.extract(envelope, parsed)
            except MalformedBodyError as exc:
                return _without_api_error(tables, status, body, str(exc)), []
        entries, notices = extracted
        if not entries:
            if not _is_failure(status):
                return None, notices
            said = _body.message_of(envelope, parsed)
            return _without_api_error(tables, status, body, None, said), notices
        index = tables.index
        if len(entries) == 1:
            code, message = entries[0]
            found: tuple[Found[E] | None, ...] = (find(index, chain, code, message),)
        else:
            found = tuple(find(index, chain, c, m) for c, m in entries[:MAX_CLASSIFIED])
        decision = (entries, notices, found)
        if key is not None:
            memo = tables.memo
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = decision
    entries, notices, found = decision
    if len(found) == 1:  # the usual case, without the bookkeeping of several
        code, message = entries[0]
        error = _build(tables, found[0], code, message, status, body)
        error.details = (error,)
        if notices:
            error.warnings = list(notices)
            return error, list(notices)
        return error, []
    return _several(tables, decision, status, body), list(notices)


def _several(tables: Tables[E], decision: Decision[E], status: int | None, body: object) -> E:
    """Several errors at once (Kraken): the most specific one stands for the response."""
    entries, notices, found = decision
    built = [
        _build(tables, match, code, message, status, body)
        for match, (code, message) in zip(found, entries, strict=False)
    ]
    chosen = max(built, key=lambda error: len(lineage(error.category, tables.index.parents)))
    chosen.errors = [message for _, message in entries]
    chosen.details = tuple(built)
    chosen.warnings = list(notices)
    return chosen


def _build(
    tables: Tables[E],
    found: Found[E] | None,
    code: Code,
    message: str,
    status: int | None,
    body: object,
) -> E:
    if found is None:
        found = fallback(tables.index, status, message)
        if found is None:
            return build_error(
                tables.api_root, message, code, status, body, NO_PARAMS, "unknown code", None
            )
    cls, params, rule, scope = found
    error = build_error(cls, message, code, status, body, params, rule, scope)
    until = cls.retry_until_param
    if until is not None and until in params:
        error.retry_after = _seconds_until(params[until])
    return error


def _seconds_until(epoch_ms: str) -> float | None:
    try:
        return max(0.0, int(epoch_ms) / 1000 - time.time())
    except ValueError:
        return None


def retry_after_header(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if value is None:
        return None
    value = str(value).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # only for the rare date form

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def classify(
    tables: Tables[E],
    *,
    status: int | None,
    body: Body,
    api: str | None,
    headers: Mapping[str, str] | None,
) -> E | None:
    return examine(tables, status=status, body=body, api=api, headers=headers)[0]


def warnings_in(
    tables: Tables[E], warning: Callable[..., W], *, body: Body, api: str | None
) -> list[W]:
    """The warnings a response carries beside its result (Kraken's W strings), each made by
    the package's warning class."""
    notices = examine(tables, status=None, body=body, api=api)[1]
    return [warning(text, exchange=tables.exchange) for text in notices]


def issue_warnings(tables: Tables[E], notices: list[str], warning: Callable[..., Warning]) -> None:
    """Issue a response's warnings through the warnings module, attributed to the caller of
    raise_for_response."""
    for text in notices:
        warnings.warn(warning(text, exchange=tables.exchange), stacklevel=3)


def classify_ws(tables: Tables[E], message: Body) -> E | None:
    """The error a WebSocket response reports, or None for a success or a data message."""
    spec = tables.websocket
    if spec is None:
        raise ValueError(f"{tables.exchange} has no WebSocket spec")
    frame = _body.parse_text(_body.decode_text(message))
    if frame is NOT_JSON:
        invalid = tables.categories["invalid_response"]
        text = "the WebSocket message is not JSON"
        return build_error(invalid, text, None, None, message, NO_PARAMS, "envelope", None)
    if not isinstance(frame, Mapping) or frame.get(spec.success_field) is not False:
        return None
    text = _body.text_of(frame.get(spec.error_field))
    req_id = frame.get(spec.req_id_field) if spec.req_id_field else None
    if not isinstance(req_id, int) or isinstance(req_id, bool):
        req_id = None
    meaning = _build(tables, find(tables.index, None, text, text), text, text, None, message)
    meaning.req_id = req_id
    if any(c in spec.raised_as_meaning for c in lineage(meaning.category, tables.index.parents)):
        return meaning
    kind = spec.kinds.get(_body.text_of(frame.get(spec.method_field)), "websocket_error")
    error = build_error(
        tables.categories[kind], text, text, None, message, NO_PARAMS, "websocket", None
    )
    error.req_id = req_id
    error.details = (meaning,)
    return error


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


def wrap_network_error(categories: Mapping[str, type[E]], exc: BaseException) -> E:
    """The exchange's NetworkError (RequestTimeout for a timeout) for an HTTP client's own
    exception. Client libraries are recognised by their class names, so none is imported."""
    names = {klass.__name__.lower() for klass in type(exc).__mro__}
    timeout = isinstance(exc, TimeoutError) or any("timeout" in name for name in names)
    cls = categories["request_timeout" if timeout else "network_error"]
    text = f"{type(exc).__name__}: {exc}".rstrip(": ")
    error = build_error(cls, text, None, None, None, NO_PARAMS, "network", None)
    error.__cause__ = exc
    return error
