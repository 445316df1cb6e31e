"""Builds one exchange's IR from its validated spec and runs the semantic checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import naming
from .codes import (
    code_key,
    code_problem,
    envelope_problem,
    parse_envelope,
    parse_matching,
    parse_statuses,
    status_field_problems,
)
from .diagnostics import Diagnostics, Position
from .ir import (
    Envelope,
    ErrorCode,
    Exchange,
    Fallback,
    Matching,
    Outcome,
    Scope,
    Source,
    StatusRule,
    Taxonomy,
    WebSocket,
)
from .meanings import Defaults, Meanings
from .patterns import normalize
from .shapes import closest
from .specmodel.exchange import EnvelopeSpec, ExchangeSpec, ScopeSpec
from .specmodel.outcome import (
    HttpStatusSpec,
)

RESERVED_MODULES = ("classify", "raise_for_response", "exchange_module")


@dataclass
class Builder:
    spec: ExchangeSpec
    spec_path: str
    taxonomy: Taxonomy
    diagnostics: Diagnostics
    expected_id: str
    matching: Matching = field(init=False)
    prefix: str = field(init=False)
    meanings: Meanings = field(init=False)
    statuses_seen: set[int] = field(default_factory=set)

    def error(self, position: Position, message: str, hint: str = "") -> None:
        self.diagnostics.error(position, message, hint)

    def build(self) -> Exchange | None:
        spec = self.spec
        if spec.id != self.expected_id:
            self.error(
                spec.at("id"),
                f"exchange id {spec.id!r} differs from the file name",
                f"name the file {spec.id}.yaml or set id: {self.expected_id}",
            )
        problem = naming.identifier_problem(spec.id)
        if problem or spec.id in RESERVED_MODULES:
            self.error(
                spec.at("id"),
                f"exchange id: {problem or repr(spec.id) + ' is a name the package uses'}",
                "the id becomes a module name; choose another",
            )
        self.prefix = naming.exchange_prefix(spec.id)
        self.matching = parse_matching(spec.matching)
        envelope = self._envelope(spec.envelope)
        documents: dict[str, Source] = {}
        for entry in spec.documents:
            if entry.id in documents:
                self.error(entry.at("id"), f"duplicate document id {entry.id!r}")
            documents[entry.id] = Source(entry.id, entry.title, None, entry.file, entry.url)
        self.meanings = Meanings(
            self.taxonomy, self.diagnostics, self.matching, spec.placeholders, documents
        )
        self.meanings.reserve(spec.id, self.prefix, spec.at("id"))
        scopes = self._scopes(envelope)
        if not spec.scopes and not spec.http_statuses:
            self.error(
                spec.at("scopes"),
                "the exchange documents no error",
                "add a scope with errors or http_statuses",
            )
        defaults = Defaults(spec.documents[0].id, None, spec.position)
        statuses = tuple(self._status_rule(node, defaults) for node in spec.http_statuses)
        fallbacks = self._fallbacks(defaults)
        if self.diagnostics:
            return None
        return Exchange(
            id=spec.id,
            name=spec.name,
            spec_path=self.spec_path,
            class_prefix=self.prefix,
            root_class=f"{self.prefix}Error",
            documents=tuple(documents.values()),
            notes=spec.notes,
            envelope=envelope,
            matching=self.matching,
            placeholders=spec.placeholders,
            scopes=scopes,
            http_statuses=statuses,
            websocket=self._websocket(),
            fallbacks=fallbacks,
            default_chain=self._default_chain(scopes),
            rate_limit_headers=tuple(
                (entry.name.lower(), entry.unit) for entry in spec.rate_limit_headers
            ),
            order_urls=tuple(fragment.lower() for fragment in spec.order_urls),
        )

    def _default_chain(self, scopes: tuple[Scope, ...]) -> tuple[str, ...]:
        default_api = self.spec.default_api
        if default_api is None:
            return ()
        found = next((s for s in scopes if s.id == default_api), None)
        if found is None:
            near = closest(default_api, [s.id for s in scopes])
            self.error(
                self.spec.at("default_api"),
                f"default_api {default_api!r} is not a scope of this file",
                f"did you mean {near!r}?" if near else "name one of the scopes",
            )
            return ()
        return found.chain

    def _websocket(self) -> WebSocket | None:
        node = self.spec.websocket
        if node is None:
            return None
        for index, category in enumerate(node.raised_as_meaning):
            if not any(c.id == category for c in self.taxonomy.categories):
                self.error(
                    node.item_at("raised_as_meaning", index),
                    f"unknown category {category!r}",
                    "see spec/taxonomy.yaml",
                )
        kinds = [(m, "subscription_error") for m in node.subscription_methods]
        kinds += [(m, "trading_error") for m in node.trading_methods]
        frames = tuple(
            (
                frame.method_field,
                frame.flag_field,
                frame.failure_values,
                frame.error_field,
                frame.req_id_field,
                frame.code_field,
                frame.kind,
                frame.success_values,
            )
            for frame in node.other_frames
        )
        if node.success_field is not None:
            first = (
                node.method_field or "",
                node.success_field,
                (False,),
                node.error_field or "",
                node.req_id_field,
                None,
                None,
                (),
            )
            frames = (first, *frames)
        if not frames:
            self.error(
                self.spec.at("websocket"),
                "the WebSocket format names no failure",
                "give success_field, method_field and error_field, or other_frames",
            )
        return WebSocket(
            frames=frames, kinds=tuple(kinds), raised_as_meaning=node.raised_as_meaning
        )

    # -- envelope and scopes -------------------------------------------------------------

    def _envelope(self, spec: EnvelopeSpec) -> Envelope:
        envelope = parse_envelope(spec)
        problem = envelope_problem(spec, bool(self.spec.http_statuses))
        if problem:
            self.error(spec.position, *problem)
        for entry, text, hint in status_field_problems(spec):
            self.error(entry.at("field"), text, hint)
        return envelope

    def _scopes(self, envelope: Envelope) -> tuple[Scope, ...]:
        nodes = self.spec.scopes
        ids = [n.id for n in nodes]
        single = len(nodes) == 1
        scopes = []
        for index, node in enumerate(nodes):
            if ids.index(node.id) != index:
                self.error(node.at("id"), f"duplicate scope id {node.id!r}")
            for position, parent in enumerate(node.inherits):
                if parent not in ids or parent == node.id:
                    near = closest(parent, [i for i in ids if i != node.id])
                    self.error(
                        node.item_at("inherits", position),
                        f"scope {node.id!r} inherits unknown scope {parent!r}",
                        f"did you mean {near!r}?" if near else "name another scope of this file",
                    )
            scope_envelope = self._envelope(node.envelope) if node.envelope else envelope
            enum_name = naming.code_enum(self.spec.id, node.id, single)
            self.meanings.claim(enum_name, node.at("id"), "code enum", "choose another scope id")
            defaults = Defaults(node.document, node.section, node.at("document"))
            tables = self._tables(node, defaults)
            errors = self._errors(node, scope_envelope, tables, defaults)
            if not node.errors and not node.inherits:
                self.error(
                    node.at("id"),
                    f"scope {node.id!r} lists no errors and inherits none",
                    "add errors, or inherits: [<scope>] for an API that only wraps them anew",
                )
            detect = node.detect
            shape_fields: tuple[tuple[str, str], ...] = ()
            if detect is not None:
                shape_fields = tuple(
                    (field_name, kind)
                    for field_name, kind in (
                        (detect.string_field, "string"),
                        (detect.field, "present"),
                    )
                    if field_name is not None
                )
            scopes.append(
                Scope(
                    id=node.id,
                    title=node.title,
                    chain=(node.id, *node.inherits),
                    enum_name=enum_name,
                    envelope=scope_envelope,
                    errors=errors,
                    tables=tuple(o for outcomes in tables.values() for o in outcomes),
                    url_fragments=tuple(
                        part.lower() for part in (detect.urls if detect is not None else ())
                    ),
                    shape_fields=shape_fields,
                )
            )
        return tuple(scopes)

    def _tables(self, scope: ScopeSpec, defaults: Defaults) -> dict[str, tuple[Outcome, ...]]:
        tables = {}
        for name, meanings in (scope.message_tables or {}).items():
            keys: dict[str, Position] = {}
            tables[name] = tuple(
                self.meanings.outcome(m, defaults, scope.class_prefix, keys) for m in meanings
            )
        return tables

    def _errors(
        self,
        scope: ScopeSpec,
        envelope: Envelope,
        tables: dict[str, tuple[Outcome, ...]],
        defaults: Defaults,
    ) -> tuple[ErrorCode, ...]:
        seen: dict[int | str, Position] = {}
        errors = []
        prefix = scope.class_prefix
        for node in scope.errors:
            where = node.at("code")
            problem = code_problem(node.code, envelope)
            if problem:
                self.error(where, *problem)
                continue
            key = code_key(node.code, envelope, self.matching)
            if key in seen:
                self.error(
                    where,
                    f"code {node.code!r} is listed twice in scope {scope.id!r}"
                    f" (first at {seen[key]})",
                    "list further messages or meanings under the first entry",
                )
                continue
            seen[key] = where
            keys: dict[str, Position] = {}
            primary = self.meanings.outcome(node, defaults, prefix, keys)
            meanings = tuple(
                self.meanings.outcome(m, defaults, prefix, keys) for m in node.meanings
            )
            shared: list[Outcome] = []
            for index, name in enumerate(node.meanings_from):
                if name not in tables:
                    near = closest(name, list(tables))
                    self.error(
                        node.item_at("meanings_from", index),
                        f"unknown message table {name!r}",
                        f"did you mean {near!r}?" if near else "declare it under message_tables",
                    )
                    continue
                shared += tables[name]
            errors.append(
                ErrorCode(node.code, key, primary, meanings, tuple(shared), node.message_decides)
            )
        return tuple(errors)

    def _status_rule(self, node: HttpStatusSpec, defaults: Defaults) -> StatusRule:
        statuses, ranges = parse_statuses(node.status)
        for value in statuses:
            if value in self.statuses_seen:
                self.error(
                    node.at("status"), f"HTTP status {value} can never win: it is listed before"
                )
            self.statuses_seen.add(value)
        return StatusRule(statuses, ranges, self.meanings.outcome(node, defaults, "", {}))

    def _fallbacks(self, defaults: Defaults) -> tuple[Fallback, ...]:
        rules = []
        priorities: dict[int, Position] = {}
        for node in self.spec.fallbacks:
            where = node.at("priority")
            if node.priority in priorities:
                self.error(
                    where,
                    f"priority {node.priority} is used twice (first at"
                    f" {priorities[node.priority]})",
                    "give every fallback its own priority",
                )
            priorities[node.priority] = where
            if node.status is None and not node.message_contains:
                self.error(
                    node.position,
                    "a fallback needs a status or message_contains",
                    "say when the rule applies",
                )
            statuses, ranges = parse_statuses(node.status) if node.status is not None else ((), ())
            contains = tuple(normalize(t, self.matching) for t in node.message_contains)
            outcome = self.meanings.outcome(node, defaults, "", {})
            rules.append(
                Fallback(node.priority, statuses, ranges, contains, node.evidence, outcome)
            )
        return tuple(sorted(rules, key=lambda rule: rule.priority))
