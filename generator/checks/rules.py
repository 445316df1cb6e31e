"""Checks of the rules every exchange shares (spec/messages.yaml, spec/pages.yaml): each
names a category of the taxonomy."""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostics
from ..ir import Taxonomy
from ..shapes import closest
from ..specmodel.project import PageRuleSpec, WordRuleSpec


def check_rules(
    rules: Sequence[WordRuleSpec | PageRuleSpec], taxonomy: Taxonomy, diagnostics: Diagnostics
) -> None:
    known = [c.id for c in taxonomy.categories]
    for rule in rules:
        if rule.category not in known:
            near = closest(rule.category, known)
            diagnostics.error(
                rule.at("category"),
                f"unknown category {rule.category!r}",
                f"did you mean {near!r}?" if near else "see spec/taxonomy.yaml",
            )
