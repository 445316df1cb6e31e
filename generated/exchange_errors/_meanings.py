# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Classes of documented meanings, made from their records on first use.

An exchange module holds one record per documented meaning (see its `_MEANINGS`): what the
meaning says beyond its category's class. Building hundreds of classes would cost more than
importing everything else, so each is made only when first asked for."""

from __future__ import annotations

from typing import Any

OBSERVED = "observed, not documented: "


def meaning_class(
    module: str,
    name: str,
    record: tuple[Any, ...],
    sources: tuple[tuple[str, str | None], ...],
) -> type:
    """The class `name` of `module`, from its record: (base, api, code, member, messages,
    description, source, differs)."""
    base, api, code, _member, messages, description, source, differs = record
    namespace: dict[str, Any] = {
        "__module__": module,
        "__qualname__": name,
        "__doc__": description,
        "category": base.category,
        "description": description,
        "documented_code": code,
        "documented_messages": messages,
        "scope_id": api,
    }
    if source is None:
        namespace.update(source=OBSERVED + differs["evidence"], doc_url=None)
    else:
        namespace["source"], namespace["doc_url"] = sources[source]
    namespace.update(differs)
    return type(name, (base,), namespace)
