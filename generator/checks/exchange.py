"""Checks of one exchange's spec: its id, the references between its parts (documents,
scopes, message tables, categories) and what may appear only once (ids, codes, statuses,
priorities)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .. import naming
from ..codes import code_key, parse_envelope, parse_matching, parse_statuses
from ..diagnostics import Diagnostics, Position
from ..ir import Envelope, Matching, Taxonomy
from ..shapes import closest
from ..specmodel.exchange import EnvelopeSpec, ExchangeSpec, ScopeSpec
from ..specmodel.outcome import ErrorSpec, FallbackSpec, OutcomeSpec, SourcedSpec
from .envelope import code_problem, envelope_problem, status_field_problems

# Names of the package's own functions: an exchange module named so would hide one of them.
RESERVED_MODULES = ("classify", "raise_for_response", "exchange_module")


def check_exchange(
    spec: ExchangeSpec,
    expected_id: str,
    taxonomy: Taxonomy,
    shared: Path | None,
    diagnostics: Diagnostics,
) -> None:
    """Report every problem of the exchange's spec. `shared` is the folder of source
    documents beside the project, when there is one to look in."""
    check = _Checker(spec, taxonomy, diagnostics, parse_matching(spec.matching))
    check.identity(expected_id)
    check.documents(shared)
    check.scopes(check.envelope(spec.envelope))
    check.statuses()
    check.fallbacks()
    check.websocket()
    if not spec.scopes and not spec.http_statuses:
        diagnostics.error(
            spec.at("scopes"),
            "the exchange documents no error",
            "add a scope with errors or http_statuses",
        )


class _Checker:
    def __init__(
        self,
        spec: ExchangeSpec,
        taxonomy: Taxonomy,
        diagnostics: Diagnostics,
        matching: Matching,
    ) -> None:
        self.spec = spec
        self.categories = [c.id for c in taxonomy.categories]
        self.diagnostics = diagnostics
        self.matching = matching
        self.document_ids = {entry.id for entry in spec.documents}

    def error(self, position: Position, message: str, hint: str = "") -> None:
        self.diagnostics.error(position, message, hint)

    def identity(self, expected_id: str) -> None:
        spec = self.spec
        if spec.id != expected_id:
            self.error(
                spec.at("id"),
                f"exchange id {spec.id!r} differs from the file name",
                f"name the file {spec.id}.yaml or set id: {expected_id}",
            )
        problem = naming.identifier_problem(spec.id)
        if problem or spec.id in RESERVED_MODULES:
            self.error(
                spec.at("id"),
                f"exchange id: {problem or repr(spec.id) + ' is a name the package uses'}",
                "the id becomes a module name; choose another",
            )

    def documents(self, shared: Path | None) -> None:
        seen: set[str] = set()
        for entry in self.spec.documents:
            if entry.id in seen:
                self.error(entry.at("id"), f"duplicate document id {entry.id!r}")
            seen.add(entry.id)
            # A clean clone without the folder of source documents cannot tell.
            if shared is not None and entry.file and not (shared / entry.file).is_file():
                self.error(
                    entry.at("file"),
                    f"no source document {entry.file!r} in {shared.name}/ beside the project",
                    "write the path relative to that folder: sources/..., seeds/...",
                )

    def envelope(self, spec: EnvelopeSpec) -> Envelope:
        problem = envelope_problem(spec, bool(self.spec.http_statuses))
        if problem:
            self.error(spec.position, *problem)
        for entry, text, hint in status_field_problems(spec):
            self.error(entry.at("field"), text, hint)
        if spec.item_sub_code_field and not self.matching.code_separator:
            self.error(
                spec.at("item_sub_code_field"),
                "item_sub_code_field needs matching.code_separator",
                'the code and its sub-code are joined with it: code_separator: "_" reads 51008'
                " with sub-code 1000 as 51008_1000",
            )
        return parse_envelope(spec)

    def scopes(self, envelope: Envelope) -> None:
        nodes = self.spec.scopes
        ids = [n.id for n in nodes]
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
            own = self.envelope(node.envelope) if node.envelope else envelope
            self.document(node.document, node.at("document"))
            for meanings in (node.message_tables or {}).values():
                for meaning in meanings:
                    self.outcome(meaning)
            self.errors(node, own)
            if not node.errors and not node.inherits:
                self.error(
                    node.at("id"),
                    f"scope {node.id!r} lists no errors and inherits none",
                    "add errors, or inherits: [<scope>] for an API that only wraps them anew",
                )
        default_api = self.spec.default_api
        if default_api is not None and default_api not in ids:
            near = closest(default_api, ids)
            self.error(
                self.spec.at("default_api"),
                f"default_api {default_api!r} is not a scope of this file",
                f"did you mean {near!r}?" if near else "name one of the scopes",
            )

    def errors(self, scope: ScopeSpec, envelope: Envelope) -> None:
        seen: dict[int | str, Position] = {}
        tables = scope.message_tables or {}
        for node in scope.errors:
            self.outcome(node)
            for meaning in node.meanings:
                self.outcome(meaning)
            self.meanings_from(node, tables)
            self.sub_codes(node, envelope)
            where = node.at("code")
            problem = code_problem(node.code, envelope)
            if problem:
                self.error(where, *problem)
                continue
            key = code_key(node.code, envelope, self.matching)
            if key in {code_key(c, envelope, self.matching) for c in envelope.success_codes}:
                self.error(
                    where,
                    f"code {node.code!r} is one of the envelope's success_codes",
                    "a body with a success code is a success; list the error's message in a"
                    " message table if the exchange also sends it with that code",
                )
                continue
            if key in seen:
                self.error(
                    where,
                    f"code {node.code!r} is listed twice in scope {scope.id!r}"
                    f" (first at {seen[key]})",
                    "list further messages or meanings under the first entry",
                )
                continue
            seen[key] = where

    def sub_codes(self, node: ErrorSpec, envelope: Envelope) -> None:
        """A code's sub-codes are told apart by the items' sub-code field, once each."""
        seen: dict[str, Position] = {}
        for outcome in (node, *node.meanings):
            for index, message in enumerate(outcome.messages):
                if isinstance(message, str) or message.sub_code is None:
                    continue
                where = outcome.item_at("messages", index)
                if envelope.item_sub_code_field is None:
                    self.error(
                        where,
                        f"sub-code {message.sub_code!r} but the envelope names no"
                        " item_sub_code_field",
                        "say where items carry their sub-code (OKX: item_sub_code_field: subCode)",
                    )
                elif message.sub_code in seen:
                    self.error(
                        where,
                        f"sub-code {message.sub_code!r} of code {node.code!r} is given twice"
                        f" (first at {seen[message.sub_code]})",
                        "each sub-code names one message",
                    )
                seen.setdefault(message.sub_code, where)

    def meanings_from(self, node: ErrorSpec, tables: Mapping[str, object]) -> None:
        for index, name in enumerate(node.meanings_from):
            if name not in tables:
                near = closest(name, list(tables))
                self.error(
                    node.item_at("meanings_from", index),
                    f"unknown message table {name!r}",
                    f"did you mean {near!r}?" if near else "declare it under message_tables",
                )

    def outcome(self, node: OutcomeSpec) -> None:
        """A meaning's category is in the taxonomy, and the document it names is declared."""
        if node.category not in self.categories:
            near = closest(node.category, self.categories)
            self.error(
                node.at("category"),
                f"unknown category {node.category!r}",
                f"did you mean {near!r}?" if near else "see spec/taxonomy.yaml",
            )
        if isinstance(node, SourcedSpec) and node.document:
            self.document(node.document, node.at("document"))

    def document(self, document_id: str, where: Position) -> None:
        if document_id not in self.document_ids:
            near = closest(document_id, sorted(self.document_ids))
            self.error(
                where,
                f"unknown document {document_id!r}",
                f"did you mean {near!r}?" if near else "declare it under documents",
            )

    def statuses(self) -> None:
        seen: set[int] = set()
        for node in self.spec.http_statuses:
            self.outcome(node)
            for value in parse_statuses(node.status)[0]:
                if value in seen:
                    self.error(
                        node.at("status"),
                        f"HTTP status {value} can never win: it is listed before",
                    )
                seen.add(value)

    def fallbacks(self) -> None:
        priorities: dict[int, Position] = {}
        for node in self.spec.fallbacks:
            self.outcome(node)
            self.fallback(node, priorities)

    def fallback(self, node: FallbackSpec, priorities: dict[int, Position]) -> None:
        where = node.at("priority")
        if node.priority in priorities:
            self.error(
                where,
                f"priority {node.priority} is used twice (first at {priorities[node.priority]})",
                "give every fallback its own priority",
            )
        priorities[node.priority] = where
        if node.status is None and not node.message_contains:
            self.error(
                node.position,
                "a fallback needs a status or message_contains",
                "say when the rule applies",
            )

    def websocket(self) -> None:
        node = self.spec.websocket
        if node is None:
            return
        for index, category in enumerate(node.raised_as_meaning):
            if category not in self.categories:
                self.error(
                    node.item_at("raised_as_meaning", index),
                    f"unknown category {category!r}",
                    "see spec/taxonomy.yaml",
                )
        for frame in node.other_frames:
            if frame.sub_code_field and not (frame.code_field and self.matching.code_separator):
                self.error(
                    frame.at("sub_code_field"),
                    "a frame's sub_code_field needs its code_field and matching.code_separator",
                    "the sub-code is joined to the frame's code with the code separator",
                )
        if node.success_field is None and not node.other_frames:
            self.error(
                self.spec.at("websocket"),
                "the WebSocket format names no failure",
                "give success_field, method_field and error_field, or other_frames",
            )
