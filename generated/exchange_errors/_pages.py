# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Error pages: the HTML or text that a CDN, firewall, proxy or maintenance screen sends in
place of an API answer. Their title and headings say what happened; the spec's page rules
read them."""

from __future__ import annotations

import re

# Pages are read this far; their titles and headings come first.
PAGE_LIMIT = 8192
# How much of a page's title (or first line) an error's message keeps.
SUMMARY_CHARS = 200

_TITLE = re.compile(r"<title[^>]*>([^<]{0,1000})</title", re.IGNORECASE)
_HEADING = re.compile(r"<h[1-3][^>]*>([^<]{0,1000})</h[1-3]", re.IGNORECASE)
# A tag cannot hold "<", so no match reaches past the next one: linear on any page.
_TAG = re.compile(r"<[^<>]*>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " "}


def _fold(text: str) -> str:
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return " ".join(text.split())


def _without_code(page: str) -> str:
    """The page without its scripts and styles, in one pass."""
    lower = page.lower()
    kept: list[str] = []
    position = 0
    while True:
        starts = [i for i in (lower.find("<script", position), lower.find("<style", position))]
        start = min((i for i in starts if i >= 0), default=-1)
        if start < 0:
            kept.append(page[position:])
            return " ".join(kept)
        kept.append(page[position:start])
        closing = "</script" if lower.startswith("<script", start) else "</style"
        end = lower.find(closing, start)
        if end < 0:
            return " ".join(kept)
        after = lower.find(">", end)
        position = end + len(closing) if after < 0 else after + 1


def visible_text(page: str) -> str:
    """The words of a page (tags, scripts and styles dropped), lower case, for the rules."""
    return _fold(_TAG.sub(" ", _without_code(page[:PAGE_LIMIT]))).lower()


def summary(page: str) -> str:
    """One line that says what the page is: its title, else its first heading, else its
    first words."""
    head = page[:PAGE_LIMIT]
    for pattern in (_TITLE, _HEADING):
        found = pattern.search(head)
        if found is not None and found.group(1).strip():
            return _fold(found.group(1))[:SUMMARY_CHARS]
    return _fold(_TAG.sub(" ", _without_code(head)))[:SUMMARY_CHARS]


def matching_rule(
    rules: tuple[tuple[tuple[str, ...], frozenset[int], str], ...],
    text: str,
    status: int | None,
) -> str | None:
    """The category id of the first rule whose words the page holds (and whose statuses, if
    any, include the response's)."""
    for words, statuses, category in rules:
        if statuses and status not in statuses:
            continue
        if any(word in text for word in words):
            return category
    return None
