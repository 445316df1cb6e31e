"""Reads YAML with ruamel.yaml in round-trip mode, keeping line and column of every node."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .diagnostics import Diagnostics, Position


@dataclass(frozen=True)
class Document:
    """One loaded YAML file: its parsed tree and the name to report problems under."""

    path: str
    root: Any

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
            return Position(self.path)
        return self.at(lc.line, lc.col)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def load_document(path: Path, shown_as: str, diagnostics: Diagnostics) -> Document | None:
    """Parse one file; on a syntax error, record it and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.error(Position(shown_as), f"cannot read the file: {exc}")
        return None
    try:
        root = _yaml().load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        key = _duplicate_key_name(exc)
        diagnostics.error(
            Position(shown_as, line, column),
            f"duplicate key {key!r}",
            "each key may appear once in a mapping",
        )
        return None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "indent with spaces, not tabs" if "\\t" in problem or "\t" in problem else ""
        diagnostics.error(Position(shown_as, line, column), f"YAML syntax: {problem}", hint)
        return None
    except YAMLError as exc:
        diagnostics.error(Position(shown_as), f"YAML syntax: {exc}")
        return None
    return Document(shown_as, root)


def _duplicate_key_name(exc: DuplicateKeyError) -> str:
    found = re.search(r'duplicate key "([^"]*)"', exc.problem or "")
    return found.group(1) if found else (exc.problem or "")
