"""Builds the taxonomy IR from spec/taxonomy.yaml and checks it."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap

from .diagnostics import Diagnostics, Position
from .load import Document
from .model import Category, Event, EventField, Retry, Taxonomy
from .naming import collision_key, identifier_problem
from .runtime._engine import REQUIRED_CATEGORIES

# Positional constructor arguments a category may declare (`init:`), for compatibility with
# other libraries: (annotation, default, keyword of the base constructor it fills).
INIT_FIELDS = {
    "status_code": ("Optional[int]", "None", "http_status"),
    "content": ("object", "None", "raw"),
    "error": ("str", '""', "message"),
    "req_id": ("Optional[int]", "None", "req_id"),
}


def parse_retry(value: object) -> Retry:
    if isinstance(value, CommentedMap):
        return Retry("after", float(value["after"]))
    return Retry(str(value))


def build_taxonomy(document: Document, diagnostics: Diagnostics) -> Taxonomy | None:
    root = document.root
    entries: list[CommentedMap] = list(root["categories"])
    by_id: dict[str, CommentedMap] = {}
    names: dict[str, tuple[str, Position]] = {}
    for entry in entries:
        category_id = entry["id"]
        if category_id in by_id:
            diagnostics.error(
                document.value_position(entry, "id"), f"duplicate category id {category_id!r}"
            )
            continue
        by_id[category_id] = entry
        for name in (entry["class"], *entry.get("aliases", ())):
            key = "class" if name == entry["class"] else "aliases"
            where = document.value_position(entry, key)
            problem = identifier_problem(name)
            if problem:
                diagnostics.error(where, problem)
            clash = names.get(collision_key(name))
            if clash:
                diagnostics.error(
                    where, f"class name {name!r} collides with {clash[0]!r} from {clash[1]}"
                )
            names[collision_key(name)] = (name, where)
        for index, name in enumerate(entry.get("init", ())):
            if name not in INIT_FIELDS:
                diagnostics.error(
                    document.item_position(entry["init"], index),
                    f"unknown constructor argument {name!r}",
                    "one of: " + ", ".join(INIT_FIELDS),
                )
    _check_events(document, root, names, diagnostics)
    for required in REQUIRED_CATEGORIES:
        if required not in by_id:
            diagnostics.error(
                document.node_position(root["categories"]),
                f"the category {required!r} is missing",
                "the package raises it itself (a failing status, an unreadable body, a network"
                " failure); declare it",
            )
    roots = [e for e in by_id.values() if "parent" not in e]
    if len(roots) != 1:
        where = document.node_position(root["categories"])
        diagnostics.error(where, f"expected exactly one root category, found {len(roots)}")
    for entry in by_id.values():
        parent = entry.get("parent")
        if parent is not None and parent not in by_id:
            diagnostics.error(
                document.value_position(entry, "parent"), f"unknown parent category {parent!r}"
            )
    for entry in by_id.values():
        under = entry.get("reported_under")
        if under is None:
            continue
        where = document.value_position(entry, "reported_under")
        if under not in by_id:
            diagnostics.error(where, f"unknown category {under!r}")
        elif by_id[under].get("layer", "api") != "api" or entry.get("layer", "api") == "api":
            diagnostics.error(
                where,
                f"reported_under joins a category of another layer to an API one; {under!r}"
                f" and {entry['id']!r} do not fit",
                "name an API category here, on a category whose layer is not api",
            )
    depths = _depths(document, by_id, diagnostics)
    if diagnostics:
        return None
    ordered = sorted(by_id.values(), key=lambda e: (depths[e["id"]], entries.index(e)))
    categories = tuple(
        Category(
            id=e["id"],
            class_name=e["class"],
            parent=e.get("parent"),
            meaning=e["meaning"],
            retry=parse_retry(e["retry"]),
            depth=depths[e["id"]],
            init=tuple(e.get("init", ())),
            aliases=tuple(e.get("aliases", ())),
            layer=e.get("layer", "api"),
            outcome_unknown=bool(e.get("outcome_unknown", False)),
            advice=e.get("advice", ""),
            reported_under=e.get("reported_under"),
        )
        for e in ordered
    )
    events = tuple(
        Event(
            class_name=e["class"],
            meaning=e["meaning"],
            fields=tuple(EventField(k, v) for k, v in e["fields"].items()),
        )
        for e in root.get("events", ())
    )
    warning = root.get("warning") or {"class": "ExchangeWarning", "meaning": "A warning."}
    return Taxonomy(categories, events, warning["class"], warning["meaning"])


def _check_events(
    document: Document,
    root: CommentedMap,
    names: dict[str, tuple[str, Position]],
    diagnostics: Diagnostics,
) -> None:
    """Event and warning classes are Python names beside the categories' classes; an event's
    fields become the fields of a NamedTuple, where _names and tuple's own are not allowed."""
    classes = [(e, "class") for e in root.get("events", ())]
    if "warning" in root:
        classes.append((root["warning"], "class"))
    for entry, key in classes:
        name = entry[key]
        where = document.value_position(entry, key)
        problem = identifier_problem(name)
        if problem:
            diagnostics.error(where, f"class name: {problem}", "choose another name")
        clash = names.get(collision_key(name))
        if clash:
            diagnostics.error(
                where, f"class name {name!r} collides with {clash[0]!r} from {clash[1]}"
            )
        names[collision_key(name)] = (name, where)
    for event in root.get("events", ()):
        for field_name in event["fields"]:
            if str(field_name).startswith("_") or field_name in dir(tuple):
                diagnostics.error(
                    document.key_position(event["fields"], field_name),
                    f"event field {field_name!r} cannot be a NamedTuple field",
                    "a field may not start with _ or be named count or index",
                )


def _depths(
    document: Document, by_id: dict[str, CommentedMap], diagnostics: Diagnostics
) -> dict[str, int]:
    depths: dict[str, int] = {}
    for category_id, entry in by_id.items():
        seen = [category_id]
        current = entry
        while "parent" in current and current["parent"] in by_id:
            parent = current["parent"]
            if parent in seen:
                diagnostics.error(
                    document.value_position(entry, "parent"),
                    "categories form a cycle: " + " -> ".join([*seen, parent]),
                )
                break
            seen.append(parent)
            current = by_id[parent]
        depths[category_id] = len(seen) - 1
    return depths
