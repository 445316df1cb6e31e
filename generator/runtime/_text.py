# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Reading a message as a documented text: the lookup key it is normalized to, documented
text with a detail appended, and the values a template captures. Templates are literal
segments matched left to right with plain string searches, so no input can backtrack."""

from __future__ import annotations

import re
from typing import Generic, NamedTuple, TypeVar

from ._base import ErrorBase

E = TypeVar("E", bound=ErrorBase)
# A class in the tables, or the name of one its module creates on first use.
Ref = type[E] | str

# How far into a message separators are looked for when matching documented text + detail.
PREFIX_SCAN = 512
# Documented messages are short: a longer one is matched on its first this many characters
# (the whole of it stays in the error's `message`).
MATCHED_LENGTH = 4096
NUMBER_CHARS = frozenset("0123456789.,+-")


class Group(NamedTuple):
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    literal: str


class MessageTemplate(Generic[E]):
    __slots__ = ("cls", "groups", "last", "middle", "prefix")

    def __init__(self, prefix: str, groups: tuple[Group, ...], cls: Ref[E]) -> None:
        self.prefix = prefix
        self.groups = groups
        self.cls = cls
        # The groups a literal closes, and the last one, which runs to the end of the text.
        self.middle = groups[:-1]
        self.last = groups[-1]


class Matching(NamedTuple):
    case_sensitive: bool
    trailing: str
    detail_separators: tuple[str, ...]
    code_separator: str | None


# The last normalization: an unknown message is normalized for its code, for the message
# tables and for the fallback rules in turn. One tuple, replaced whole, so threads never see
# a text paired with another text's result.
_last_normalized: tuple[object, object, tuple[str, str]] = (None, None, ("", ""))


def normalize(text: str, matching: Matching) -> tuple[str, str]:
    """(text with whitespace folded and trailing punctuation dropped, its lookup key)."""
    global _last_normalized
    last = _last_normalized
    if last[0] is text and last[1] is matching:
        return last[2]
    kept = text[:MATCHED_LENGTH]
    if kept.isprintable() and "  " not in kept and not kept.startswith(" "):
        # Nothing to fold (no whitespace but single spaces, none leading): the usual message,
        # spared splitting and joining.
        folded = kept.rstrip(matching.trailing + " ")
    else:
        folded = " ".join(kept.split()).rstrip(matching.trailing + " ")
    result = (folded, folded if matching.case_sensitive else folded.lower())
    _last_normalized = (text, matching, result)
    return result


def quick_key(text: str, matching: Matching) -> str:
    """The verbatim text as a key: documented texts are also stored this way, so a message
    sent exactly as documented is found without normalizing it."""
    text = text[:MATCHED_LENGTH]
    return text if matching.case_sensitive else text.lower()


def prefixes(key: str, matching: Matching) -> list[str]:
    """Documented-text candidates of a message with a detail appended, longest first."""
    separators = matching.detail_separators
    if not separators:
        return []
    scanned = key[:PREFIX_SCAN]
    ends: set[int] = set()
    for separator in separators:
        start = scanned.find(separator)
        while start > 0:
            ends.add(start)
            start = scanned.find(separator, start + 1)
    if not ends:
        return []
    strip = matching.trailing + " "
    return [key[:end].rstrip(strip) for end in sorted(ends, reverse=True)]


def _split_values(chunk: str, kinds: tuple[str, ...]) -> list[str] | None:
    values: list[str] = []
    for _ in kinds[:-1]:  # all but the last are numbers (checked by the generator)
        length = 0
        while length < len(chunk) and chunk[length] in NUMBER_CHARS:
            length += 1
        if length == 0:
            return None
        values.append(chunk[:length])
        chunk = chunk[length:]
    if not chunk or not _fits(chunk, kinds[-1]):
        return None
    values.append(chunk)
    return values


# One character class each, searched once: linear in the value.
# A number's characters with at least one digit: the signs and separators before the first
# digit, then the rest (no two ways to match, so nothing to backtrack).
_NUMBER = re.compile(r"[.,+\-]*[0-9][0-9.,+\-]*")
_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts


def _fits(value: str, kind: str) -> bool:
    if kind == "number":
        return _NUMBER.fullmatch(value) is not None
    if kind == "word":
        return _SPACE.search(value) is None
    return True


def match_template(template: MessageTemplate[E], text: str, key: str) -> dict[str, str] | None:
    """The captured values when the message fits the template, else None."""
    if not key.startswith(template.prefix):
        return None
    last = template.last
    if not key.endswith(last.literal):
        return None
    # Values are cut from the original text, whose case they keep, when folding case kept
    # every index in place.
    source = text if len(text) == len(key) else key
    position = len(template.prefix)
    params: dict[str, str] = {}
    for group in template.middle:
        end = key.find(group.literal, position + 1)
        if end <= position or not _take(params, group, source[position:end]):
            return None
        position = end + len(group.literal)
    end = len(key) - len(last.literal)
    if end <= position or not _take(params, last, source[position:end]):
        return None
    return params


def _take(params: dict[str, str], group: Group, chunk: str) -> bool:
    """Put the group's values in `params`; False when the chunk does not fit its kinds."""
    kinds = group.kinds
    if len(kinds) == 1:  # one value between two literals: the usual group
        if kinds[0] != "text" and not _fits(chunk, kinds[0]):
            return False
        params[group.names[0]] = chunk
        return True
    values = _split_values(chunk, kinds)
    if values is None:
        return False
    params.update(zip(group.names, values, strict=False))
    return True
