"""Builds one exchange's IR from its validated spec and runs the semantic checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq

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
from .load import Document
from .model import (
    Envelope,
    ErrorCode,
    Exchange,
    Fallback,
    Matching,
    Message,
    Outcome,
    Retry,
    Scope,
    Source,
    StatusRule,
    Taxonomy,
    WebSocket,
)
from .patterns import TemplateError, compile_template, normalize, split_placeholders
from .shapes import closest
from .taxonomy import parse_retry

RESERVED = ("classify", "raise_for_response", "TABLES")
RESERVED_MODULES = ("classify", "raise_for_response", "exchange_module")


@dataclass
class Builder:
    document: Document
    taxonomy: Taxonomy
    diagnostics: Diagnostics
    expected_id: str
    matching: Matching = field(init=False)
    placeholders: tuple[str, ...] = field(init=False)
    prefix: str = field(init=False)
    documents: dict[str, Source] = field(default_factory=dict)
    class_names: dict[str, tuple[str, Position]] = field(default_factory=dict)
    statuses_seen: set[int] = field(default_factory=set)

    def error(self, position: Position, message: str, hint: str = "") -> None:
        self.diagnostics.error(position, message, hint)

    def build(self) -> Exchange | None:
        root: CommentedMap = self.document.root
        doc = self.document
        if root["id"] != self.expected_id:
            self.error(
                doc.value_position(root, "id"),
                f"exchange id {root['id']!r} differs from the file name",
                f"name the file {root['id']}.yaml or set id: {self.expected_id}",
            )
        problem = naming.identifier_problem(root["id"])
        if problem or root["id"] in RESERVED_MODULES:
            self.error(
                doc.value_position(root, "id"),
                f"exchange id: {problem or repr(root['id']) + ' is a name the package uses'}",
                "the id becomes a module name; choose another",
            )
        self.prefix = naming.exchange_prefix(root["id"])
        self.matching = parse_matching(root.get("matching"))
        self.placeholders = tuple(root.get("placeholders", ()))
        envelope = self._envelope(root, "envelope")
        for entry in root["documents"]:
            if entry["id"] in self.documents:
                self.error(
                    doc.value_position(entry, "id"), f"duplicate document id {entry['id']!r}"
                )
            self.documents[entry["id"]] = Source(
                entry["id"], entry["title"], None, entry.get("file"), entry.get("url")
            )
        self._reserve_names(root)
        scopes = self._scopes(root, envelope)
        if not root.get("scopes") and not root.get("http_statuses"):
            where = (
                doc.value_position(root, "scopes") if "scopes" in root else doc.node_position(root)
            )
            self.error(
                where,
                "the exchange documents no error",
                "add a scope with errors or http_statuses",
            )
        statuses = tuple(self._status_rule(node, root) for node in root.get("http_statuses", ()))
        fallbacks = self._fallbacks(root)
        if self.diagnostics:
            return None
        return Exchange(
            id=root["id"],
            name=root["name"],
            spec_path=doc.path,
            class_prefix=self.prefix,
            root_class=f"{self.prefix}Error",
            documents=tuple(self.documents.values()),
            notes=tuple(root.get("notes", ())),
            envelope=envelope,
            matching=self.matching,
            placeholders=self.placeholders,
            scopes=scopes,
            http_statuses=statuses,
            websocket=self._websocket(root),
            fallbacks=fallbacks,
            default_chain=self._default_chain(root, scopes),
            rate_limit_headers=tuple(
                (str(entry["name"]).lower(), str(entry["unit"]))
                for entry in root.get("rate_limit_headers", ())
            ),
            order_urls=tuple(str(fragment).lower() for fragment in root.get("order_urls", ())),
        )

    def _default_chain(self, root: CommentedMap, scopes: tuple[Scope, ...]) -> tuple[str, ...]:
        if "default_api" not in root:
            return ()
        found = next((s for s in scopes if s.id == root["default_api"]), None)
        if found is None:
            near = closest(root["default_api"], [s.id for s in scopes])
            self.error(
                self.document.value_position(root, "default_api"),
                f"default_api {root['default_api']!r} is not a scope of this file",
                f"did you mean {near!r}?" if near else "name one of the scopes",
            )
            return ()
        return found.chain

    def _websocket(self, root: CommentedMap) -> WebSocket | None:
        node = root.get("websocket")
        if node is None:
            return None
        for index, category in enumerate(node.get("raised_as_meaning", ())):
            if not any(c.id == category for c in self.taxonomy.categories):
                self.error(
                    self.document.item_position(node["raised_as_meaning"], index),
                    f"unknown category {category!r}",
                    "see spec/taxonomy.yaml",
                )
        kinds = [(m, "subscription_error") for m in node.get("subscription_methods", ())]
        kinds += [(m, "trading_error") for m in node.get("trading_methods", ())]
        frames = tuple(
            (
                frame["method_field"],
                frame["flag_field"],
                tuple(frame.get("failure_values", ())),
                frame["error_field"],
                frame.get("req_id_field"),
                frame.get("code_field"),
                frame.get("kind"),
                tuple(frame.get("success_values", ())),
            )
            for frame in node.get("other_frames", ())
        )
        if "success_field" in node:
            first = (
                node.get("method_field", ""),
                node["success_field"],
                (False,),
                node.get("error_field", ""),
                node.get("req_id_field"),
                None,
                None,
                (),
            )
            frames = (first, *frames)
        if not frames:
            self.error(
                self.document.value_position(root, "websocket"),
                "the WebSocket format names no failure",
                "give success_field, method_field and error_field, or other_frames",
            )
        return WebSocket(
            frames=frames,
            kinds=tuple(kinds),
            raised_as_meaning=tuple(node.get("raised_as_meaning", ())),
        )

    # -- names ---------------------------------------------------------------------------

    def _reserve_names(self, root: CommentedMap) -> None:
        where = self.document.value_position(root, "id")
        own = (f"{self.prefix}Error", f"{self.prefix}APIError")
        shared = {
            naming.collision_key(name): name
            for category in self.taxonomy.categories
            for name in (category.class_name, *category.aliases)
        }
        for name in own:
            clash = shared.get(naming.collision_key(name))
            if clash:
                self.error(
                    where,
                    f"exchange id {root['id']!r} gives the class {name!r}, which collides with"
                    f" the taxonomy's {clash!r}",
                    "the package exports both; choose another id",
                )
        taken = [*RESERVED, *own]
        for category in self.taxonomy.categories:
            taken += [category.class_name, *category.aliases]
            if category.parent is not None:
                taken.append(self.prefix + category.class_name)
        for name in taken:
            self.class_names[naming.collision_key(name)] = (name, where)

    def _claim(self, identifier: str, position: Position, what: str) -> None:
        problem = naming.identifier_problem(identifier)
        if problem:
            self.error(position, f"{what}: {problem}", "choose another name")
            return
        key = naming.collision_key(identifier)
        if key in self.class_names:
            other, where = self.class_names[key]
            self.error(
                position,
                f"{what} {identifier!r} collides with {other!r}"
                + (f" from {where}" if where.line else " (a generated name)"),
                "choose another name, or a class_prefix for the scope",
            )
            return
        self.class_names[key] = (identifier, position)

    # -- envelope and scopes -------------------------------------------------------------

    def _envelope(self, node: CommentedMap, key: str) -> Envelope:
        envelope = parse_envelope(node[key])
        problem = envelope_problem(node[key], bool(self.document.root.get("http_statuses")))
        if problem:
            self.error(self.document.value_position(node, key), *problem)
        for entry, text, hint in status_field_problems(node[key]):
            self.error(self.document.value_position(entry, "field"), text, hint)
        return envelope

    def _scopes(self, root: CommentedMap, envelope: Envelope) -> tuple[Scope, ...]:
        doc = self.document
        nodes: list[CommentedMap] = list(root.get("scopes", ()))
        ids = [n["id"] for n in nodes]
        single = len(nodes) == 1
        scopes = []
        for index, node in enumerate(nodes):
            if ids.index(node["id"]) != index:
                self.error(doc.value_position(node, "id"), f"duplicate scope id {node['id']!r}")
            for position, parent in enumerate(node.get("inherits", ())):
                where = doc.item_position(node["inherits"], position)
                if parent not in ids or parent == node["id"]:
                    near = closest(parent, [i for i in ids if i != node["id"]])
                    self.error(
                        where,
                        f"scope {node['id']!r} inherits unknown scope {parent!r}",
                        f"did you mean {near!r}?" if near else "name another scope of this file",
                    )
            scope_envelope = self._envelope(node, "envelope") if "envelope" in node else envelope
            enum_name = node.get("enum") or naming.code_enum(root["id"], node["id"], single)
            self._claim(enum_name, doc.value_position(node, "id"), "code enum")
            tables = self._tables(node)
            errors = self._errors(node, scope_envelope, tables)
            detect = node.get("detect", {})
            if "errors" not in node and not node.get("inherits"):
                self.error(
                    doc.value_position(node, "id"),
                    f"scope {node['id']!r} lists no errors and inherits none",
                    "add errors, or inherits: [<scope>] for an API that only wraps them anew",
                )
            scopes.append(
                Scope(
                    id=node["id"],
                    title=node["title"],
                    chain=(node["id"], *node.get("inherits", ())),
                    enum_name=enum_name,
                    envelope=scope_envelope,
                    errors=errors,
                    tables=tuple(o for outcomes in tables.values() for o in outcomes),
                    url_fragments=tuple(str(part).lower() for part in detect.get("urls", ())),
                    shape_fields=tuple(
                        (detect[key], kind)
                        for key, kind in (("string_field", "string"), ("field", "present"))
                        if key in detect
                    ),
                )
            )
        return tuple(scopes)

    def _source(self, node: CommentedMap, scope: CommentedMap | None) -> Source:
        defaults: CommentedMap = scope if scope is not None else CommentedMap()
        document_id = node.get("document") or defaults.get("document")
        section = node.get("section") or defaults.get("section")
        owner = node if "document" in node else scope
        if document_id not in self.documents:
            where = (
                self.document.value_position(owner, "document")
                if owner is not None and "document" in owner
                else self.document.node_position(node)
            )
            near = closest(str(document_id), list(self.documents))
            self.error(
                where,
                f"unknown document {document_id!r}",
                f"did you mean {near!r}?" if near else "declare it under documents",
            )
            return Source(str(document_id), "", section, None)
        known = self.documents[document_id]
        return Source(known.document, known.title, section, known.file, known.url)

    def _tables(self, scope: CommentedMap) -> dict[str, tuple[Outcome, ...]]:
        prefix = scope.get("class_prefix", "")
        tables = {}
        for name, meanings in scope.get("message_tables", {}).items():
            keys: dict[str, Position] = {}
            tables[name] = tuple(self._outcome(m, scope, prefix, keys) for m in meanings)
        return tables

    def _errors(
        self, scope: CommentedMap, envelope: Envelope, tables: dict[str, tuple[Outcome, ...]]
    ) -> tuple[ErrorCode, ...]:
        doc = self.document
        seen: dict[int | str, Position] = {}
        errors = []
        prefix = scope.get("class_prefix", "")
        for node in scope.get("errors", ()):
            where = doc.value_position(node, "code")
            problem = code_problem(node["code"], envelope)
            if problem:
                self.error(where, *problem)
                continue
            key = code_key(node["code"], envelope, self.matching)
            if key in seen:
                self.error(
                    where,
                    f"code {node['code']!r} is listed twice in scope {scope['id']!r}"
                    f" (first at {seen[key]})",
                    "list further messages or meanings under the first entry",
                )
                continue
            seen[key] = where
            keys: dict[str, Position] = {}
            primary = self._outcome(node, scope, prefix, keys)
            meanings = tuple(
                self._outcome(m, scope, prefix, keys) for m in node.get("meanings", ())
            )
            shared: list[Outcome] = []
            for index, name in enumerate(node.get("meanings_from", ())):
                if name not in tables:
                    near = closest(name, list(tables))
                    self.error(
                        doc.item_position(node["meanings_from"], index),
                        f"unknown message table {name!r}",
                        f"did you mean {near!r}?" if near else "declare it under message_tables",
                    )
                    continue
                shared += tables[name]
            generic = bool(node.get("message_decides", False))
            errors.append(ErrorCode(node["code"], key, primary, meanings, tuple(shared), generic))
        return tuple(errors)

    def _status_rule(self, node: CommentedMap, root: CommentedMap) -> StatusRule:
        statuses, ranges = parse_statuses(node["status"])
        for value in statuses:
            if value in self.statuses_seen:
                self.error(
                    self.document.value_position(node, "status"),
                    f"HTTP status {value} can never win: it is listed before",
                )
            self.statuses_seen.add(value)
        scope = CommentedMap(document=root["documents"][0]["id"])
        outcome = self._outcome(node, scope, "", {})
        return StatusRule(statuses, ranges, outcome)

    def _fallbacks(self, root: CommentedMap) -> tuple[Fallback, ...]:
        rules = []
        priorities: dict[int, Position] = {}
        scope = CommentedMap(document=root["documents"][0]["id"])
        for node in root.get("fallbacks", ()):
            where = self.document.value_position(node, "priority")
            if node["priority"] in priorities:
                self.error(
                    where,
                    f"priority {node['priority']} is used twice (first at"
                    f" {priorities[node['priority']]})",
                    "give every fallback its own priority",
                )
            priorities[node["priority"]] = where
            if "status" not in node and "message_contains" not in node:
                self.error(
                    self.document.node_position(node),
                    "a fallback needs a status or message_contains",
                    "say when the rule applies",
                )
            statuses, ranges = parse_statuses(node["status"]) if "status" in node else ((), ())
            contains = tuple(normalize(t, self.matching) for t in node.get("message_contains", ()))
            outcome = self._outcome(node, scope, "", {})
            rules.append(
                Fallback(node["priority"], statuses, ranges, contains, node["evidence"], outcome)
            )
        return tuple(sorted(rules, key=lambda rule: rule.priority))

    # -- one meaning -----------------------------------------------------------------------

    def _outcome(
        self,
        node: CommentedMap,
        scope: CommentedMap,
        prefix: str,
        keys: dict[str, Position],
    ) -> Outcome:
        doc = self.document
        name_at = doc.value_position(node, "name")
        class_name = naming.error_class(prefix, node["name"])
        self._claim(class_name, name_at, "class name")
        member = naming.upper_snake(node["name"])
        if naming.identifier_problem(member):
            self.error(name_at, f"enum member: {naming.identifier_problem(member)}")
        category = node["category"]
        if not any(c.id == category for c in self.taxonomy.categories):
            near = closest(category, [c.id for c in self.taxonomy.categories])
            self.error(
                doc.value_position(node, "category"),
                f"unknown category {category!r}",
                f"did you mean {near!r}?" if near else "see spec/taxonomy.yaml",
            )
            retry = Retry("never")
            unknown_outcome = False
        else:
            retry = self.taxonomy.category(category).retry
            # A timeout leaves the outcome unknown unless the spec says otherwise.
            unknown_outcome = self.taxonomy.category(category).outcome_unknown
        if "retry" in node:
            retry = parse_retry(node["retry"])
        messages = tuple(
            self._message(item, node["messages"], index, keys)
            for index, item in enumerate(node.get("messages", ()))
        )
        return Outcome(
            name=node["name"],
            class_name=class_name,
            member=member,
            category=category,
            description=node["description"],
            advice=node.get("advice"),
            note=node.get("note"),
            retry=retry,
            outcome_unknown=bool(node.get("outcome_unknown", unknown_outcome)),
            http_statuses=_statuses(node.get("http_status")),
            deprecated=bool(node.get("deprecated", False)),
            messages=tuple(m for m in messages if m is not None),
            source=self._source(node, scope),
            evidence=node.get("observed_in"),
        )

    def _message(
        self,
        item: object,
        sequence: CommentedSeq,
        index: int,
        keys: dict[str, Position],
    ) -> Message | None:
        where = self.document.item_position(sequence, index)
        retry_until = item.get("retry_until") if isinstance(item, CommentedMap) else None
        if isinstance(item, CommentedMap):
            text = item["text"]
            params = tuple(
                (p, "text") if isinstance(p, str) else (p["name"], p.get("kind", "text"))
                for p in item.get("params", ())
            )
        else:
            text, params = str(item), ()
        key = normalize(text, self.matching)
        if not key:
            self.error(where, "empty message", "a message needs some text besides punctuation")
            return None
        if key in keys:
            self.error(
                where,
                f"message {text!r} can never win: it is the same as the one at {keys[key]}"
                " after normalisation",
                "remove one of them",
            )
            return None
        keys[key] = where
        try:
            template = compile_template(text, self.matching, self.placeholders, params)
        except TemplateError as exc:
            self.error(where, f"placeholder problem in {text!r}: {exc}")
            return None
        gloss_key, gloss_template = None, None
        separator = self.matching.gloss_separator
        if separator and separator in text:
            head = text.split(separator, 1)[0]
            gloss_key = normalize(head, self.matching) or None
            in_head = sum(
                1 for part in split_placeholders(head, self.placeholders) if part.placeholder
            )
            gloss_params = params[:in_head]
            try:
                gloss_template = compile_template(
                    head, self.matching, self.placeholders, gloss_params
                )
            except TemplateError:
                gloss_template = None
        if retry_until is not None and retry_until not in (
            template.param_names if template else ()
        ):
            self.error(
                where,
                f"retry_until names {retry_until!r}, which is not a parameter of the message",
                "name one of its params",
            )
        quick = text if self.matching.case_sensitive else text.lower()
        return Message(text, key, quick, template, gloss_key, gloss_template, retry_until)


def _statuses(value: object) -> tuple[int, ...]:
    """The documented statuses of an error: one, or several (OKX 50011 comes with 200 and 429)."""
    if value is None:
        return ()
    if isinstance(value, int):
        return (value,)
    return tuple(int(v) for v in value)  # type: ignore[attr-defined]
