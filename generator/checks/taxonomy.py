"""Checks of spec/taxonomy.yaml: one root, known parents and no cycle, class names that are
Python names and distinct, and every category the package raises itself."""

from __future__ import annotations

from ..diagnostics import Diagnostics, Position
from ..ir import INIT_FIELDS
from ..naming import collision_key, identifier_problem
from ..runtime._engine import REQUIRED_CATEGORIES
from ..specmodel.project import CategorySpec, EventSpec, TaxonomySpec, WarningSpec


def check_taxonomy(spec: TaxonomySpec, diagnostics: Diagnostics) -> None:
    by_id: dict[str, CategorySpec] = {}
    names: dict[str, tuple[str, Position]] = {}
    for entry in spec.categories:
        if entry.id in by_id:
            diagnostics.error(entry.at("id"), f"duplicate category id {entry.id!r}")
            continue
        by_id[entry.id] = entry
        for name in (entry.class_name, *entry.aliases):
            _class_name(
                name,
                entry.at("class" if name == entry.class_name else "aliases"),
                names,
                diagnostics,
                prefix="",
            )
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
    for entry in by_id.values():
        for index, covered in enumerate(entry.covers):
            where = entry.item_at("covers", index)
            if covered not in by_id:
                diagnostics.error(where, f"unknown category {covered!r}")
            elif entry.layer != "websocket" or by_id[covered].layer != "api":
                diagnostics.error(
                    where,
                    f"covers names the API categories of a WebSocket category; {entry.id!r}"
                    f" and {covered!r} do not fit",
                    "use covers on a websocket category, naming api categories",
                )
    _check_cycles(by_id, diagnostics)


def _class_name(
    name: str,
    where: Position,
    names: dict[str, tuple[str, Position]],
    diagnostics: Diagnostics,
    prefix: str,
) -> None:
    problem = identifier_problem(name)
    if problem:
        diagnostics.error(where, prefix + problem, "choose another name" if prefix else "")
    clash = names.get(collision_key(name))
    if clash:
        diagnostics.error(where, f"class name {name!r} collides with {clash[0]!r} from {clash[1]}")
    names[collision_key(name)] = (name, where)


def _check_events(
    spec: TaxonomySpec, names: dict[str, tuple[str, Position]], diagnostics: Diagnostics
) -> None:
    """Event and warning classes are Python names beside the categories' classes; an event's
    fields become the fields of a NamedTuple, where _names and tuple's own are not allowed."""
    classes: list[EventSpec | WarningSpec] = [*spec.events]
    if spec.warning is not None:
        classes.append(spec.warning)
    for entry in classes:
        _class_name(entry.class_name, entry.at("class"), names, diagnostics, "class name: ")
    for event in spec.events:
        for index, field_name in enumerate(event.fields):
            if field_name.startswith("_") or field_name in dir(tuple):
                diagnostics.error(
                    event.item_at("fields", index),
                    f"event field {field_name!r} cannot be a NamedTuple field",
                    "a field may not start with _ or be named count or index",
                )


def _check_cycles(by_id: dict[str, CategorySpec], diagnostics: Diagnostics) -> None:
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
