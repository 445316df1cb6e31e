"""A small language of shapes: each one checks a loaded YAML value, reads it into plain
Python (tuples for lists, records for mappings: records.py) and describes itself as JSON
Schema, so the spec format is declared once for both purposes."""

from __future__ import annotations

import datetime
import difflib
import math
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .diagnostics import Diagnostics, Position
from .load import Document

JsonSchema = dict[str, Any]

# What a check returns for a value it refused (after saying why); None is a valid value.
INVALID: Any = object()


@dataclass
class Context:
    document: Document
    diagnostics: Diagnostics
    key: str | None = None  # the key whose value is being checked, named in a mismatch

    def error(self, position: Position, message: str, hint: str = "") -> None:
        self.diagnostics.error(position, message, hint)

    def mismatch(self, position: Position, expected: str, value: object) -> None:
        """A value of the wrong kind, with the key it belongs to."""
        where = f"{self.key}: " if self.key else ""
        self.error(position, f"{where}expected {expected}, found {describe(value)}")


def describe(value: object) -> str:
    """How a YAML value is named in a message."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"a string ({shown!r})"
    if isinstance(value, datetime.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, CommentedMap):
        return "a mapping"
    if isinstance(value, CommentedSeq):
        return "a list"
    return type(value).__name__


def closest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


class Shape:
    """What a value must look like."""

    title = "value"

    def accepts_kind(self, value: object) -> bool:
        raise NotImplementedError

    def check(self, value: object, position: Position, context: Context) -> Any:
        """The value read, or INVALID once the problem is reported."""
        raise NotImplementedError

    def json_schema(self) -> JsonSchema:
        raise NotImplementedError


@dataclass
class Text(Shape):
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    allow_empty: bool = False
    doc: str = ""
    title: str = "a string"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, str)

    def check(self, value: object, position: Position, context: Context) -> Any:
        if not isinstance(value, str):
            context.mismatch(position, self.title, value)
            return INVALID
        if not value and not self.allow_empty:
            context.error(position, "empty string", "write a non-empty value")
            return INVALID
        if self.choices and value not in self.choices:
            near = closest(value, self.choices)
            hint = f"did you mean {near!r}?" if near else "one of: " + ", ".join(self.choices)
            context.error(position, f"{value!r} is not allowed here", hint)
            return INVALID
        if self.pattern and not re.fullmatch(self.pattern, value):
            context.error(position, f"{value!r} does not match {self.pattern}", self.doc)
            return INVALID
        return str(value)

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "string"}
        if self.choices:
            schema["enum"] = list(self.choices)
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        if not self.allow_empty and not self.choices:
            schema["minLength"] = 1
        if self.doc:
            schema["description"] = self.doc
        return schema


@dataclass
class Integer(Shape):
    title: str = "an integer"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool)

    def check(self, value: object, position: Position, context: Context) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            context.mismatch(position, "an integer", value)
            return INVALID
        return int(value)

    def json_schema(self) -> JsonSchema:
        return {"type": "integer"}


@dataclass
class Number(Shape):
    minimum: float = 0
    title: str = "a number"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    def check(self, value: object, position: Position, context: Context) -> Any:
        if not self.accepts_kind(value):
            context.mismatch(position, "a number", value)
            return INVALID
        assert isinstance(value, (int, float))
        if not math.isfinite(value):
            context.error(position, f"{value} is not a finite number", "write a number of seconds")
            return INVALID
        if value < self.minimum:
            context.error(position, f"{value} is below the minimum {self.minimum}")
            return INVALID
        return float(value)

    def json_schema(self) -> JsonSchema:
        return {"type": "number", "minimum": self.minimum}


@dataclass
class Boolean(Shape):
    title: str = "true or false"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, bool)

    def check(self, value: object, position: Position, context: Context) -> Any:
        if not isinstance(value, bool):
            context.mismatch(position, "true or false", value)
            return INVALID
        return value

    def json_schema(self) -> JsonSchema:
        return {"type": "boolean"}


@dataclass
class ListOf(Shape):
    item: Shape
    min_items: int = 0
    title: str = "a list"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, CommentedSeq)

    def check(self, value: object, position: Position, context: Context) -> Any:
        if not isinstance(value, CommentedSeq):
            context.mismatch(position, "a list", value)
            return INVALID
        if len(value) < self.min_items:
            context.error(
                position, f"expected at least {self.min_items} item(s), found {len(value)}"
            )
            return INVALID
        items = [
            self.item.check(item, context.document.item_position(value, index), context)
            for index, item in enumerate(value)
        ]
        return INVALID if any(item is INVALID for item in items) else tuple(items)

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass
class MapOf(Shape):
    """A mapping from identifier keys to values of one shape."""

    value: Shape
    key_pattern: str = r"[a-z_][a-z0-9_]*"
    title: str = "a mapping"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, CommentedMap)

    def check(self, value: object, position: Position, context: Context) -> Any:
        if not isinstance(value, CommentedMap):
            context.mismatch(position, "a mapping", value)
            return INVALID
        ok = True
        read = {}
        for key in value:
            if not isinstance(key, str) or not re.fullmatch(self.key_pattern, key):
                context.error(
                    context.document.key_position(value, key),
                    f"key {key!r} is not a lower-case identifier",
                )
                ok = False
            read[str(key)] = self.value.check(
                value[key], context.document.value_position(value, key), context
            )
            ok &= read[str(key)] is not INVALID
        return read if ok else INVALID

    def json_schema(self) -> JsonSchema:
        return {
            "type": "object",
            "propertyNames": {"pattern": f"^{self.key_pattern}$"},
            "additionalProperties": self.value.json_schema(),
        }


@dataclass
class Either(Shape):
    """One of several shapes, chosen by the kind of the value (string, number, mapping, list)."""

    options: tuple[Shape, ...]
    title: str = "value"

    def accepts_kind(self, value: object) -> bool:
        return any(option.accepts_kind(value) for option in self.options)

    def check(self, value: object, position: Position, context: Context) -> Any:
        for option in self.options:
            if option.accepts_kind(value):
                return option.check(value, position, context)
        expected = " or ".join(option.title for option in self.options)
        context.mismatch(position, expected, value)
        return INVALID

    def json_schema(self) -> JsonSchema:
        return {"anyOf": [option.json_schema() for option in self.options]}
