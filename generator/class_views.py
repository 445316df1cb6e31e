"""Render-ready data for an exchange's classes: each error's class, the category classes of
the exchange, and the record each class is created from on first use."""

from __future__ import annotations

from dataclasses import dataclass

from .ir import Exchange, Outcome, Taxonomy
from .runtime._meanings import FIELDS

# How exchange modules import the taxonomy module.
TAXONOMY_ALIAS = "_t"


@dataclass(frozen=True)
class ClassView:
    name: str
    bases: tuple[str, ...]
    doc: str
    attributes: tuple[tuple[str, object], ...]


@dataclass(frozen=True)
class Name:
    """A Python name (a class of the module) where a view holds values: written as is."""

    name: str

    def __post_init__(self) -> None:
        if not all(part.isidentifier() for part in self.name.split(".")):
            raise ValueError(f"not a Python name: {self.name!r}")


@dataclass(frozen=True)
class MeaningView:
    """A documented meaning as the one record its class is created from on first use."""

    name: str
    base: str
    record: tuple[object, ...]  # the values of MEANING_FIELDS


def source_text(outcome: Outcome) -> str:
    if outcome.evidence:
        return f"observed, not documented: {outcome.evidence}"
    parts = [outcome.source.title or outcome.source.document]
    if outcome.source.section:
        parts.append(outcome.source.section)
    return ", ".join(parts)


# The class attributes of an error class built eagerly, in order.
CLASS_FIELDS = (
    "category",
    "description",
    "advice",
    "retry_policy",
    "retry_after",
    "outcome_unknown",
    "documented_code",
    "documented_messages",
    "scope_id",
    "source",
    "retry_until_param",
    "evidence",
    "deprecated",
    "doc_url",
)


def error_class_view(
    exchange: Exchange,
    taxonomy: Taxonomy,
    outcome: Outcome,
    code: object,
    scope: str | None,
    bases: tuple[str, ...] | None = None,
    source: str | None = None,
) -> ClassView:
    until = next((m.retry_until for m in outcome.messages if m.retry_until), None)
    return ClassView(
        name=outcome.class_name,
        bases=bases or (exchange.meaning_base(taxonomy, outcome.category),),
        doc=outcome.description,
        attributes=tuple(
            zip(
                CLASS_FIELDS,
                (
                    outcome.category,
                    outcome.description,
                    outcome.advice or taxonomy.category(outcome.category).advice,
                    outcome.retry.policy,
                    outcome.retry.after,
                    outcome.outcome_unknown,
                    code,
                    tuple(m.text for m in outcome.messages),
                    scope,
                    source or source_text(outcome),
                    until,
                    outcome.evidence,
                    outcome.deprecated,
                    None if outcome.evidence else outcome.source.url,
                ),
                strict=True,
            )
        )
        # Only where it is so: every other class keeps its base's false.
        + ((("partial", True),) if outcome.partial else ()),
    )


# What a documented meaning's record holds, in order, as the runtime reads it; the rest of its
# class comes from its category's class, or from `differs` where the meaning says otherwise.
MEANING_FIELDS = FIELDS


def meaning_view(
    taxonomy: Taxonomy,
    exchange: Exchange,
    sources: dict[tuple[str, str | None], int],
    outcome: Outcome,
    code: object,
    scope: str,
) -> MeaningView:
    """A meaning's record: what its category's class does not already say. `sources` gives
    each (source, document link) an index in the module's table, added on first sight; an
    observed meaning's source is its evidence."""
    category = taxonomy.category(outcome.category)
    source: int | None = None
    if not outcome.evidence:
        source = sources.setdefault((source_text(outcome), outcome.source.url), len(sources))
    differs: dict[str, object] = {}
    if outcome.advice and outcome.advice != category.advice:
        differs["advice"] = outcome.advice
    if outcome.retry.policy != category.retry.policy:
        differs["retry_policy"] = outcome.retry.policy
    if outcome.retry.after != category.retry.after:
        differs["retry_after"] = outcome.retry.after
    if outcome.outcome_unknown != category.outcome_unknown:
        differs["outcome_unknown"] = outcome.outcome_unknown
    until = next((m.retry_until for m in outcome.messages if m.retry_until), None)
    if until:
        differs["retry_until_param"] = until
    if outcome.evidence:
        differs["evidence"] = outcome.evidence
    if outcome.deprecated:
        differs["deprecated"] = True
    if outcome.partial:
        differs["partial"] = True
    base = exchange.meaning_base(taxonomy, outcome.category)
    values: dict[str, object] = {
        "base": Name(base),
        "api": scope,
        "code": code,
        "member": outcome.member if code is not None else None,
        "messages": tuple(m.text for m in outcome.messages),
        "description": outcome.description,
        "source": source,
        "differs": differs,
    }
    return MeaningView(outcome.class_name, base, tuple(values[f] for f in MEANING_FIELDS))


def beside_api(exchange: Exchange, taxonomy: Taxonomy, outcome: Outcome) -> tuple[str, ...]:
    """Bases of a class for a failure that is not an API error: the exchange's root and the
    category's package class (and the one it is reported under, for a gateway's timeout)."""
    category = taxonomy.category(outcome.category)
    bases: tuple[str, ...] = (exchange.root_class, f"{TAXONOMY_ALIAS}.{category.class_name}")
    if category.reported_under is not None:
        under = taxonomy.category(category.reported_under).class_name
        bases += (f"{TAXONOMY_ALIAS}.{under}",)
    return bases


def category_class_views(exchange: Exchange, taxonomy: Taxonomy) -> list[ClassView]:
    """The exchange's class of every category. A category's base is the exchange's class of
    its parent when both are in the same layer, else the root of its own layer."""
    views = []
    for category in taxonomy.categories:
        if category.parent is None:
            continue
        parent = taxonomy.category(category.parent)
        same_layer = parent.layer == category.layer and parent.parent is not None
        base = (
            exchange.category_class(taxonomy, parent.id)
            if same_layer
            else exchange.layer_root(category.layer)
        )
        views.append(
            ClassView(
                name=exchange.category_class(taxonomy, category.id),
                bases=(base, f"{TAXONOMY_ALIAS}.{category.class_name}"),
                doc=f"{exchange.name}: {category.meaning}",
                attributes=(),
            )
        )
        if category.reported_under is not None:
            under = taxonomy.category(category.reported_under)
            reported = exchange.reported_class(taxonomy, category.id)
            views.append(
                ClassView(
                    name=reported,
                    bases=(
                        exchange.category_class(taxonomy, category.id),
                        f"{TAXONOMY_ALIAS}.{under.class_name}",
                    ),
                    doc=f"{exchange.name}: {category.meaning} Reported in the exchange's"
                    f" answer (a status, a page), so also a {under.class_name}.",
                    attributes=(),
                )
            )
            views.append(
                ClassView(
                    name=exchange.meaning_base(taxonomy, category.id),
                    bases=(reported, exchange.category_class(taxonomy, under.id)),
                    doc=f"{exchange.name}: {category.meaning} Reported as an API error.",
                    attributes=(),
                )
            )
    return views
