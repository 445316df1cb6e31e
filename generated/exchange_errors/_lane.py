# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""The short way for the usual error response: one error in the plain error shape of its
API's envelope (beside it only fields holding numbers, booleans, plain strings or empty
values), given as bytes or text.

One pattern finds the error on the raw body without parsing it as JSON, and it is matched as
the general path matches it. What an error means is a fact of the spec and the status: after
its first sight, the error's wire form and the status lead straight to a record of it (its
class, code and message as values, API, rule and captured values). What the pattern does
not find, or an argument of a wrong type, the general path answers; for everything this
answers, the general path gives the same answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._base import ErrorBase
from ._body import Code, Envelope, plain_shape
from ._match import find
from ._tables import Tables, scope_chain
from ._verdict import build, settle

if TYPE_CHECKING:
    from ._item_lane import ItemRoute

E = TypeVar("E", bound=ErrorBase)

# Longer bodies go the general way: a pattern is no cheaper than the JSON parser there.
LIMIT = 4096
# JSON's whitespace; a string without escapes, whose text is its value. In bytes, a field
# name beside the error must be ASCII: one that is not UTF-8 is the general path's to report.
_WS = r"[ \t\n\r]*"
_STRING = r'"[^"\\\x00-\x1f]*"'
# The message as far as its closing quote: a third faster than the string above on a long
# message. A message this reads with an escape or a control character in it is refused at its
# first sight (see Route.entry), and only accepted ones are recorded, so what the short way
# answers is still only plain text, read as JSON reads it.
_MESSAGE = r'"[^"]*"'
# What a plain JSON string may not hold unescaped, and an escape.
_NOT_PLAIN: dict[type, Matcher] = {
    str: re.compile(r"[\\\x00-\x1f]").search,
    bytes: re.compile(rb"[\\\x00-\x1f]").search,
}
_ASCII_STRING = r'"[^"\\\x00-\x1f\x80-\xff]*"'
_INT = r"-?(?:0|[1-9][0-9]{0,17})"
_EMPTY_VALUE = rf"(?:\{{{_WS}\}}|\[{_WS}\]|null)"
# A value beside the error that says nothing of it: a number, true or false, a plain string
# (a timestamp, a request id) or an empty value.
_NUMBER = r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
_SCALAR = rf"(?:{_EMPTY_VALUE}|{_NUMBER}|true|false|{{string}})"
# Distinct endings after the error that passed their check, remembered up to this many.
KNOWN_TAILS = 64
# Errors remembered per API by their wire form and status: the documented pairs are a few
# thousand, and a client meets the same undocumented error again and again.
KNOWN_ERRORS = 8192

# What an error as sent means: its class, its message, the attributes every such error
# starts with (code, message, status, API, rule), and its captured values.
Record = tuple[type[E], str, dict[str, Any], "Mapping[str, str] | None"]
Matcher = Callable[[Any], Any]
# A pattern's match, and whether its message group comes before its code group.
Head = tuple[Matcher, bool]
# The first pattern, its flag, the other patterns, and the pattern of what may follow.
Reader = tuple[Matcher, bool, tuple[Head, ...], Matcher]


def _field(name: str) -> str:
    return re.escape('"' + name + '"')


def _captured(name: str, value: str) -> str:
    """`value` as group `name`; a string's quotes stay outside the group."""
    if value.startswith('"'):
        return rf'"(?P<{name}>{value[1:-1]})"'
    return rf"(?P<{name}>{value})"


def _patterns(
    envelope: Envelope, shape: tuple[str, ...], restricted: frozenset[str], name: str
) -> tuple[list[str], str]:
    """The plain error shape as patterns, field names written as `name` matches them: the
    object's opening up to the end of the error, tried in order (the error alone, code first
    then message first, as nearly every body has it; then the same among other fields), and
    what may follow the error. Groups `code` and `message` hold the error as sent (a list's
    one string is its message, its code empty): the same groups, the same error. Beside the
    error, a field may hold a number, true, false, a plain string or an empty value; fields
    whose presence or content the general path reads (a batch's items, a field that names
    another API) may only be empty."""
    keys = (shape[1],) if shape[0] == "list" else shape[1:]
    error_fields = "|".join(_field(k) for k in keys)
    held = "|".join(_field(k) for k in sorted(restricted)) or "(?!)"
    other = (
        rf"(?:(?:{held}){_WS}:{_WS}{_EMPTY_VALUE}"
        rf"|(?!(?:{error_fields}|{held}){_WS}:){name}{_WS}:{_WS}"
        + _SCALAR.replace("{string}", name)
        + ")"
    )
    opening = rf"{_WS}\{{{_WS}"
    among = rf"{opening}(?:{other}{_WS},{_WS})*"
    between = rf"(?:{_WS},{_WS}{other})*{_WS},{_WS}"
    tail = rf"(?:{_WS},{_WS}{other})*{_WS}\}}{_WS}"
    if shape[0] == "list":
        message = _captured("message", _MESSAGE)
        error = rf"(?P<code>){_field(keys[0])}{_WS}:{_WS}\[{_WS}{message}{_WS}\]"
        return [rf"{opening}{error}(?P<tail>.*)", rf"{among}{error}(?P<tail>.*)"], tail
    code_type = envelope.code_type == "int"
    code = rf"{_field(keys[0])}{_WS}:{_WS}" + _captured("code", _INT if code_type else _STRING)
    message = rf"{_field(keys[1])}{_WS}:{_WS}{_captured('message', _MESSAGE)}"
    adjacent = rf"{_WS},{_WS}"
    heads = [
        rf"{opening}{code}{adjacent}{message}(?P<tail>.*)",
        rf"{opening}{message}{adjacent}{code}(?P<tail>.*)",
    ]
    if restricted:
        # One empty field the general path reads between them (OKX's "data": []): the
        # layout of nearly every plain error of such an API, cheaper than the patterns below.
        empty = rf"{adjacent}(?:{held}){_WS}:{_WS}{_EMPTY_VALUE}{adjacent}"
        heads += [
            rf"{opening}{code}{empty}{message}(?P<tail>.*)",
            rf"{opening}{message}{empty}{code}(?P<tail>.*)",
        ]
    return [
        *heads,
        rf"{among}{code}{between}{message}(?P<tail>.*)",
        rf"{among}{message}{between}{code}(?P<tail>.*)",
    ], tail


class Route(Generic[E]):
    """The patterns, remembered endings and recorded errors of one API's plain error shape."""

    __slots__ = (
        "first",
        "int_code",
        "is_list",
        "item_route",
        "items",
        "prefix",
        "readers",
        "success",
        "tails",
        "verdicts",
    )

    def __init__(
        self, envelope: Envelope, shape: tuple[str, ...], restricted: frozenset[str]
    ) -> None:
        self.int_code = envelope.code_type == "int"
        self.is_list = shape[0] == "list"
        self.prefix = envelope.warning_prefix
        self.success = envelope.success_codes
        self.tails: set[Any] = set()
        self.verdicts: dict[tuple[Any, Any, int | None], Record[E]] = {}
        self.readers: dict[type, Reader] = {}
        # The pattern each kind of body tries first.
        self.first: dict[type, re.Pattern[Any]] = {}
        # How a batch with items begins, as most bodies write it ("data":[{): such a body is
        # the general path's, and the patterns need not all fail on it first.
        field = envelope.item_list_field
        marker = f'"{field[0]}":[{{' if field is not None and len(field) == 1 else None
        self.items: dict[type, Any] = {
            str: marker,
            bytes: None if marker is None else marker.encode("ascii", "backslashreplace"),
        }
        # A batch of one failed item has a short way of its own, imported where there are
        # items: the other exchanges' programs need not load it.
        self.item_route: ItemRoute[E] | None = None
        if envelope.item_list_field is not None:
            from ._item_lane import item_route_for

            self.item_route = item_route_for(envelope, restricted)
        for kind, name in ((bytes, _ASCII_STRING), (str, _STRING)):
            heads, tail = _patterns(envelope, shape, restricted, name)
            compiled = [_compile(head, kind is bytes) for head in heads]
            heads_of_kind = tuple(
                (c.match, c.groupindex["message"] < c.groupindex["code"]) for c in compiled
            )
            self.readers[kind] = _reader(heads_of_kind, _compile(tail, kind is bytes).fullmatch)
            self.first[kind] = compiled[0]

    def prefer(self, kind: type, pattern: re.Pattern[Any]) -> None:
        """Try `pattern`, not the first one now, first from now on: an exchange lays out its
        errors one way (OKX puts `data` between `code` and `msg`), and at most one pattern fits
        a body, so the order they are tried in changes nothing but the time."""
        first, first_flag, rest, tail = self.readers[kind]
        self.first[kind] = pattern
        heads = ((first, first_flag), *rest)
        chosen = next(head for head in heads if getattr(head[0], "__self__", None) is pattern)
        self.readers[kind] = _reader((chosen, *(h for h in heads if h is not chosen)), tail)

    def entry(self, raw: Any, said: Any) -> tuple[Code, str] | None:
        """The (code, message) a match's code and message groups hold, or None when the
        general path must decide: a success code, a warning, no text, bytes that are not
        UTF-8, a message with an escape or a control character (JSON reads it otherwise)."""
        if _NOT_PLAIN[type(said)](said) is not None:
            return None
        try:
            message = _text(said)
            if self.is_list:  # each error string is its own code
                code: Code = message
            else:
                code = int(raw) if self.int_code else _text(raw)
        except UnicodeDecodeError:
            return None
        if code in self.success or not message:
            return None
        if self.prefix is not None and message.startswith(self.prefix):
            return None
        return code, message


def _reader(heads: tuple[Head, ...], tail: Matcher) -> Reader:
    """The patterns as the short way reads them: the first one and its flag apart, the others
    after, and the ending's pattern."""
    return (heads[0][0], heads[0][1], heads[1:], tail)


def _compile(pattern: str, for_bytes: bool) -> re.Pattern[Any]:
    return re.compile(pattern.encode("ascii") if for_bytes else pattern, re.S)


def _text(value: str | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def route_for(envelope: Envelope, api_fields: frozenset[str]) -> Route[Any] | None:
    """The short way of an envelope, or None when it has no plain error shape. `api_fields`
    are the top-level fields whose presence names an API."""
    shape = plain_shape(envelope)
    if shape is None:
        return None
    restricted = set(api_fields)
    if envelope.item_list_field is not None:
        restricted.add(envelope.item_list_field[0])
    # Statuses inside a body (a batch's per-order results) are the general path's to read.
    restricted.update(path[0] for path, _, _ in envelope.status_fields)
    return Route(envelope, shape, frozenset(restricted))


def answer(tables: Tables[E], status: object, body: object, api: object) -> E | None:
    """The error of a body in the plain error shape, or None to send the response down the
    general path (which first checks the arguments one by one and makes the API's route)."""
    if (api is not None and type(api) is not str) or (
        status is not None and type(status) is not int
    ):
        return None
    route = tables.routes.get(api)
    if route is None:
        return None
    # The path of nearly every error response: written out, without calls.
    readers = route.readers.get(type(body))
    if readers is None or len(body) > LIMIT:  # type: ignore[arg-type]
        return None
    match, message_first, heads, tail_match = readers
    found = match(body)
    if found is None:
        items = route.items[type(body)]
        if items is not None and items in body:  # type: ignore[operator]
            item_route = route.item_route
            if item_route is None:
                return None
            return item_route.answer(tables, status, body, api)
        # the flag of the pattern that matched is read after the loop
        for match, message_first in heads:  # noqa: B007
            found = match(body)
            if found is not None:
                break
        else:
            return None
    # The three groups in the order the pattern holds them (cheaper than by name).
    code, said, tail = found.groups()
    if message_first:
        code, said = said, code
    if tail not in route.tails:
        if tail_match(tail) is None:
            return None
        if len(route.tails) < KNOWN_TAILS:
            route.tails.add(tail)
    record = route.verdicts.get((code, said, status))
    if record is None:
        return _first_sight(tables, route, found, (code, said), status, body, api)
    cls, message, recorded, params = record
    error = cls.__new__(cls, message)
    state = recorded.copy()  # a copy made in C: far cheaper than a dict written out here
    state["raw"] = body
    if params:
        state["params"] = dict(params)
    error.__dict__ = state
    return error


def _first_sight(
    tables: Tables[E],
    route: Route[E],
    found: Any,
    sent: tuple[Any, Any],
    status: int | None,
    body: object,
    api: str | None,
) -> E | None:
    """The error of a body whose error the route has not recorded; `sent` is its code and
    message as the body writes them."""
    entry = route.entry(*sent)
    if entry is None:
        return None
    if found.re is not route.first[type(body)]:
        route.prefer(type(body), found.re)
    code, message = entry
    # find(), not the remembered find_one(): the record made below remembers this error.
    found_meaning = find(tables.index, scope_chain(tables, api), code, message)
    error = build(tables, found_meaning, code, message, status, body)
    settle(tables, error, status, None, None)
    remember(route.verdicts, (sent[0], sent[1], status), error)
    return error


# What a recorded verdict gives a fresh error: every other attribute keeps its class's value.
_RECORDED = frozenset({"message", "code", "http_status", "raw", "api", "rule", "params"})
# What each body gives its error itself.
_OWN = frozenset({"raw", "params"})


def remember(
    verdicts: dict[Any, Record[E]], key: Any, error: E, own: frozenset[str] = frozenset()
) -> None:
    """Record what an error as sent means, when nothing beyond the record was set on it
    besides what each body sets itself (`own`): the same error as sent, with the same
    status, is again this error (a wait computed from the clock, or a doubt a 5xx adds, is
    not recorded)."""
    state = error.__dict__
    if not state.keys() <= (_RECORDED | own if own else _RECORDED):
        return
    if len(verdicts) >= KNOWN_ERRORS:
        verdicts.clear()
    recorded = state.copy()  # in C, then the few per-body attributes dropped
    for name in _OWN | own if own else _OWN:
        recorded.pop(name, None)
    verdicts[key] = (type(error), error.message, recorded, state.get("params"))


def recall(record: Record[E], body: object) -> E:
    """A fresh error from a record, as the short way makes it (written out there, where every
    call counts)."""
    cls, message, recorded, params = record
    error = cls.__new__(cls, message)
    state = recorded.copy()  # a copy made in C: far cheaper than a dict written out here
    state["raw"] = body
    if params:
        state["params"] = dict(params)
    error.__dict__ = state
    return error
