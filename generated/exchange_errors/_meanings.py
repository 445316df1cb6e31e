# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Classes of documented meanings, made from their records on first use.

Each API of an exchange has a module of records (its `MEANINGS`), one per documented meaning:
what the meaning says beyond its category's class. Building hundreds of classes would cost
more than importing everything else, so each is made only when first asked for."""

from __future__ import annotations

import _thread
import importlib
from collections.abc import Mapping
from typing import Any

OBSERVED = "observed, not documented: "

# What a meaning's record holds, in order; the generator writes records in this order.
FIELDS = ("base", "api", "code", "member", "messages", "description", "source", "differs")


def meaning_class(
    module: str,
    name: str,
    record: tuple[Any, ...],
    sources: tuple[tuple[str, str | None], ...],
) -> type:
    """The class `name` of `module`, from its record (see FIELDS)."""
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
    """The documented meanings of one exchange: each class and code enum made the first time
    it is asked for (an attribute of the exchange's package, or a match), kept in the
    package's namespace, and the same for every thread. The records live in one module per
    API, imported the first time one of its meanings is needed."""

    def __init__(
        self,
        namespace: dict[str, Any],
        apis: tuple[str, ...],
        enums: Mapping[str, tuple[Any, str, str]],
    ) -> None:
        self._namespace = namespace  # the exchange package's globals
        self._package: str = namespace["__name__"]
        self._apis = apis  # the modules of the APIs with meanings, in the spec's order
        self._enums = enums  # name: (base, docstring, the API whose meanings are its members)
        self._loaded: dict[str, tuple[Mapping[str, tuple[Any, ...]], Any]] = {}
        self._primaries: dict[str, dict[Any, str]] = {}
        self._lock = _thread.allocate_lock()

    def _api(self, api: str) -> tuple[Mapping[str, tuple[Any, ...]], Any]:
        """An API's records and its sources, its module imported on first use."""
        loaded = self._loaded.get(api)
        if loaded is None:
            module = importlib.import_module(f"{self._package}.{api}")
            loaded = self._loaded[api] = (module.MEANINGS, module.SOURCES)
        return loaded

    def _find(self, name: str) -> tuple[tuple[Any, ...], Any] | None:
        for api in self._apis:
            records, sources = self._api(api)
            record = records.get(name)
            if record is not None:
                return record, sources
        return None

    def __contains__(self, name: str) -> bool:
        return name in self._enums or self._find(name) is not None

    def names(self) -> list[str]:
        """Every meaning class, API by API, then the code enums."""
        return [name for api in self._apis for name in self._api(api)[0]] + [*self._enums]

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
        """A package attribute that is made on first use, as `__getattr__` gives it."""
        if name in self:
            return self.get(name)
        raise AttributeError(f"module {self._package!r} has no attribute {name!r}")

    def primary(self, enum_name: str, code: Any) -> str:
        """The class name of a code's own meaning (its first) in an enum's API."""
        primaries = self._primaries.get(enum_name)
        if primaries is None:
            records = self._api(self._enums[enum_name][2])[0]
            primaries = {}
            for class_name, record in records.items():
                if record[3] is not None:
                    primaries.setdefault(record[2], class_name)
            self._primaries[enum_name] = primaries
        return primaries[code]

    def _make(self, name: str) -> Any:
        if name not in self._enums:
            found = self._find(name)
            if found is None:
                raise KeyError(name)
            record, sources = found
            return meaning_class(self._package, name, record, sources)
        base, doc, api = self._enums[name]
        records = self._api(api)[0].values()
        members = [(r[3], r[2]) for r in records if r[3] is not None]
        made = base(name, members, module=self._package, qualname=name)
        made.__doc__ = doc
        return made
