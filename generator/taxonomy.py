"""Builds the taxonomy IR from spec/taxonomy.yaml and checks it."""

from __future__ import annotations

from .diagnostics import Diagnostics, Position
from .ir import Category, Event, EventField, Retry, Taxonomy
from .naming import collision_key, identifier_problem
from .runtime._engine import REQUIRED_CATEGORIES
from .specmodel.outcome import RetryAfterSpec
from .specmodel.project import CategorySpec, EventSpec, TaxonomySpec, WarningSpec

# Positional constructor arguments a category may declare (`init:`), for compatibility with
# other libraries: (annotation, default, keyword of the base constructor it fills).
INIT_FIELDS = {
    "status_code": ("Optional[int]", "None", "http_status"),
    "content": ("object", "None", "raw"),
    "error": ("str", '""', "message"),
    "req_id": ("Optional[int]", "None", "req_id"),
}


def parse_retry(value: str | RetryAfterSpec) -> Retry:
    if isinstance(value, RetryAfterSpec):
        return Retry("after", value.after)
    return Retry(value)


def build_taxonomy(spec: TaxonomySpec, diagnostics: Diagnostics) -> Taxonomy | None:
    entries = list(spec.categories)
    by_id: dict[str, CategorySpec] = {}
    names: dict[str, tuple[str, Position]] = {}
    for entry in entries:
        category_id = entry.id
        if category_id in by_id:
            diagnostics.error(entry.at("id"), f"duplicate category id {category_id!r}")
            continue
        by_id[category_id] = entry
        for name in (entry.class_name, *entry.aliases):
            where = entry.at("class" if name == entry.class_name else "aliases")
            problem = identifier_problem(name)
            if problem:
                diagnostics.error(where, problem)
            clash = names.get(collision_key(name))
            if clash:
                diagnostics.error(
                    where, f"class name {name!r} collides with {clash[0]!r} from {clash[1]}"
                )
            names[collision_key(name)] = (name, where)
        for index, name in enumerate(entry.init):
            if name not in INIT_FIELDS:
                diagnostics.error(
                    entry.item_at("init", index),
                    f"unknown constructor argument {name!r}",
                    "one of: " + ", ".join(INIT_FIELDS),
                )
    _check_events(spec, names, diagnostics)
    for required in REQUIRED_CATEGORIES:
        if required not in by_id:
            diagnostics.error(
                spec.at("categories"),
                f"the category {required!r} is missing",
                "the package raises it itself (a failing status, an unreadable body, a network"
                " failure); declare it",
            )
    roots = [e for e in by_id.values() if e.parent is None]
    if len(roots) != 1:
        where = spec.at("categories")
        diagnostics.error(where, f"expected exactly one root category, found {len(roots)}")
    for entry in by_id.values():
        parent = entry.parent
        if parent is not None and parent not in by_id:
            diagnostics.error(entry.at("parent"), f"unknown parent category {parent!r}")
    for entry in by_id.values():
        under = entry.reported_under
        if under is None:
            continue
        where = entry.at("reported_under")
        if under not in by_id:
            diagnostics.error(where, f"unknown category {under!r}")
        elif by_id[under].layer != "api" or entry.layer == "api":
            diagnostics.error(
                where,
                f"reported_under joins a category of another layer to an API one; {under!r}"
                f" and {entry.id!r} do not fit",
                "name an API category here, on a category whose layer is not api",
            )
    depths = _depths(by_id, diagnostics)
    if diagnostics:
        return None
    ordered = sorted(by_id.values(), key=lambda e: (depths[e.id], entries.index(e)))
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


def _check_events(
    spec: TaxonomySpec, names: dict[str, tuple[str, Position]], diagnostics: Diagnostics
) -> None:
    """Event and warning classes are Python names beside the categories' classes; an event's
    fields become the fields of a NamedTuple, where _names and tuple's own are not allowed."""
    classes: list[EventSpec | WarningSpec] = [*spec.events]
    if spec.warning is not None:
        classes.append(spec.warning)
    for entry in classes:
        name = entry.class_name
        where = entry.at("class")
        problem = identifier_problem(name)
        if problem:
            diagnostics.error(where, f"class name: {problem}", "choose another name")
        clash = names.get(collision_key(name))
        if clash:
            diagnostics.error(
                where, f"class name {name!r} collides with {clash[0]!r} from {clash[1]}"
            )
        names[collision_key(name)] = (name, where)
    for event in spec.events:
        for index, field_name in enumerate(event.fields):
            if field_name.startswith("_") or field_name in dir(tuple):
                diagnostics.error(
                    event.item_at("fields", index),
                    f"event field {field_name!r} cannot be a NamedTuple field",
                    "a field may not start with _ or be named count or index",
                )


def _depths(by_id: dict[str, CategorySpec], diagnostics: Diagnostics) -> dict[str, int]:
    depths: dict[str, int] = {}
    for category_id, entry in by_id.items():
        seen = [category_id]
        current = entry
        while current.parent is not None and current.parent in by_id:
            parent = current.parent
            if parent in seen:
                diagnostics.error(
                    entry.at("parent"),
                    "categories form a cycle: " + " -> ".join([*seen, parent]),
                )
                break
            seen.append(parent)
            current = by_id[parent]
        depths[category_id] = len(seen) - 1
    return depths
