# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""The short way for the usual error response: one error in the plain error shape of its
API's envelope (beside it only fields with empty values), given as bytes or text.

One pattern finds the error on the raw body without parsing it as JSON. A documented
(code, message) pair is a fact of the spec, the same for every response that sends it, so
after its first sight its wire form leads straight to a prepared record: the class, the code
and message as values, the API and the rule that matched. Any other error the pattern finds
is matched as the general path matches it. What the pattern does not find (or a status of
5xx, or an argument of a wrong type) the general path answers; for everything this answers,
the general path gives the same answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ._base import ErrorBase
from ._body import Code, Entries, Envelope, plain_shape
from ._tables import Tables, scope_chain
from ._verdict import REPEATING, build, documented_pair, find_one, settle

E = TypeVar("E", bound=ErrorBase)

# Longer bodies go the general way: a pattern is no cheaper than the JSON parser there.
LIMIT = 4096
# JSON's whitespace; a string without escapes, whose text is its value. In bytes, a field
# name beside the error must be ASCII: one that is not UTF-8 is the general path's to report.
_WS = r"[ \t\n\r]*"
_STRING = r'"[^"\\\x00-\x1f]*"'
_ASCII_STRING = r'"[^"\\\x00-\x1f\x80-\xff]*"'
_INT = r"-?(?:0|[1-9][0-9]{0,17})"
_EMPTY_VALUE = rf"(?:\{{{_WS}\}}|\[{_WS}\]|null)"
# Distinct endings after the error that passed their check, remembered up to this many.
KNOWN_TAILS = 64
# Wire forms of documented pairs remembered per API (spellings that differ in case or spacing
# are several).
KNOWN_PAIRS = 8192

# A documented pair's record: its class, code, message, API and rule.
Record = tuple[type[E], Code, str, str | None, str]
Matcher = Callable[[Any], Any]


def _field(name: str) -> str:
    return re.escape('"' + name + '"')


def _captured(name: str, value: str) -> str:
    """`value` as group `name`; a string's quotes stay outside the group."""
    if value.startswith('"'):
        return rf'"(?P<{name}>{value[1:-1]})"'
    return rf"(?P<{name}>{value})"


class Route(Generic[E]):
    """The patterns, remembered endings and known wire forms of one API's plain error shape."""

    __slots__ = ("int_code", "known", "prefix", "readers", "success", "tails")

    def __init__(self, envelope: Envelope, shape: tuple[str, ...]) -> None:
        self.int_code = envelope.code_type == "int"
        self.prefix = envelope.warning_prefix
        self.success = envelope.success_codes
        self.tails: set[Any] = set()
        self.known: dict[Any, Record[E]] = {}
        if shape[0] == "list":
            keys: tuple[str, ...] = (shape[1],)
            message = _captured("message", _STRING)
            members = [rf"{_field(shape[1])}{_WS}:{_WS}\[{_WS}{message}{_WS}\]"]
        else:
            keys = shape[1:]
            value = _captured("code", _INT if self.int_code else _STRING)
            code = rf"{_field(keys[0])}{_WS}:{_WS}{value}"
            message = rf"{_field(keys[1])}{_WS}:{_WS}{_captured('message', _STRING)}"
            members = [rf"{code}{_WS},{_WS}{message}", rf"{message}{_WS},{_WS}{code}"]
        # Group `key` spans the error as sent: the same span, the same error.
        heads = [rf"{_WS}\{{{_WS}(?P<key>{m})(?P<tail>.*)" for m in members]
        others = "|".join(_field(k) for k in keys)
        tails = {
            for_bytes: (
                rf"(?:{_WS},{_WS}(?!(?:{others}){_WS}:){name}{_WS}:{_WS}{_EMPTY_VALUE})*"
                rf"{_WS}\}}{_WS}"
            )
            for for_bytes, name in ((True, _ASCII_STRING), (False, _STRING))
        }
        self.readers: dict[type, tuple[Matcher, Matcher | None, Matcher]] = {}
        for kind in (bytes, str):
            compiled = [_compile(head, kind is bytes).match for head in heads]
            tail = _compile(tails[kind is bytes], kind is bytes).fullmatch
            second = compiled[1] if len(compiled) > 1 else None
            self.readers[kind] = (compiled[0], second, tail)

    def find(self, body: Any) -> Any:
        """The pattern's match of a body in the plain error shape (bytes or text), or None."""
        readers = self.readers.get(type(body))
        if readers is None or len(body) > LIMIT:
            return None
        first, second, tail_match = readers
        found = first(body)
        if found is None:
            if second is None:
                return None
            found = second(body)
            if found is None:
                return None
        tail = found.group("tail")
        tails = self.tails
        if tail not in tails:
            if tail_match(tail) is None:
                return None
            if len(tails) < KNOWN_TAILS:
                tails.add(tail)
        return found

    def entry(self, found: Any) -> tuple[Code, str] | None:
        """The (code, message) a match holds, or None when the general path must decide: a
        success code, a warning, no text, bytes that are not UTF-8."""
        try:
            message = _text(found.group("message"))
            if "code" in found.re.groupindex:
                raw = found.group("code")
                code: Code = int(raw) if self.int_code else _text(raw)
            else:
                code = message
        except UnicodeDecodeError:
            return None
        if code in self.success or not message:
            return None
        if self.prefix is not None and message.startswith(self.prefix):
            return None
        return code, message

    def read(self, text: str) -> tuple[Entries, list[str]] | None:
        """The general path's reading of a text in the plain error shape, or None."""
        found = self.find(text)
        entry = None if found is None else self.entry(found)
        return None if entry is None else ([entry], [])


def _compile(pattern: str, for_bytes: bool) -> re.Pattern[Any]:
    return re.compile(pattern.encode("ascii") if for_bytes else pattern, re.S)


def _text(value: str | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def route_for(envelope: Envelope) -> Route[Any] | None:
    """The short way of an envelope, or None when it has no plain error shape."""
    shape = plain_shape(envelope)
    return None if shape is None else Route(envelope, shape)


def answer(tables: Tables[E], status: object, body: object, api: object) -> E | None:
    """The error of a body in the plain error shape, or None to send the response down the
    general path (which first checks the arguments one by one and makes the API's route)."""
    if api is not None and type(api) is not str:
        return None
    route = tables.routes.get(api)
    if route is None:
        return None
    found = route.find(body)
    if found is None:
        return None
    record = route.known.get(found.group("key"))
    if record is not None and (status is None or (type(status) is int and status < 500)):
        cls, code, message, scope, rule = record
        error = cls.__new__(cls, message)
        error.__dict__ = {
            "message": message,
            "code": code,
            "http_status": status,
            "raw": body,
            "api": scope,
            "rule": rule,
        }
        return error
    return _first_sight(tables, route, found, status, body, api)


def _first_sight(
    tables: Tables[E], route: Route[E], found: Any, status: object, body: object, api: str | None
) -> E | None:
    if status is not None and type(status) is not int:
        return None
    entry = route.entry(found)
    if entry is None:
        return None
    code, message = entry
    match = find_one(tables, api, scope_chain(tables, api), code, message)
    if match is not None and documented_pair(match, code, message):
        cls, params, rule, scope = match
        if not params and not (cls.outcome_unknown and cls.retry_policy in REPEATING):
            if len(route.known) >= KNOWN_PAIRS:
                route.known.clear()
            route.known[found.group("key")] = (cls, code, message, scope, rule)
    error = build(tables, match, code, message, status, body)
    settle(tables, error, status, None, None)
    return error
