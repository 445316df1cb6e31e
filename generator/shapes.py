"""A small language of shapes: each one validates a loaded YAML node and describes itself
as JSON Schema, so the spec format is declared once (in schema.py) for both purposes."""

from __future__ import annotations

import datetime
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .diagnostics import Diagnostics, Position
from .load import Document
from .naming import identifier_problem, name_problem

JsonSchema = dict[str, Any]

# A status pattern (5xx, 10xx) stands for a range of numbers; thousands of x's would make
# numbers too long to write. Expanded, the longest allowed still fits in 64 bits.
MAX_STATUS_PATTERN = 18
STATUS_FIELDS = {("HttpStatus", "status"), ("Fallback", "status")}

# Fields whose strings become Python names or names in the package's API, by record and key,
# with what a message calls them. (Exchange ids, class and enum names and enum members are
# checked where they are derived: exchange.py and taxonomy.py.)
IDENTIFIER_FIELDS = {
    ("Event", "fields"): "event field",
    ("Package", "import_name"): "import name",
}
# Fields whose strings the package uses as strings only (`api=`, a template's values), held
# to the rules of Python names all the same: no keyword, no builtin.
NAME_FIELDS = {
    ("Scope", "id"): "scope id",
    ("Message", "params"): "parameter name",
    ("Param", "name"): "parameter name",
    ("Message", "retry_until"): "retry_until",
}


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

    def check(self, value: object, position: Position, context: Context) -> bool:
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

    def check(self, value: object, position: Position, context: Context) -> bool:
        if not isinstance(value, str):
            context.mismatch(position, self.title, value)
            return False
        if not value and not self.allow_empty:
            context.error(position, "empty string", "write a non-empty value")
            return False
        if self.choices and value not in self.choices:
            near = closest(value, self.choices)
            hint = f"did you mean {near!r}?" if near else "one of: " + ", ".join(self.choices)
            context.error(position, f"{value!r} is not allowed here", hint)
            return False
        if self.pattern and not re.fullmatch(self.pattern, value):
            context.error(position, f"{value!r} does not match {self.pattern}", self.doc)
            return False
        return True

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

    def check(self, value: object, position: Position, context: Context) -> bool:
        if not self.accepts_kind(value):
            context.mismatch(position, "an integer", value)
            return False
        return True

    def json_schema(self) -> JsonSchema:
        return {"type": "integer"}


@dataclass
class Number(Shape):
    minimum: float = 0
    title: str = "a number"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool)

    def check(self, value: object, position: Position, context: Context) -> bool:
        if not self.accepts_kind(value):
            context.mismatch(position, "a number", value)
            return False
        assert isinstance(value, (int, float))
        if not math.isfinite(value):
            context.error(position, f"{value} is not a finite number", "write a number of seconds")
            return False
        if value < self.minimum:
            context.error(position, f"{value} is below the minimum {self.minimum}")
            return False
        return True

    def json_schema(self) -> JsonSchema:
        return {"type": "number", "minimum": self.minimum}


@dataclass
class Boolean(Shape):
    title: str = "true or false"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, bool)

    def check(self, value: object, position: Position, context: Context) -> bool:
        if not isinstance(value, bool):
            context.mismatch(position, "true or false", value)
            return False
        return True

    def json_schema(self) -> JsonSchema:
        return {"type": "boolean"}


@dataclass
class ListOf(Shape):
    item: Shape
    min_items: int = 0
    title: str = "a list"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, CommentedSeq)

    def check(self, value: object, position: Position, context: Context) -> bool:
        if not isinstance(value, CommentedSeq):
            context.mismatch(position, "a list", value)
            return False
        if len(value) < self.min_items:
            context.error(
                position, f"expected at least {self.min_items} item(s), found {len(value)}"
            )
            return False
        ok = True
        for index, item in enumerate(value):
            ok &= self.item.check(item, context.document.item_position(value, index), context)
        return ok

    def json_schema(self) -> JsonSchema:
        schema: JsonSchema = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass
class Field:
    shape: Shape
    required: bool = False
    doc: str = ""


@dataclass
class Record(Shape):
    """A mapping with a closed set of keys."""

    name: str
    fields: dict[str, Field]
    doc: str = ""
    title: str = "a mapping"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, CommentedMap)

    def check(self, value: object, position: Position, context: Context) -> bool:
        if not isinstance(value, CommentedMap):
            context.mismatch(position, f"a mapping ({self.name})", value)
            return False
        ok = True
        document = context.document
        for key in value:
            if not isinstance(key, str) or key not in self.fields:
                hint = self._hint_for(str(key))
                context.error(
                    document.key_position(value, key), f"unknown key {key!r} in {self.name}", hint
                )
                ok = False
                continue
            outer, context.key = context.key, key
            checked = self.fields[key].shape.check(
                value[key], document.value_position(value, key), context
            )
            context.key = outer
            if checked and (self.name, key) in IDENTIFIER_FIELDS:
                what = IDENTIFIER_FIELDS[self.name, key]
                checked = _check_identifiers(value, key, what, context, identifier_problem)
            if checked and (self.name, key) in NAME_FIELDS:
                what = NAME_FIELDS[self.name, key]
                checked = _check_identifiers(value, key, what, context, name_problem)
            if checked and (self.name, key) in STATUS_FIELDS:
                checked = _check_status_patterns(value, key, context)
            ok &= checked
        for key, spec in self.fields.items():
            if spec.required and key not in value:
                context.error(position, f"missing required key {key!r} in {self.name}", spec.doc)
                ok = False
        return ok

    def _hint_for(self, key: str) -> str:
        """Where an unknown key belongs: a field of this record's nested mappings (a frame's
        `code_field` written beside `other_frames`), else the nearest of its own keys."""
        for name, spec in self.fields.items():
            shape = spec.shape.item if isinstance(spec.shape, ListOf) else spec.shape
            if isinstance(shape, Record) and key in shape.fields:
                where = f"each entry of {name!r}" if shape is not spec.shape else f"{name!r}"
                return f"{key!r} is a key of {where}, not of {self.name}"
        near = closest(key, tuple(self.fields))
        return f"did you mean {near!r}?" if near else "allowed: " + ", ".join(self.fields)

    def json_schema(self) -> JsonSchema:
        return {"$ref": f"#/$defs/{self.name}"}

    def definition(self) -> JsonSchema:
        properties: JsonSchema = {}
        for key, spec in self.fields.items():
            prop = spec.shape.json_schema()
            if spec.doc:
                prop = {**prop, "description": spec.doc}
            properties[key] = prop
        schema: JsonSchema = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        required = [key for key, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        if self.doc:
            schema["description"] = self.doc
        return schema


def _strings_of(mapping: CommentedMap, key: str, document: Document) -> list[tuple[str, Position]]:
    """The strings of a field with their positions: the value itself, or a list's items."""
    value = mapping[key]
    if isinstance(value, str):
        return [(value, document.value_position(mapping, key))]
    if isinstance(value, CommentedSeq):
        return [
            (item, document.item_position(value, index))
            for index, item in enumerate(value)
            if isinstance(item, str)
        ]
    return []


def _check_status_patterns(mapping: CommentedMap, key: str, context: Context) -> bool:
    ok = True
    for text, position in _strings_of(mapping, key, context.document):
        if len(text) > MAX_STATUS_PATTERN:
            context.error(
                position,
                f"status pattern of {len(text)} characters is too long",
                f"a pattern such as 5xx or 10xx has at most {MAX_STATUS_PATTERN} characters",
            )
            ok = False
    return ok


def _check_identifiers(
    mapping: CommentedMap,
    key: str,
    what: str,
    context: Context,
    rule: Callable[[str], str | None],
) -> bool:
    """The strings of a field that become Python names: the value itself, the strings of a
    list, or the keys of a mapping."""
    value = mapping[key]
    document = context.document
    if isinstance(value, CommentedMap):
        found = [(str(name), document.key_position(value, name)) for name in value]
    else:
        found = _strings_of(mapping, key, document)
    ok = True
    for name, position in found:
        problem = rule(name)
        if problem:
            context.error(position, f"{what}: {problem}", "choose another name")
            ok = False
    return ok


@dataclass
class MapOf(Shape):
    """A mapping from identifier keys to values of one shape."""

    value: Shape
    key_pattern: str = r"[a-z_][a-z0-9_]*"
    title: str = "a mapping"

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, CommentedMap)

    def check(self, value: object, position: Position, context: Context) -> bool:
        if not isinstance(value, CommentedMap):
            context.mismatch(position, "a mapping", value)
            return False
        ok = True
        for key in value:
            if not isinstance(key, str) or not re.fullmatch(self.key_pattern, key):
                context.error(
                    context.document.key_position(value, key),
                    f"key {key!r} is not a lower-case identifier",
                )
                ok = False
            ok &= self.value.check(
                value[key], context.document.value_position(value, key), context
            )
        return ok

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

    def check(self, value: object, position: Position, context: Context) -> bool:
        for option in self.options:
            if option.accepts_kind(value):
                return option.check(value, position, context)
        expected = " or ".join(option.title for option in self.options)
        context.mismatch(position, expected, value)
        return False

    def json_schema(self) -> JsonSchema:
        return {"anyOf": [option.json_schema() for option in self.options]}


def records_in(shape: Shape, found: dict[str, Record] | None = None) -> dict[str, Record]:
    """Every Record reachable from a shape, by name, for the JSON Schema's $defs."""
    found = {} if found is None else found
    if isinstance(shape, Record):
        if shape.name in found:
            return found
        found[shape.name] = shape
        for spec in shape.fields.values():
            records_in(spec.shape, found)
    elif isinstance(shape, ListOf):
        records_in(shape.item, found)
    elif isinstance(shape, MapOf):
        records_in(shape.value, found)
    elif isinstance(shape, Either):
        for option in shape.options:
            records_in(option, found)
    return found


def document_schema(root: Record, title: str) -> JsonSchema:
    definitions = records_in(root)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "$ref": f"#/$defs/{root.name}",
        "$defs": {name: definitions[name].definition() for name in sorted(definitions)},
    }
