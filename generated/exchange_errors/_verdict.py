# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""From a match to the error object, and what the status, headers and request URL add to it:
when the client may come back, and whether the request may have been executed after all."""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import TypeVar

from ._base import ErrorBase, build_error
from ._body import Code
from ._match import NO_PARAMS, REPORTED_TIMEOUT, Found, fallback, find, lineage
from ._tables import Tables

E = TypeVar("E", bound=ErrorBase)

# The (code, message) pairs whose match is remembered per exchange.
MATCHED_ERRORS = 8192
GATEWAY_TIMEOUT = 504
# Retry policies that repeat a request on their own; when the outcome is unknown they would
# place an order twice, so they become "confirm_first".
REPEATING = frozenset({"backoff", "after"})
# How an error is known by its words alone, its code documented nowhere with them.
_BY_WORDS = frozenset({"fallback", "message", "message+detail", "template"})
# How a declared rate-limit header gives its value, as seconds to wait.
HEADER_UNITS = ("seconds", "milliseconds", "epoch_seconds", "epoch_milliseconds")


def undocumented_failure(tables: Tables[E], error: ErrorBase) -> bool:
    """An error no spec documents whose order may still have gone through: an unknown code,
    or the exchange failing in words no document gives that code (a "system busy" read by its
    message); a refusal (a balance, a rate limit) means the order was not placed."""
    if error.rule == "unknown code":
        return True
    return error.rule in _BY_WORDS and "exchange_unavailable" in lineage(
        error.category, tables.index.parents
    )


def places_orders(tables: Tables[E], url: str) -> bool:
    lowered = url.lower()
    return any(fragment in lowered for fragment in tables.order_urls)


def is_failure(status: int | None) -> bool:
    """Whether the status alone says the request failed: anything but a 2xx (a redirect is
    no API's answer)."""
    return status is not None and not 200 <= status < 300


def status_default(tables: Tables[E], status: int | None) -> type[E]:
    """What a failing status means on any exchange when its spec says nothing of it."""
    categories = tables.categories
    if status == 429:
        return categories["rate_limited"]
    if status == GATEWAY_TIMEOUT:  # a gateway got no answer in time: the outcome is unknown
        return categories.get(REPORTED_TIMEOUT) or categories["exchange_unavailable"]
    if status is not None and 500 <= status <= 599:
        return categories["exchange_unavailable"]
    return categories["unexpected_status"]


def by_status(tables: Tables[E], status: int | None) -> type[E] | None:
    """The class the spec documents for a status, if any."""
    if status is None:
        return None
    cls = tables.statuses.get(status)
    if cls is not None or not tables.status_ranges:
        return cls
    for low, high, ranged in tables.status_ranges:
        if low <= status <= high:
            return ranged
    return None


def find_one(
    tables: Tables[E], api: str | None, chain: tuple[str, ...] | None, code: Code, message: str
) -> Found[E] | None:
    """find() of a response's one error, remembered: what a (code, message) means is a fact
    of the tables, and a client meets the same error again and again."""
    key = (api, code, message)
    matched = tables.matched
    if key in matched:
        return matched[key]
    found = find(tables.index, chain, code, message)
    if len(matched) >= MATCHED_ERRORS:
        matched.clear()
    matched[key] = found
    return found


def settle(
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
                waited = declared_wait(tables, headers)
        if waited is not None:
            error.retry_after = waited
    if status is not None and 500 <= status <= 599 and not error.outcome_unknown:
        # A 5xx leaves the outcome unknown: the exchange may have executed the request.
        error.outcome_unknown = True
    if url and undocumented_failure(tables, error) and places_orders(tables, url):
        # An error nobody documents, in answer to an order: it may have been placed.
        error.outcome_unknown = True
    if error.outcome_unknown and error.retry_policy in REPEATING:
        error.retry_policy = "confirm_first"


def build(
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
            return unknown(tables, code, message, status, body)
    cls, params, rule, scope = found
    error = build_error(cls, message, code, status, body, params, rule, scope)
    until = cls.retry_until_param
    if until is not None and until in params:
        error.retry_after = seconds_until(params[until])
    return error


def unknown(tables: Tables[E], code: Code, message: str, status: int | None, body: object) -> E:
    """A code no table knows: a failing status still says what kind of failure it is (a 429
    is a rate limit, a 5xx the exchange failing), else the exchange's API error root."""
    cls = by_status(tables, status)
    if cls is None and status is not None and (status == 429 or 500 <= status <= 599):
        cls = status_default(tables, status)
    if cls is None:
        cls = tables.api_root
    return build_error(cls, message, code, status, body, NO_PARAMS, "unknown code", None)


def finite_seconds(value: float) -> float | None:
    return max(0.0, value) if math.isfinite(value) else None


def seconds_until(epoch_ms: str) -> float | None:
    try:
        return finite_seconds(int(epoch_ms) / 1000 - time.time())
    except (ValueError, OverflowError):
        return None


def declared_wait(tables: Tables[E], headers: Mapping[str, str]) -> float | None:
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
        waited = finite_seconds(number)
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
        return finite_seconds(float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # only for the rare date form

    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
