"""Records of the spec format: frozen dataclasses whose fields declare the key, shape and
meaning of each entry of a spec file. A record's shape checks a loaded YAML mapping and
turns it into an instance that remembers where each key was written, so the checks after
loading report `file:line:column` without going back to the YAML tree."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, dataclass_transform

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .diagnostics import Position
from .load import Document
from .naming import identifier_problem, name_problem
from .shapes import INVALID, Context, Either, JsonSchema, ListOf, MapOf, Shape, closest

# A status pattern (5xx, 10xx) stands for a range of numbers; thousands of x's would make
# numbers too long to write. Expanded, the longest allowed still fits in 64 bits.
MAX_STATUS_PATTERN = 18


@dataclass(frozen=True)
class Where:
    """Where a mapping and its entries were written."""

    node: Position
    values: Mapping[str, Position]
    # the positions of a list's items, or of a mapping's keys, by the key that holds them
    items: Mapping[str, tuple[Position, ...]]


@dataclass(frozen=True, kw_only=True)
class Node:
    """A checked mapping of a spec file."""

    where: Where = dataclasses.field(compare=False, repr=False)

    def at(self, key: str) -> Position:
        """Where the key's value was written; the mapping's own place if it was not."""
        return self.where.values.get(key, self.where.node)

    def item_at(self, key: str, index: int) -> Position:
        """Where the index-th item of the list under `key` (or key of the mapping) was written."""
        items = self.where.items.get(key, ())
        return items[index] if index < len(items) else self.at(key)

    @property
    def position(self) -> Position:
        return self.where.node


@dataclass
class Field:
    """One key of a record: its shape, whether it must be written, what it means."""

    shape: Shape
    required: bool = False
    doc: str = ""
    attribute: str = ""  # the dataclass field it fills (`class` fills class_name)
    # Extra checks of the strings that become names: (what a message calls them, the rule).
    names: tuple[str, Callable[[str], str | None]] | None = None
    status_patterns: bool = False


def key(
    shape: Shape,
    doc: str = "",
    *,
    required: bool = False,
    default: Any = None,
    yaml_key: str | None = None,
    identifier: str | None = None,
    python_name: str | None = None,
    status_patterns: bool = False,
) -> Any:
    """Declares a record's field. `identifier` and `python_name` name what the strings
    become when they must be Python identifiers (a module's name) or Python-like names the
    package uses as strings (`api=`, a template's values)."""
    names = None
    if identifier is not None:
        names = (identifier, identifier_problem)
    elif python_name is not None:
        names = (python_name, name_problem)
    meta = {"field": Field(shape, required, doc, "", names, status_patterns), "key": yaml_key}
    if required:
        return dataclasses.field(metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


R = TypeVar("R", bound=Node)


class Record(Shape):
    """A mapping with a closed set of keys, read into an instance of its model."""

    title = "a mapping"

    def __init__(self, model: type[Node], name: str, doc: str) -> None:
        self.model = model
        self.name = name
        self.doc = doc
        self.fields: dict[str, Field] = {}
        # The record's own keys come first, then those shared with other records.
        own = inspect.get_annotations(model)
        declared_fields = sorted(dataclasses.fields(model), key=lambda f: f.name not in own)
        for declared in declared_fields:
            found = declared.metadata.get("field")
            if isinstance(found, Field):
                found.attribute = declared.name
                self.fields[declared.metadata.get("key") or declared.name] = found

    def accepts_kind(self, value: object) -> bool:
        return isinstance(value, CommentedMap)

    def check(self, value: object, position: Position, context: Context) -> object:
        if not isinstance(value, CommentedMap):
            context.mismatch(position, f"a mapping ({self.name})", value)
            return INVALID
        ok = True
        document = context.document
        values: dict[str, object] = {}
        for key_name in value:
            if not isinstance(key_name, str) or key_name not in self.fields:
                hint = self._hint_for(str(key_name))
                context.error(
                    document.key_position(value, key_name),
                    f"unknown key {key_name!r} in {self.name}",
                    hint,
                )
                ok = False
                continue
            spec = self.fields[key_name]
            outer, context.key = context.key, key_name
            read = spec.shape.check(
                value[key_name], document.value_position(value, key_name), context
            )
            context.key = outer
            if read is INVALID:
                ok = False
                continue
            if spec.names is not None and not _check_names(value, key_name, spec.names, context):
                ok = False
                continue
            if spec.status_patterns and not _check_status_patterns(value, key_name, context):
                ok = False
                continue
            values[spec.attribute] = read
        for key_name, spec in self.fields.items():
            if spec.required and key_name not in value:
                context.error(
                    position, f"missing required key {key_name!r} in {self.name}", spec.doc
                )
                ok = False
        if not ok:
            return INVALID
        return self.model(where=self._where(value, position, document), **values)

    def _where(self, mapping: CommentedMap, position: Position, document: Document) -> Where:
        values: dict[str, Position] = {}
        items: dict[str, tuple[Position, ...]] = {}
        for name in mapping:
            values[name] = document.value_position(mapping, name)
            value = mapping[name]
            if isinstance(value, CommentedSeq):
                items[name] = tuple(document.item_position(value, i) for i in range(len(value)))
            elif isinstance(self.fields[name].shape, MapOf):
                items[name] = tuple(document.key_position(value, k) for k in value)
        return Where(position, values, items)

    def _hint_for(self, key_name: str) -> str:
        """Where an unknown key belongs: a field of this record's nested mappings (a frame's
        `code_field` written beside `other_frames`), else the nearest of its own keys."""
        for name, spec in self.fields.items():
            shape = spec.shape.item if isinstance(spec.shape, ListOf) else spec.shape
            if isinstance(shape, Record) and key_name in shape.fields:
                where = f"each entry of {name!r}" if shape is not spec.shape else f"{name!r}"
                return f"{key_name!r} is a key of {where}, not of {self.name}"
        near = closest(key_name, tuple(self.fields))
        return f"did you mean {near!r}?" if near else "allowed: " + ", ".join(self.fields)

    def json_schema(self) -> JsonSchema:
        return {"$ref": f"#/$defs/{self.name}"}

    def definition(self) -> JsonSchema:
        properties: JsonSchema = {}
        for key_name, spec in self.fields.items():
            prop = spec.shape.json_schema()
            if spec.doc:
                prop = {**prop, "description": spec.doc}
            properties[key_name] = prop
        schema: JsonSchema = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        required = [key_name for key_name, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        if self.doc:
            schema["description"] = self.doc
        return schema


_RECORDS: dict[type[Node], Record] = {}


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(key,))
def record(name: str, doc: str = "") -> Callable[[type[R]], type[R]]:
    """Makes a frozen dataclass of the spec format from a class whose fields are `key(...)`s,
    with `name` as its name in messages and in the JSON Schema."""

    def make(cls: type[R]) -> type[R]:
        model = dataclass(frozen=True, kw_only=True)(cls)
        _RECORDS[model] = Record(model, name, doc)
        return model

    return make


def shape_of(model: type[Node]) -> Record:
    """The shape that checks and reads a mapping into `model`."""
    return _RECORDS[model]


def _strings_of(
    mapping: CommentedMap, key_name: str, document: Document
) -> list[tuple[str, Position]]:
    """The strings of a field with their positions: the value itself, or a list's items."""
    value = mapping[key_name]
    if isinstance(value, str):
        return [(value, document.value_position(mapping, key_name))]
    if isinstance(value, CommentedSeq):
        return [
            (item, document.item_position(value, index))
            for index, item in enumerate(value)
            if isinstance(item, str)
        ]
    return []


def _check_status_patterns(mapping: CommentedMap, key_name: str, context: Context) -> bool:
    ok = True
    for text, position in _strings_of(mapping, key_name, context.document):
        if len(text) > MAX_STATUS_PATTERN:
            context.error(
                position,
                f"status pattern of {len(text)} characters is too long",
                f"a pattern such as 5xx or 10xx has at most {MAX_STATUS_PATTERN} characters",
            )
            ok = False
    return ok


def _check_names(
    mapping: CommentedMap,
    key_name: str,
    names: tuple[str, Callable[[str], str | None]],
    context: Context,
) -> bool:
    """The strings of a field that become names: the value itself, the strings of a list,
    or the keys of a mapping."""
    what, rule = names
    value = mapping[key_name]
    document = context.document
    if isinstance(value, CommentedMap):
        found = [(str(name), document.key_position(value, name)) for name in value]
    else:
        found = _strings_of(mapping, key_name, document)
    ok = True
    for name, position in found:
        problem = rule(name)
        if problem:
            context.error(position, f"{what}: {problem}", "choose another name")
            ok = False
    return ok


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


def document_schema(root: type[Node], title: str) -> JsonSchema:
    definitions = records_in(shape_of(root))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "$ref": f"#/$defs/{shape_of(root).name}",
        "$defs": {name: definitions[name].definition() for name in sorted(definitions)},
    }
