"""Builds the meanings of an exchange's spec (errors, further meanings, statuses, fallbacks)
with their messages, and keeps the names their classes take."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import naming
from .diagnostics import Diagnostics, Position
from .ir import Matching, Message, Outcome, Source, Taxonomy
from .patterns import TemplateError, compile_template, normalize, split_placeholders
from .specmodel.outcome import (
    CodeMeaningSpec,
    MessageSpec,
    OutcomeSpec,
    ParamSpec,
    SourcedSpec,
)
from .taxonomy import parse_retry

RESERVED = ("classify", "raise_for_response", "TABLES")


@dataclass(frozen=True)
class Defaults:
    """Where a meaning's source is, unless the entry names its own: its scope's document."""

    document: str
    section: str | None


@dataclass
class Meanings:
    """What every meaning of one exchange is read with: the taxonomy, the exchange's matching
    rules and documents, and the class names taken so far."""

    taxonomy: Taxonomy
    diagnostics: Diagnostics
    matching: Matching
    placeholders: tuple[str, ...]
    documents: dict[str, Source]
    class_names: dict[str, tuple[str, Position]] = field(default_factory=dict)

    def error(self, position: Position, message: str, hint: str = "") -> None:
        self.diagnostics.error(position, message, hint)

    def reserve(self, exchange_id: str, prefix: str, where: Position) -> None:
        """The names the package and the exchange's own classes take before any meaning."""
        own = (f"{prefix}Error", f"{prefix}APIError")
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
                    f"exchange id {exchange_id!r} gives the class {name!r}, which collides with"
                    f" the taxonomy's {clash!r}",
                    "the package exports both; choose another id",
                )
        taken = [*RESERVED, *own]
        for category in self.taxonomy.categories:
            taken += [category.class_name, *category.aliases]
            if category.parent is not None:
                taken.append(prefix + category.class_name)
        for name in taken:
            self.class_names[naming.collision_key(name)] = (name, where)

    def claim(
        self,
        identifier: str,
        position: Position,
        what: str,
        hint: str = "choose another name, or a class_prefix for the scope",
    ) -> None:
        """Takes a name for a class or an enum; says so where it cannot be taken."""
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
                hint,
            )
            return
        self.class_names[key] = (identifier, position)

    def source(self, node: OutcomeSpec, defaults: Defaults) -> Source:
        """The entry's own document and section, else its scope's; a rule of ours (a
        fallback) has no document of its own."""
        own = node if isinstance(node, SourcedSpec) else None
        known = self.documents[(own and own.document) or defaults.document]
        section = (own and own.section) or defaults.section
        return Source(known.document, known.title, section, known.file, known.url)

    def outcome(
        self, node: OutcomeSpec, defaults: Defaults, prefix: str, keys: dict[str, Position]
    ) -> Outcome:
        name_at = node.at("name")
        class_name = naming.error_class(prefix, node.name)
        self.claim(class_name, name_at, "class name")
        member = naming.upper_snake(node.name)
        if naming.identifier_problem(member):
            self.error(name_at, f"enum member: {naming.identifier_problem(member)}")
        category = self.taxonomy.category(node.category)
        retry = category.retry
        if node.retry is not None:
            retry = parse_retry(node.retry)
        written = node.messages if isinstance(node, SourcedSpec) else ()
        messages = tuple(
            self.message(item, node.item_at("messages", index), keys)
            for index, item in enumerate(written)
        )
        return Outcome(
            name=node.name,
            class_name=class_name,
            member=member,
            category=category.id,
            description=node.description,
            advice=node.advice,
            note=node.note,
            retry=retry,
            # A timeout leaves the outcome unknown unless the spec says otherwise.
            outcome_unknown=(
                category.outcome_unknown if node.outcome_unknown is None else node.outcome_unknown
            ),
            http_statuses=_statuses(
                node.http_status if isinstance(node, CodeMeaningSpec) else None
            ),
            deprecated=isinstance(node, SourcedSpec) and node.deprecated,
            messages=tuple(m for m in messages if m is not None),
            source=self.source(node, defaults),
            evidence=node.observed_in if isinstance(node, SourcedSpec) else None,
            partial=node.partial,
        )

    def message(
        self, item: str | MessageSpec, where: Position, keys: dict[str, Position]
    ) -> Message | None:
        retry_until = None
        sub_code = None
        params: tuple[tuple[str, str], ...] = ()
        if isinstance(item, MessageSpec):
            text = item.text
            retry_until = item.retry_until
            sub_code = item.sub_code
            params = tuple(
                (p.name, p.kind) if isinstance(p, ParamSpec) else (p, "text") for p in item.params
            )
        else:
            text = item
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
        return Message(
            text, key, quick, template, gloss_key, gloss_template, retry_until, sub_code
        )


def _statuses(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """The documented statuses of an error: one, or several (OKX 50011 comes with 200 and 429)."""
    if value is None:
        return ()
    if isinstance(value, int):
        return (value,)
    return value
