# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Classes of documented meanings, made from their records on first use.

An exchange module holds one record per documented meaning (see its `_MEANINGS`): what the
meaning says beyond its category's class. Building hundreds of classes would cost more than
importing everything else, so each is made only when first asked for."""

from __future__ import annotations

import _thread
from collections.abc import Mapping
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


class Meanings:
    """The documented meanings of one exchange module: each class and code enum made the first
    time it is asked for (an attribute of the module, or a match), kept in the module's
    namespace, and the same for every thread."""

    def __init__(
        self,
        namespace: dict[str, Any],
        records: Mapping[str, tuple[Any, ...]],
        sources: tuple[tuple[str, str | None], ...],
        enums: Mapping[str, tuple[Any, str, str]],
    ) -> None:
        self._namespace = namespace  # the module's globals
        self._module: str = namespace["__name__"]
        self._records = records
        self._sources = sources
        self._enums = enums  # name: (base, docstring, the API whose meanings are its members)
        self._primaries: dict[str, dict[Any, str]] = {}
        self._lock = _thread.allocate_lock()

    def __contains__(self, name: str) -> bool:
        return name in self._records or name in self._enums

    def names(self) -> set[str]:
        return {*self._records, *self._enums}

    def get(self, name: str) -> Any:
        """The class or code enum `name`, made on first use."""
        found = self._namespace.get(name)
        if found is None:
            with self._lock:
                found = self._namespace.get(name)
                if found is None:
                    found = self._namespace[name] = self._make(name)
        return found

    def attribute(self, name: str) -> Any:
        """A module attribute that is made on first use, as `__getattr__` gives it."""
        if name in self:
            return self.get(name)
        raise AttributeError(f"module {self._module!r} has no attribute {name!r}")

    def primary(self, enum_name: str, code: Any) -> str:
        """The class name of a code's own meaning (its first) in an enum's API."""
        primaries = self._primaries.get(enum_name)
        if primaries is None:
            api = self._enums[enum_name][2]
            primaries = {}
            for class_name, record in self._records.items():
                if record[1] == api and record[3] is not None:
                    primaries.setdefault(record[2], class_name)
            self._primaries[enum_name] = primaries
        return primaries[code]

    def _make(self, name: str) -> Any:
        if name in self._records:
            return meaning_class(self._module, name, self._records[name], self._sources)
        base, doc, api = self._enums[name]
        members = [
            (r[3], r[2]) for r in self._records.values() if r[1] == api and r[3] is not None
        ]
        made = base(name, members, module=self._module, qualname=name)
        made.__doc__ = doc
        return made
