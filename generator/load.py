"""Reads YAML with ruamel.yaml in round-trip mode, keeping line and column of every node.

Only plain YAML is read: explicit tags, aliases and merge keys, lone surrogates, integers
beyond 64 bits and nesting deeper than a spec ever needs are refused with their position, as
are bytes that are not UTF-8 and characters YAML does not allow; an empty file is refused
too. Whatever the text, reading ends in a Document or in diagnostics, never in an exception."""

from __future__ import annotations

import importlib.metadata
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from . import cache
from .diagnostics import Diagnostics, Position

# What a parse depends on beside the file: ruamel.yaml's version and this loader's own rules.
RUAMEL_VERSION = importlib.metadata.version("ruamel.yaml")
_LOADER_SOURCE = Path(__file__).read_bytes()

# Specs nest about ten levels deep; the parser recurses once per level.
MAX_DEPTH = 40
# Codes, statuses, priorities and delays all fit in a signed 64-bit integer.
INTEGER_LIMIT = 2**63
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHORT_TAGS = {"tag:yaml.org,2002:": "!!"}


@dataclass(frozen=True)
class Document:
    """One loaded YAML file: its parsed tree and the name to report problems under."""

    path: str
    root: Any
    root_line: int = 0
    root_column: int = 0

    def at(self, line: int, column: int) -> Position:
        return Position(self.path, line + 1, column + 1)

    def key_position(self, mapping: CommentedMap, key: str) -> Position:
        line, column = mapping.lc.key(key)
        return self.at(line, column)

    def value_position(self, mapping: CommentedMap, key: str) -> Position:
        line, column = mapping.lc.value(key)
        return self.at(line, column)

    def item_position(self, sequence: CommentedSeq, index: int) -> Position:
        line, column = sequence.lc.item(index)
        return self.at(line, column)

    def node_position(self, node: object) -> Position:
        lc = getattr(node, "lc", None)
        if lc is None or lc.line is None:
            # A scalar has no position of its own; the only one reported is the root's.
            return self.at(self.root_line, self.root_column)
        return self.at(lc.line, lc.col)


class RefusedYAMLError(YAMLError):
    """YAML that is valid but not allowed in a spec, with where it is and what to do."""

    def __init__(self, mark: Any, problem: str, hint: str = "") -> None:
        super().__init__(problem)
        self.mark = mark
        self.problem = problem
        self.hint = hint


def _shown_tag(tag: object) -> str:
    text = str(tag)
    for long, short in _SHORT_TAGS.items():
        if text.startswith(long):
            return short + text[len(long) :]
    return text


class _Composer(Composer):
    """Refuses what a spec has no use for before it becomes a node: tags, aliases, lone
    surrogates, nesting deeper than MAX_DEPTH."""

    nesting = 0
    root_mark: Any = None

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if self.root_mark is None:
            self.root_mark = event.start_mark
        if isinstance(event, AliasEvent):
            raise RefusedYAMLError(
                event.start_mark,
                f"YAML alias *{event.anchor} is not supported",
                "write the value out; shared meanings go in message_tables",
            )
        tag = getattr(event, "tag", None)
        if tag is not None:
            raise RefusedYAMLError(
                event.start_mark,
                f"explicit YAML tag {_shown_tag(tag)} is not supported",
                "write a plain value; quote it to make it a string",
            )
        if isinstance(event, ScalarEvent):
            found = _SURROGATE.search(event.value or "")
            if found:
                raise RefusedYAMLError(
                    event.start_mark,
                    f"lone surrogate \\u{ord(found.group()):04x} in a string",
                    "write the character itself, or \\U and its eight hex digits",
                )
            if event.value == "<<" and event.style is None and index is None:
                raise RefusedYAMLError(
                    event.start_mark,
                    "YAML merge keys (<<) are not supported",
                    "write the keys out",
                )
        self.nesting += 1
        try:
            if self.nesting > MAX_DEPTH:
                raise RefusedYAMLError(
                    event.start_mark,
                    f"the YAML nests more than {MAX_DEPTH} levels deep",
                    "a spec never needs that many; look for unbalanced brackets",
                )
            return super().compose_node(parent, index)
        finally:
            self.nesting -= 1


class _Constructor(RoundTripConstructor):
    """Integers are read only up to INTEGER_LIMIT, so that none is too long to print; a value
    that cannot be built (a date such as 2001-13-45) is reported at its position."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise RefusedYAMLError(
                node.start_mark,
                f"cannot read the value {str(node.value)[:40]!r}: {exc}",
                "quote it to make it a string",
            ) from exc

    def construct_yaml_int(self, node: Any) -> Any:
        digits = len(str(node.value).lstrip("+-0").replace("_", ""))
        value = None if digits > 40 else super().construct_yaml_int(node)
        if value is None or not -INTEGER_LIMIT <= value < INTEGER_LIMIT:
            raise RefusedYAMLError(
                node.start_mark,
                f"integer of {digits} digits is too large",
                "codes, statuses and numbers of a spec fit in 64 bits; quote a string code",
            )
        return value


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    return yaml


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index], counting line breaks as YAML does."""
    before = text[:index]
    breaks = list(re.finditer(r"\r\n|[\n\r\x85\u2028\u2029]", before))
    if not breaks:
        return 1, index + 1
    return len(breaks) + 1, index - breaks[-1].end() + 1


def _mark_position(shown_as: str, mark: Any) -> Position:
    if mark is None:
        return Position(shown_as, 1, 1)
    return Position(shown_as, mark.line + 1, mark.column + 1)


def load_document(path: Path, shown_as: str, diagnostics: Diagnostics) -> Document | None:
    """Parse one file; on any problem, record it with its position and return None. A file
    parsed before, byte for byte, by this same loader comes from the generator's cache."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(Position(shown_as, 1, 1), f"cannot read the file: {exc.strerror}")
        return None
    name = cache.key(RUAMEL_VERSION, _LOADER_SOURCE, shown_as, data)
    cached = _cached_document(name)
    if cached is not None:
        return cached
    document = _parse(data, shown_as, diagnostics)
    if document is not None:
        cache.write("yaml", name, pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL))
    return document


def _cached_document(name: str) -> Document | None:
    data = cache.read("yaml", name)
    if data is None:
        return None
    try:
        document = pickle.loads(data)
    except Exception:  # a cache file cut short or written by another version: parse again
        return None
    return document if isinstance(document, Document) else None


def _parse(data: bytes, shown_as: str, diagnostics: Diagnostics) -> Document | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8")
        line, column = _line_column(prefix, len(prefix))
        diagnostics.error(
            Position(shown_as, line, column),
            f"the file is not UTF-8: byte 0x{data[exc.start]:02x} cannot be read",
            "save the file as UTF-8",
        )
        return None
    return load_text(text, shown_as, diagnostics)


def load_text(text: str, shown_as: str, diagnostics: Diagnostics) -> Document | None:
    """Parse YAML text; on any problem, record it with its position and return None."""
    yaml = _yaml()
    try:
        root = yaml.load(text)
    except DuplicateKeyError as exc:
        key = _duplicate_key_name(exc)
        diagnostics.error(
            _mark_position(shown_as, exc.problem_mark),
            f"duplicate key {key!r}",
            "each key may appear once in a mapping",
        )
        return None
    except RefusedYAMLError as exc:
        diagnostics.error(_mark_position(shown_as, exc.mark), exc.problem, exc.hint)
        return None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "indent with spaces, not tabs" if "\\t" in problem or "\t" in problem else ""
        diagnostics.error(_mark_position(shown_as, mark), f"YAML syntax: {problem}", hint)
        return None
    except ReaderError as exc:
        line, column = _line_column(text, exc.position)
        character = exc.character if isinstance(exc.character, int) else 0
        diagnostics.error(
            Position(shown_as, line, column),
            f"the character U+{character:04X} is not allowed in YAML",
            "remove it; inside double quotes write it as an escape such as \\0 or \\x01",
        )
        return None
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        diagnostics.error(Position(shown_as, 1, 1), f"cannot read the YAML: {exc}")
        return None
    if root is None:
        diagnostics.error(
            Position(shown_as, 1, 1), "the file is empty", "write the spec, or delete the file"
        )
        return None
    mark = yaml.composer.root_mark
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    return Document(shown_as, root, line, column)


def _duplicate_key_name(exc: DuplicateKeyError) -> str:
    found = re.search(r'duplicate key "([^"]*)"', exc.problem or "")
    return found.group(1) if found else (exc.problem or "")
