# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""The short way for a batch of one failed item, the shape an exchange whose orders answer
with per-item codes gives every rejected order (OKX: `{"code": "1", "data": [{"sCode":
"51008", "sMsg": ..., "ordId": "", "clOrdId": ...}], "msg": ""}`).

The body is parsed as the general path parses it; its one item is then read directly, and
what an error as sent means is recorded as in the plain lane. A body of any other shape (an
error list beside the items, several items, an item that succeeded, a field that names
another API) goes the general way, which gives the same answer for everything this
answers."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from ._base import ErrorBase
from ._body import Envelope, decode_text, item_code, item_report, parse_text, text_of
from ._lane import Record, recall, remember
from ._match import find
from ._tables import Tables, scope_chain
from ._verdict import build, settle

E = TypeVar("E", bound=ErrorBase)

# What each body gives a batch's error itself besides its raw body and captured values.
_ITEM = frozenset({"failed_items", "partial"})


class ItemRoute(Generic[E]):
    """What one API's batch of one item is read with, and its recorded errors."""

    __slots__ = ("envelope", "items", "required", "restricted", "verdicts")

    def __init__(self, envelope: Envelope, restricted: frozenset[str]) -> None:
        assert envelope.item_list_field is not None
        self.envelope = envelope
        self.items = envelope.item_list_field[0]
        # Top-level fields every body must have (OKX's code): a body without one is malformed.
        self.required = frozenset(path[0] for path in envelope.required_fields)
        # Top-level fields whose presence names another API: the general path reads them.
        self.restricted = restricted - {self.items}
        self.verdicts: dict[tuple[Any, str, int | None], Record[E]] = {}

    def answer(
        self, tables: Tables[E], status: int | None, body: object, api: str | None
    ) -> E | None:
        """The error of a batch of one failed item, or None to send the body the general way.
        The plain lane has checked the arguments' types."""
        text = decode_text(body)
        if type(text) is not str:
            return None
        value = parse_text(text)
        if type(value) is not dict or not self.required <= value.keys():
            return None
        if not self.restricted.isdisjoint(value):
            return None
        items = value.get(self.items)
        if type(items) is not list or len(items) != 1 or type(items[0]) is not dict:
            return None
        item = items[0]
        envelope = self.envelope
        assert envelope.item_code_field is not None
        raw_code = item.get(envelope.item_code_field[0])
        if raw_code is None or raw_code == "":
            return None
        code = item_code(envelope, item, raw_code)
        if code in envelope.success_codes:
            return None
        said = envelope.item_message_field
        sent = item.get(said[0]) if said else None
        message = sent if type(sent) is str else text_of(sent)
        report = item_report(envelope, 0, item, code, message)
        record = self.verdicts.get((code, message, status))
        if record is None:
            return _first_sight(tables, self, code, message, report, status, body, api)
        error = recall(record, body)
        error.failed_items, error.partial = (report,), False
        return error


def item_route_for(envelope: Envelope, api_fields: frozenset[str]) -> ItemRoute[Any] | None:
    """The short way of an envelope's one-item batches, or None where its items or its fields
    need the general path: nested paths (of the items, or of a field every body must have),
    an error list beside the items, statuses inside successful bodies."""
    paths = (envelope.item_list_field, envelope.item_code_field, envelope.item_message_field)
    if any(path is None or len(path) != 1 for path in paths):
        return None
    if envelope.error_list_field or envelope.status_fields:
        return None
    if any(len(path) != 1 for path in envelope.required_fields):
        return None
    return ItemRoute(envelope, api_fields)


def _first_sight(
    tables: Tables[E],
    route: ItemRoute[E],
    code: Any,
    message: str,
    report: dict[str, Any],
    status: int | None,
    body: object,
    api: str | None,
) -> E:
    # find(), not the remembered find_one(): the record made below remembers this error.
    found = find(tables.index, scope_chain(tables, api), code, message)
    error = build(tables, found, code, message, status, body)
    error.failed_items, error.partial = (report,), False
    settle(tables, error, status, None, None)
    remember(route.verdicts, (code, message, status), error, _ITEM)
    return error
