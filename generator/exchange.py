"""Builds one exchange's IR from its spec model, once checks.exchange found it sound."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import naming
from .codes import code_key, parse_envelope, parse_matching, parse_statuses
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
from .specmodel.exchange import ExchangeSpec, ScopeSpec
from .specmodel.outcome import (
    HttpStatusSpec,
)


@dataclass
class Builder:
    spec: ExchangeSpec
    spec_path: str
    taxonomy: Taxonomy
    diagnostics: Diagnostics
    matching: Matching = field(init=False)
    prefix: str = field(init=False)
    meanings: Meanings = field(init=False)

    def build(self) -> Exchange | None:
        spec = self.spec
        self.prefix = naming.exchange_prefix(spec.id)
        self.matching = parse_matching(spec.matching)
        envelope = parse_envelope(spec.envelope)
        documents = {
            entry.id: Source(entry.id, entry.title, None, entry.file, entry.url)
            for entry in spec.documents
        }
        self.meanings = Meanings(
            self.taxonomy, self.diagnostics, self.matching, spec.placeholders, documents
        )
        self.meanings.reserve(spec.id, self.prefix, spec.at("id"))
        scopes = self._scopes(envelope)
        defaults = Defaults(spec.documents[0].id, None)
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
        return next(s.chain for s in scopes if s.id == default_api)

    def _websocket(self) -> WebSocket | None:
        node = self.spec.websocket
        if node is None:
            return None
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
                frame.sub_code_field,
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
                None,
            )
            frames = (first, *frames)
        return WebSocket(
            frames=frames,
            kinds=tuple(kinds),
            raised_as_meaning=node.raised_as_meaning,
            keepalive_texts=node.keepalive_texts,
        )

    # -- envelope and scopes -------------------------------------------------------------

    def _scopes(self, envelope: Envelope) -> tuple[Scope, ...]:
        nodes = self.spec.scopes
        single = len(nodes) == 1
        scopes = []
        for node in nodes:
            scope_envelope = parse_envelope(node.envelope) if node.envelope else envelope
            enum_name = naming.code_enum(self.spec.id, node.id, single)
            self.meanings.claim(enum_name, node.at("id"), "code enum", "choose another scope id")
            defaults = Defaults(node.document, node.section)
            tables = self._tables(node, defaults)
            errors = self._errors(node, scope_envelope, tables, defaults)
            detect = node.detect
            shape_fields: tuple[tuple[str, str], ...] = ()
            if detect is not None:
                strings = () if detect.string_field is None else (detect.string_field,)
                shape_fields = (
                    *((name, "string") for name in strings),
                    *((name, "present") for name in detect.fields),
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
        errors = []
        prefix = scope.class_prefix
        for node in scope.errors:
            keys: dict[str, Position] = {}
            primary = self.meanings.outcome(node, defaults, prefix, keys)
            meanings = tuple(
                self.meanings.outcome(m, defaults, prefix, keys) for m in node.meanings
            )
            shared = [o for name in node.meanings_from for o in tables[name]]
            key = code_key(node.code, envelope, self.matching)
            errors.append(
                ErrorCode(node.code, key, primary, meanings, tuple(shared), node.message_decides)
            )
        return tuple(errors)

    def _status_rule(self, node: HttpStatusSpec, defaults: Defaults) -> StatusRule:
        statuses, ranges = parse_statuses(node.status)
        return StatusRule(statuses, ranges, self.meanings.outcome(node, defaults, "", {}))

    def _fallbacks(self, defaults: Defaults) -> tuple[Fallback, ...]:
        rules = []
        for node in self.spec.fallbacks:
            statuses, ranges = parse_statuses(node.status) if node.status is not None else ((), ())
            contains = tuple(normalize(t, self.matching) for t in node.message_contains)
            outcome = self.meanings.outcome(node, defaults, "", {})
            rules.append(
                Fallback(node.priority, statuses, ranges, contains, node.evidence, outcome)
            )
        return tuple(sorted(rules, key=lambda rule: rule.priority))
