"""Builds the taxonomy IR from spec/taxonomy.yaml, once checks.taxonomy found it sound."""

from __future__ import annotations

from .ir import Category, Event, EventField, Retry, Taxonomy
from .specmodel.outcome import RetryAfterSpec
from .specmodel.project import CategorySpec, TaxonomySpec


def parse_retry(value: str | RetryAfterSpec) -> Retry:
    if isinstance(value, RetryAfterSpec):
        return Retry("after", value.after)
    return Retry(value)


def build_taxonomy(spec: TaxonomySpec) -> Taxonomy:
    entries = list(spec.categories)
    by_id = {entry.id: entry for entry in entries}
    depths = {category_id: _depth(entry, by_id) for category_id, entry in by_id.items()}
    ordered = sorted(entries, key=lambda e: (depths[e.id], entries.index(e)))
    categories = tuple(
        Category(
            id=e.id,
            class_name=e.class_name,
            parent=e.parent,
            meaning=e.meaning,
            retry=parse_retry(e.retry),
            depth=depths[e.id],
            init=e.init,
            aliases=e.aliases,
            layer=e.layer,
            outcome_unknown=e.outcome_unknown,
            advice=e.advice,
            reported_under=e.reported_under,
            covers=e.covers,
        )
        for e in ordered
    )
    events = tuple(
        Event(
            class_name=e.class_name,
            meaning=e.meaning,
            fields=tuple(EventField(k, v) for k, v in e.fields.items()),
        )
        for e in spec.events
    )
    if spec.warning is None:
        return Taxonomy(categories, events, "ExchangeWarning", "A warning.")
    return Taxonomy(categories, events, spec.warning.class_name, spec.warning.meaning)


def _depth(entry: CategorySpec, by_id: dict[str, CategorySpec]) -> int:
    """How many ancestors the category has (the checks ruled out cycles)."""
    depth = 0
    while entry.parent is not None:
        entry = by_id[entry.parent]
        depth += 1
    return depth
