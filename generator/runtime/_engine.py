# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Turns a raw response into an error object, driven by an exchange's generated tables:
the body is read (_body), each error in it matched (_match), and the HTTP status decides
when the body names no error."""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

from . import _body, _inputs, _network, _pages
from ._base import ErrorBase, both, build_error
from ._body import EMPTY, NOT_JSON, Code, Entries, Envelope, MalformedBodyError, Reader
from ._match import NO_PARAMS, Found, Index, fallback, find, find_message, lineage

E = TypeVar("E", bound=ErrorBase)
W = TypeVar("W", bound=Warning)

Body = bytes | bytearray | memoryview | str | Mapping[str, Any] | list[Any] | int | float | None
# Any mapping of header names to values, or (name, value) pairs as http.client gives them.
Headers = Mapping[str, str] | Iterable[tuple[str, str]] | None

# How many errors of one response are classified one by one; all of them stay in `errors`.
MAX_CLASSIFIED = 100
# Error bodies repeat verbatim (a bot retrying into the same rate limit or empty balance):
# what a short body decides is remembered, up to this many bodies.
MEMO_SIZE = 1024
# Documented pairs are a few thousand; spellings that differ only in case could be more.
DOCUMENTED_PAIRS = 8192
MEMO_TEXT_LIMIT = 1024
_UNSET: Any = object()
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
# The key prefix, in an index's categories, of the class of a category of another layer that
# an exchange reports in its answer ("reported request_timeout": a gateway's timeout).
REPORTED = "reported "
REPORTED_TIMEOUT = REPORTED + "request_timeout"
GATEWAY_TIMEOUT = 504
# Retry policies that repeat a request on their own; when the outcome is unknown they would
# place an order twice, so they become "confirm_first".
_REPEATING = frozenset({"backoff", "after"})
# How an error is known by its words alone, its code documented nowhere with them.
_BY_WORDS = frozenset({"fallback", "message", "template"})
# How a declared rate-limit header gives its value, as seconds to wait.
HEADER_UNITS = ("seconds", "milliseconds", "epoch_seconds", "epoch_milliseconds")


class Frame(NamedTuple):
    """One shape of WebSocket response: where it names the request's method, the field whose
    value marks a failure (any value when none are listed), the error's text, the request
    id, the error's code (when apart from its text), and the layer category of a failure whose
    method names none. Paths are dotted."""

    method_field: str
    flag_field: str
    failure_values: tuple[object, ...]
    error_field: str
    req_id_field: str | None
    code_field: str | None = None
    kind: str | None = None
    # Values of the flag that mean success: any other value is a failure (Bybit's retCode 0).
    success_values: tuple[object, ...] = ()


def _at(frame: Mapping[str, Any], path: str | None) -> Any:
    return _body.get_path(frame, tuple(path.split("."))) if path else None


class WebSocketSpec(NamedTuple):
    kinds: Mapping[str, str]  # method -> category id of the class a rejection becomes
    raised_as_meaning: frozenset[str]
    frames: tuple[Frame, ...]  # each shape a response may take, tried in order


class Tables(Generic[E]):
    """Everything an exchange module tells the engine."""

    __slots__ = (
        "api_root",
        "chains",
        "documented",
        "envelope",
        "exchange",
        "fast",
        "index",
        "make_index",
        "memo",
        "order_urls",
        "page_rules",
        "rate_limit_headers",
        "root",
        "scope_envelopes",
        "shape_fields",
        "status_ranges",
        "statuses",
        "url_patterns",
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
        index: Callable[[], Index[E]],
        statuses: Mapping[int, type[E]],
        status_ranges: tuple[tuple[int, int, type[E]], ...],
        websocket: WebSocketSpec | None = None,
        url_patterns: tuple[tuple[str, str], ...] = (),
        shape_fields: tuple[tuple[str, str, str], ...] = (),
        rate_limit_headers: tuple[tuple[str, str], ...] = (),
        page_rules: tuple[tuple[tuple[str, ...], frozenset[int], str], ...] = (),
        order_urls: tuple[str, ...] = (),
    ) -> None:
        self.exchange = exchange
        self.root = root
        self.api_root = api_root
        self.envelope = envelope
        self.scope_envelopes = scope_envelopes
        self.chains = chains
        # The match tables are made on first use: for a thousand codes they cost more than the
        # rest of the module's import (see __getattr__).
        self.make_index = index
        self.statuses = statuses
        self.status_ranges = status_ranges
        self.websocket = websocket
        # (fragment of a request URL, api): the API a URL with that fragment went to.
        self.url_patterns = url_patterns
        # (top-level field, api, "string" or "present"): a body whose field holds a string, or
        # has the field at all, came from that API.
        self.shape_fields = shape_fields
        # (lower-case header name, unit): when a rate-limited client may come back.
        self.rate_limit_headers = rate_limit_headers
        # (words, statuses, category id): what an error page holding the words means.
        self.page_rules = page_rules
        # Fragments of the URLs that place, amend or cancel orders.
        self.order_urls = order_urls
        # The fast-path reader of each api's envelope, made on first use.
        self.fast: dict[str | None, Reader | None] = {}
        # Documented (code, message) pairs as they came on the wire, by API: what they mean.
        self.documented: dict[tuple[str | None, Code, str], Found[E]] = {}
        # What recently seen short bodies decided, by (api, body as bytes or text).
        self.memo: dict[tuple[str | None, Any], Any] = {}

    index: Index[E]

    def __getattr__(self, name: str) -> Any:
        # Only reached while the `index` slot is still empty: a slot, once set, is found first.
        if name != "index":
            raise AttributeError(name)
        index = self.make_index()
        self.index = index
        return index

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


def _undocumented_failure(tables: Tables[E], error: ErrorBase) -> bool:
    """An error no spec documents whose order may still have gone through: an unknown code,
    or the exchange failing in words no document gives that code (a "system busy" read by its
    message); a refusal (a balance, a rate limit) means the order was not placed."""
    if error.rule == "unknown code":
        return True
    return error.rule in _BY_WORDS and "exchange_unavailable" in lineage(
        error.category, tables.index.parents
    )


def _places_orders(tables: Tables[E], url: str) -> bool:
    lowered = url.lower()
    return any(fragment in lowered for fragment in tables.order_urls)


def _is_failure(status: int | None) -> bool:
    """Whether the status alone says the request failed: anything but a 2xx (a redirect is
    no API's answer)."""
    return status is not None and not 200 <= status < 300


def _status_default(tables: Tables[E], status: int | None) -> type[E]:
    """What a failing status means on any exchange when its spec says nothing of it."""
    categories = tables.categories
    if status == 429:
        return categories["rate_limited"]
    if status == GATEWAY_TIMEOUT:  # a gateway got no answer in time: the outcome is unknown
        return categories.get(REPORTED_TIMEOUT) or categories["exchange_unavailable"]
    if status is not None and 500 <= status <= 599:
        return categories["exchange_unavailable"]
    return categories["unexpected_status"]


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
        cls = _status_default(tables, status)
        return build_error(cls, message, None, status, body, NO_PARAMS, "status", None)
    if problem is not None:
        invalid = categories["invalid_response"]
        return build_error(invalid, problem, None, status, body, NO_PARAMS, "envelope", None)
    return None


def _page_error(tables: Tables[E], status: int | None, body: object, page: str) -> E | None:
    """An error page (HTML or text): the spec's page rules read its words, else the status
    decides; its title is the message, the page stays whole in `raw`."""
    title = _pages.summary(page)
    category = _pages.matching_rule(tables.page_rules, _pages.visible_text(page), status)
    if category is not None:
        by_status = _by_status(tables, status)
        if by_status is None and status is not None:
            found = fallback(tables.index, status, title)
            by_status = None if found is None else found[0]
        if by_status is not None and category in lineage(by_status.category, tables.index.parents):
            # The exchange documents this status with the page's meaning: its class says more.
            return build_error(by_status, title, None, status, body, NO_PARAMS, "status", None)
        # A page is the exchange's answer: a category reported in answers takes that class.
        cls = tables.categories.get(REPORTED + category) or tables.categories[category]
        return build_error(cls, title, None, status, body, NO_PARAMS, "page", None)
    problem = f"the body is not JSON: {title}" if title else "the body is not JSON"
    return _without_api_error(tables, status, body, problem, title)


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
    status: object,
    body: object,
    api: object,
    headers: object = None,
    url: object = None,
) -> tuple[E | None, list[str]]:
    """The error a response carries (or None) and the warnings beside it. Wrong arguments
    raise TypeError or ValueError at once. A Retry-After header, when given, decides
    `retry_after` over everything the spec says."""
    if headers is None and url is None:
        answered = _lane(tables, status, body, api)
        if answered is not None:
            return answered, []
    checked_status = _inputs.checked_status(status)
    checked_body = _inputs.checked_body(body)
    given_api = _inputs.checked_text(api, "api")
    header_map = _inputs.header_map(headers)
    request_url = _inputs.checked_text(url, "url")
    if given_api is None and request_url:
        given_api = api_of_url(tables, request_url)
    error, notices = _examine(tables, checked_status, checked_body, given_api)
    if error is not None:
        _settle(tables, error, checked_status, header_map, request_url)
    return error, notices


def _lane(tables: Tables[E], status: object, body: object, api: object) -> E | None:
    """The usual error, answered the shortest way: a body as bytes or text in the plain error
    shape of the API's envelope (one error, no warnings), a status and nothing else, before
    the arguments are checked one by one. None sends the response down the general path,
    which gives the same answer for what this takes (and, first, checks the arguments and
    makes the API's reader)."""
    if (status is not None and type(status) is not int) or (
        api is not None and type(api) is not str
    ):
        return None
    reader = tables.fast.get(api)
    if reader is None:
        return None
    if type(body) is bytes:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return None
    elif type(body) is str:
        text = body
    else:
        return None
    extracted = reader(text)  # a text with a byte order mark is not in the plain shape
    if extracted is None:
        return None
    entries, notices = extracted
    if len(entries) != 1 or notices:
        return None
    code, message = entries[0]
    chain = None if api is None else tables.chains[api]
    found = _find_one(tables, api, chain, code, message)
    error = _build(tables, found, code, message, status, body)
    _settle(tables, error, status, None, None)
    return error


def _find_one(
    tables: Tables[E], api: str | None, chain: tuple[str, ...] | None, code: Code, message: str
) -> Found[E] | None:
    """find() of a response's one error; a documented (code, message) pair as sent is known
    after its first sight."""
    key = (api, code, message)
    found = tables.documented.get(key)
    if found is None:
        found = find(tables.index, chain, code, message)
        if found is not None and _documented_pair(found, code, message):
            if len(tables.documented) >= DOCUMENTED_PAIRS:
                tables.documented.clear()
            tables.documented[key] = found
    return found


def _documented_pair(found: Found[E], code: Code, message: str) -> bool:
    """Whether a match is one of the spec's documented texts under its code (or a string code
    that is its own message): a fact of the spec, the same for every response that sends it."""
    rule = found[2]
    return rule == "code+message" or (rule == "code" and code == message)


def _settle(
    tables: Tables[E],
    error: E,
    status: int | None,
    headers: dict[str, str] | None,
    url: str | None,
) -> None:
    """What the status, headers and URL add to any error: when the client may come back, and
    whether the request may have been executed after all."""
    if headers:
        waited = retry_after_header(headers)
        if waited is None and tables.rate_limit_headers:
            rate_limited = tables.categories["rate_limited"]
            if isinstance(error, rate_limited):
                waited = _declared_wait(tables, headers)
        if waited is not None:
            error.retry_after = waited
    if status is not None and 500 <= status <= 599 and not error.outcome_unknown:
        # A 5xx leaves the outcome unknown: the exchange may have executed the request.
        error.outcome_unknown = True
    if url and _undocumented_failure(tables, error) and _places_orders(tables, url):
        # An error nobody documents, in answer to an order: it may have been placed.
        error.outcome_unknown = True
    if error.outcome_unknown and error.retry_policy in _REPEATING:
        error.retry_policy = "confirm_first"


def _examine(
    tables: Tables[E], status: int | None, body: object, api: str | None
) -> tuple[E | None, list[str]]:
    chain = scope_chain(tables, api)
    envelope = tables.scope_envelopes.get(api, tables.envelope) if api else tables.envelope
    key = None
    batches = envelope.item_list_field is not None  # their items' reports need the body
    if not batches and type(body) in (bytes, str) and len(body) <= MEMO_TEXT_LIMIT:  # type: ignore[arg-type]
        key = (api, body)
    decision = tables.memo.get(key) if key is not None else None
    parsed: object = None
    if decision is None:
        text = _body.decode_text(body)
        parsed, extracted = _read(tables, envelope, api, text)
        if extracted is None:
            detected = _api_of_shape(tables, parsed, api)
            if detected is not None and detected != api:
                return _examine(tables, status, body, detected)
        if extracted is None:
            if parsed is NOT_JSON:
                if type(text) is str:
                    return _page_error(tables, status, body, text), []
                return _without_api_error(tables, status, body, "the body is not UTF-8"), []
            if parsed is EMPTY:
                # Every answer of a JSON API has a body; 204 says it has none on purpose.
                problem = None if status == 204 else "the body is empty"
                return _without_api_error(tables, status, body, problem), []
            try:
                extracted = _body.extract(envelope, parsed)
            except MalformedBodyError as exc:
                return _without_api_error(tables, status, body, str(exc)), []
            except Exception as exc:  # a mapping subclass whose own methods raise
                problem = f"the body could not be read: {type(exc).__name__}"
                return _without_api_error(tables, status, body, problem), []
        entries, notices = extracted
        if not entries:
            said = _body.message_of(envelope, parsed)
            if _body.flags_failure(envelope, parsed):
                return _flagged(tables, chain, said, status, body), notices
            if not _is_failure(status):
                # No code and no flag, but a message the spec documents word for word as an
                # error: the exchange left out its code, not its failure.
                known = _documented_message(tables, envelope, chain, parsed, said)
                if known is not None:
                    cls, _, _, scope = known
                    error = build_error(cls, said, None, status, body, NO_PARAMS, "message", scope)
                    return error, notices
                return None, notices
            return _without_api_error(tables, status, body, None, said), notices
        if len(entries) == 1:
            code, message = entries[0]
            found: tuple[Found[E] | None, ...] = (_find_one(tables, api, chain, code, message),)
        else:
            index = tables.index
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
    else:
        error = _several(tables, decision, status, body)
    if batches:
        error.failed_items, error.partial = _body.batch_report(envelope, parsed)
    if notices:
        error.warnings = list(notices)
    return error, list(notices)


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
            return _unknown(tables, code, message, status, body)
    cls, params, rule, scope = found
    error = build_error(cls, message, code, status, body, params, rule, scope)
    until = cls.retry_until_param
    if until is not None and until in params:
        error.retry_after = _seconds_until(params[until])
    return error


def _unknown(tables: Tables[E], code: Code, message: str, status: int | None, body: object) -> E:
    """A code no table knows: a failing status still says what kind of failure it is (a 429
    is a rate limit, a 5xx the exchange failing), else the exchange's API error root."""
    cls = _by_status(tables, status)
    if cls is None and status is not None and (status == 429 or 500 <= status <= 599):
        cls = _status_default(tables, status)
    if cls is None:
        cls = tables.api_root
    return build_error(cls, message, code, status, body, NO_PARAMS, "unknown code", None)


def _documented_message(
    tables: Tables[E],
    envelope: Envelope,
    chain: tuple[str, ...] | None,
    parsed: object,
    said: str,
) -> Found[E] | None:
    """The meaning of a message that is one of the spec's error texts exactly (no template, no
    rule on its words) in a body without a code, or None. A body with a success code is a
    success whatever its message says."""
    if not said or envelope.code_field is None or not isinstance(parsed, Mapping):
        return None
    if _body.get_path(parsed, envelope.code_field) is not None:
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
    cls = _by_status(tables, status) or (
        _status_default(tables, status) if _is_failure(status) else tables.api_root
    )
    return build_error(cls, message, None, status, body, NO_PARAMS, "failure flag", None)


def _finite_seconds(value: float) -> float | None:
    return max(0.0, value) if math.isfinite(value) else None


def _seconds_until(epoch_ms: str) -> float | None:
    try:
        return _finite_seconds(int(epoch_ms) / 1000 - time.time())
    except (ValueError, OverflowError):
        return None


def _declared_wait(tables: Tables[E], headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from the rate-limit headers the exchange's spec declares."""
    for name, unit in tables.rate_limit_headers:
        value = headers.get(name)
        if value is None:
            continue
        try:
            number = float(value)
        except ValueError:
            continue
        if unit == "milliseconds":
            number /= 1000
        elif unit == "epoch_seconds":
            number -= time.time()
        elif unit == "epoch_milliseconds":
            number = number / 1000 - time.time()
        waited = _finite_seconds(number)
        if waited is not None:
            return waited
    return None


def retry_after_header(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from a Retry-After header (headers keyed by lower-case name): a number
    of seconds or an HTTP date; None when it is neither or not finite."""
    value = headers.get("retry-after")
    if value is None:
        return None
    value = str(value).strip()
    try:
        return _finite_seconds(float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # only for the rare date form

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


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
) -> None:
    """Raise the error a response carries (an HTTP client's response, or its parts) and issue
    its warnings through the warnings module, attributed `stacklevel` frames above the caller
    of raise_for_response (1: that caller)."""
    if response is not None:
        error, notices = examine_response(tables, response, api)
    else:
        error, notices = examine(
            tables, status=status, body=body, api=api, headers=headers, url=url
        )
    for text in notices:
        # This frame and raise_for_response's own are not the caller's.
        warnings.warn(warning(text, exchange=tables.exchange), stacklevel=stacklevel + 2)
    if error is not None:
        try:
            raise error
        finally:
            error = None  # no cycle from the traceback through this frame to the error


def classify_ws(tables: Tables[E], message: Body) -> E | None:
    """The error a WebSocket response reports, or None for a success or a data message."""
    spec = tables.websocket
    if spec is None:
        raise ValueError(f"{tables.exchange} has no WebSocket spec")
    decoded = _body.decode_text(_inputs.checked_body(message))
    frame = _body.parse_text(decoded)
    if frame is NOT_JSON:
        if type(decoded) is str:  # an error page where a frame was expected (the handshake)
            return _page_error(tables, None, message, decoded)
        invalid = tables.categories["invalid_response"]
        text = "the WebSocket message is not JSON"
        return build_error(invalid, text, None, None, message, NO_PARAMS, "envelope", None)
    if isinstance(frame, list):
        # Several frames in one message (older APIs batch them): the first failure stands.
        for item in frame[:MAX_CLASSIFIED]:
            shape = _failed_shape(spec, item)
            if shape is not None:
                return _ws_error(tables, spec, item, shape, message)
        return None
    shape = _failed_shape(spec, frame)
    if shape is None:
        return None
    return _ws_error(tables, spec, frame, shape, message)


def _ws_error(
    tables: Tables[E], spec: WebSocketSpec, frame: object, shape: Frame, message: Body
) -> E:
    """The error of a frame that failed under `shape`; the raw message is the whole one."""
    assert isinstance(frame, Mapping)
    text = _body.text_of(_at(frame, shape.error_field))
    raw_code = _at(frame, shape.code_field)
    code: Code = (
        text if raw_code is None else _body.coerce_code(raw_code, tables.envelope.code_type)
    )
    req_id = _at(frame, shape.req_id_field)
    if type(req_id) not in (int, str):
        req_id = None
    found = find(tables.index, None, code, text)
    meaning = _build(tables, found, code, text, None, message)
    meaning.req_id = req_id
    if any(c in spec.raised_as_meaning for c in lineage(meaning.category, tables.index.parents)):
        return meaning
    method = _body.text_of(_at(frame, shape.method_field))
    kind = spec.kinds.get(method) or shape.kind or "websocket_error"
    layer = tables.categories[kind]
    if type(meaning) is not tables.api_root:  # a known meaning: the error is both
        layer = both(layer, type(meaning))
    error = build_error(layer, text, code, None, message, NO_PARAMS, "websocket", None)
    error.req_id = req_id
    error.details = (meaning,)
    return error


def _failed_shape(spec: WebSocketSpec, frame: object) -> Frame | None:
    """The declared shape under which a frame reports a failure, or None. Where several
    shapes flag it ({"event": "error"} of two APIs), the first that finds the most of the
    frame wins: its text, then its method."""
    if not isinstance(frame, Mapping):
        return None
    flagged: Frame | None = None
    best = -1
    for shape in spec.frames:
        flag = _at(frame, shape.flag_field)
        if flag is None or flag == "":
            continue
        if shape.success_values:
            if any(flag == v and type(flag) is type(v) for v in shape.success_values):
                continue
        else:
            values = shape.failure_values
            # no values listed: the field's presence marks the failure
            if values and not any(flag == v and type(flag) is type(v) for v in values):
                continue
        found = 2 * (_at(frame, shape.error_field) is not None)
        found += _at(frame, shape.method_field) is not None
        if found == 3:
            return shape
        if found > best:
            flagged, best = shape, found
    return flagged


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
