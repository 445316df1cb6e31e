"""Message normalization and placeholder templates.

A template compiles to literal segments that the generated package matches with plain string
searches, left to right: matching never backtracks, so its cost is linear in the message."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .ir import Matching, Template, TemplateGroup
from .runtime import _text


@functools.cache
def runtime_matching(matching: Matching) -> _text.Matching:
    """An exchange's matching rules as the generated package reads them."""
    return _text.Matching(
        case_sensitive=matching.case_sensitive,
        trailing=matching.trailing_punctuation,
        detail_separators=matching.detail_separators,
        code_separator=matching.code_separator,
    )


def collapse(text: str, matching: Matching) -> str:
    """Whitespace folded, trailing punctuation dropped; case kept."""
    return _text.normalize(text, runtime_matching(matching))[0]


def normalize(text: str, matching: Matching) -> str:
    """The key a message is looked up by: the generated package's own normalization, so the
    tables hold exactly the keys it computes from a message received."""
    return _text.normalize(text, runtime_matching(matching))[1]


@dataclass(frozen=True)
class Part:
    literal: str = ""
    placeholder: str = ""


def _at_boundary(text: str, start: int, end: int, token: str) -> bool:
    """Word-like tokens (xxx, XX, XXX-XXX) count only as whole words; marked ones (%s, {0})
    stand anywhere, as in "leverage of %sx"."""
    if not token[0].isalnum():
        return True
    joined_before = start > 0 and text[start - 1].isalnum()
    joined_after = token[-1].isalnum() and end < len(text) and text[end].isalnum()
    return not (joined_before or joined_after)


@functools.lru_cache(maxsize=64)
def _tokens_by_first(
    placeholders: tuple[str, ...],
) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A pattern of the characters a placeholder token can start with, and the tokens by
    their first character, longest first: the text between two such characters is literal,
    and a position is compared with the few tokens that can start there (OKX declares
    seventy)."""
    by_first: dict[str, list[str]] = {}
    for token in sorted(placeholders, key=lambda t: (-len(t), t)):
        by_first.setdefault(token[0], []).append(token)
    starts = re.compile("[" + "".join(re.escape(first) for first in by_first) + "]")
    return starts, {first: tuple(tokens) for first, tokens in by_first.items()}


def split_placeholders(text: str, placeholders: tuple[str, ...]) -> list[Part]:
    """Split a message into literal parts and placeholder tokens, longest token first."""
    parts: list[Part] = []
    if not placeholders:
        return [Part(literal=text)] if text else []
    starts, by_first = _tokens_by_first(placeholders)
    literal: list[str] = []
    index = 0
    while index < len(text):
        found = starts.search(text, index)
        if found is None:
            literal.append(text[index:])
            break
        if found.start() > index:
            literal.append(text[index : found.start()])
            index = found.start()
        token = next(
            (
                t
                for t in by_first[text[index]]
                if text.startswith(t, index) and _at_boundary(text, index, index + len(t), t)
            ),
            None,
        )
        if token is None:
            literal.append(text[index])
            index += 1
            continue
        if literal:
            parts.append(Part(literal="".join(literal)))
            literal = []
        parts.append(Part(placeholder=token))
        index += len(token)
    if literal:
        parts.append(Part(literal="".join(literal)))
    return parts


class TemplateError(ValueError):
    pass


def compile_template(
    text: str,
    matching: Matching,
    placeholders: tuple[str, ...],
    params: tuple[tuple[str, str], ...],
) -> Template | None:
    """The template of a message, or None when it has no placeholder.

    `params` gives (name, kind) per placeholder in order; missing names become arg1, arg2...
    """
    parts = split_placeholders(collapse(text, matching), placeholders)
    count = sum(1 for p in parts if p.placeholder)
    if count == 0:
        if params:
            raise TemplateError(
                f"names {len(params)} parameter(s) but the message has no placeholder"
                f" (placeholders: {', '.join(placeholders) or 'none declared'})"
            )
        return None
    if params and len(params) != count:
        raise TemplateError(f"names {len(params)} parameter(s) for {count} placeholder(s)")
    named = params or tuple((f"arg{i + 1}", "text") for i in range(count))
    names = [name for name, _ in named]
    if len(set(names)) != len(names):
        raise TemplateError("parameter names repeat")
    if all(p.placeholder for p in parts):
        raise TemplateError("a message made only of placeholders matches anything")

    def key(literal: str) -> str:
        return literal if matching.case_sensitive else literal.lower()

    prefix = key(parts[0].literal) if parts[0].literal else ""
    groups: list[TemplateGroup] = []
    pending: list[tuple[str, str]] = []
    values = iter(named)
    for part in parts[1:] if prefix else parts:
        if part.placeholder:
            pending.append(next(values))
            continue
        groups.append(_group(pending, key(part.literal), text))
        pending = []
    if pending:
        groups.append(_group(pending, "", text))
    return Template(prefix, tuple(groups))


def _group(pending: list[tuple[str, str]], literal: str, text: str) -> TemplateGroup:
    if any(kind != "number" for _, kind in pending[:-1]):
        raise TemplateError(
            "adjacent placeholders cannot be told apart; give every one but the last"
            " the kind number"
        )
    return TemplateGroup(
        names=tuple(name for name, _ in pending),
        kinds=tuple(kind for _, kind in pending),
        literal=literal,
    )
