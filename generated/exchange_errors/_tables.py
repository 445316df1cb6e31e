# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""What an exchange module tells the engine: its tables, envelopes, statuses and WebSocket
shapes, and the state the engine keeps beside them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from ._base import ErrorBase
from ._body import Code, Envelope
from ._match import Found, Index

if TYPE_CHECKING:
    from ._lane import Route

E = TypeVar("E", bound=ErrorBase)


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
    # The error's sub-code (OKX's data.0.subCode), joined to its code as items' sub-codes are.
    sub_code_field: str | None = None


class WebSocketSpec(NamedTuple):
    kinds: Mapping[str, str]  # method -> category id of the class a rejection becomes
    raised_as_meaning: frozenset[str]
    frames: tuple[Frame, ...]  # each shape a response may take, tried in order
    # Plain-text frames that keep the connection alive (OKX's "pong"): never errors.
    keepalive_texts: frozenset[str] = frozenset()
    # API category -> the category of a rejection with that meaning whose answer names no
    # method (the taxonomy's covers: an order refused for its funds is a trading error).
    meaning_layers: Mapping[str, str] = {}


class Tables(Generic[E]):
    """Everything an exchange module tells the engine."""

    __slots__ = (
        "api_root",
        "chains",
        "envelope",
        "exchange",
        "index",
        "make_index",
        "matched",
        "order_urls",
        "page_rules",
        "rate_limit_headers",
        "root",
        "routes",
        "scope_envelopes",
        "shape_fields",
        "status_ranges",
        "statuses",
        "url_patterns",
        "wanted_headers",
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
        # The headers the engine reads: when a client may come back.
        self.wanted_headers = frozenset({"retry-after", *(name for name, _ in rate_limit_headers)})
        # (words, statuses, category id): what an error page holding the words means.
        self.page_rules = page_rules
        # Fragments of the URLs that place, amend or cancel orders.
        self.order_urls = order_urls
        # The short way of each API's envelope (None where it has no plain error shape),
        # made when the API is first met on the general path.
        self.routes: dict[str | None, Route[E] | None] = {}
        # What each (code, message) met so far matched, by API (see _verdict.find_one).
        self.matched: dict[tuple[str | None, Code, str], Found[E] | None] = {}

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
