"""Render-ready data: every decision about what goes where is taken here, so the templates
only interpolate."""

from __future__ import annotations

from dataclasses import dataclass

from .model import (
    Category,
    Envelope,
    ErrorCode,
    Exchange,
    Matching,
    Outcome,
    Project,
    Taxonomy,
    Template,
)
from .runtime._meanings import FIELDS
from .runtime._verdict import REPORTED
from .taxonomy import INIT_FIELDS

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


@dataclass(frozen=True)
class EnumView:
    name: str
    base: str
    alias: str  # the module's memberless base of enums with this base
    scope: str  # the API whose meanings are its members
    doc: str
    members: tuple[tuple[str, int | str], ...]
    classes: tuple[tuple[int | str, str], ...]  # code -> class of the code's own meaning


@dataclass(frozen=True)
class RuleView:
    scope: str
    key: int | str
    default: str
    exact: tuple[tuple[str, str], ...]
    templates: tuple[tuple[Template, str], ...]
    message_decides: bool = False


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
        ),
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


def _beside_api(exchange: Exchange, taxonomy: Taxonomy, outcome: Outcome) -> tuple[str, ...]:
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


# (name of the module's memberless base, its bases) for int codes and for string codes
ENUM_BASES = (("_IntCodes", "enum.IntEnum"), ("_StrCodes", "str, enum.Enum"))


def enum_view(exchange: Exchange, scope_index: int) -> EnumView:
    scope = exchange.scopes[scope_index]
    base = ENUM_BASES[0] if scope.envelope.code_type == "int" else ENUM_BASES[1]
    members: list[tuple[str, int | str]] = []
    for error in scope.errors:
        members += [(outcome.member, error.code) for outcome in error.outcomes]
    return EnumView(
        name=scope.enum_name,
        scope=scope.id,
        base=base[1],
        alias=base[0],
        doc=f"{exchange.name} {scope.title} error codes. Where one code has several meanings,"
        " each meaning's name is an alias of the code's member.",
        members=tuple(members),
        classes=tuple((error.code, error.primary.class_name) for error in scope.errors),
    )


def rule_view(scope: str, error: ErrorCode) -> RuleView:
    exact: dict[str, str] = {}
    templates: list[tuple[Template, str]] = []
    glosses: list[tuple[str, str]] = []
    quick: list[tuple[str, str]] = []
    for outcome in (*error.outcomes, *error.shared):  # the code's own messages first
        for message in outcome.messages:
            if message.template is not None:
                templates.append((message.template, outcome.class_name))
            else:
                exact.setdefault(message.key, outcome.class_name)
                quick.append((message.quick_key, outcome.class_name))
            if message.gloss_template is not None:
                templates.append((message.gloss_template, outcome.class_name))
            elif message.gloss_key is not None:
                glosses.append((message.gloss_key, outcome.class_name))
    # A documented text always wins over a shortened one or a verbatim spelling.
    for key, class_name in (*quick, *glosses):
        exact.setdefault(key, class_name)
    return RuleView(
        scope=scope,
        key=error.key,
        default=error.primary.class_name,
        exact=tuple(exact.items()),
        templates=tuple(most_specific_first(templates)),
        message_decides=error.message_decides,
    )


def message_tables(
    exchange: Exchange,
) -> tuple[dict[str, list[str]], dict[str, list[tuple[Template, str]]]]:
    """Exchange-wide message lookups, for codes that are missing or unknown."""
    messages: dict[str, list[str]] = {}
    templates: dict[str, list[tuple[Template, str]]] = {}
    seen: set[tuple[Template, str]] = set()  # many templates can share a first word
    for scope in exchange.scopes:
        outcomes = [o for error in scope.errors for o in error.outcomes] + list(scope.tables)
        for outcome in outcomes:
            for message in outcome.messages:
                if message.template is not None:
                    entry = (message.template, outcome.class_name)
                    if entry not in seen:
                        seen.add(entry)
                        templates.setdefault(message.template.index_word, []).append(entry)
                    continue
                for key in (message.key, message.gloss_key):
                    if key is None:
                        continue
                    classes = messages.setdefault(key, [])
                    if outcome.class_name not in classes:
                        classes.append(outcome.class_name)
    return messages, {word: most_specific_first(entries) for word, entries in templates.items()}


def most_specific_first(entries: list[tuple[Template, str]]) -> list[tuple[Template, str]]:
    return sorted(entries, key=lambda entry: entry[0].specificity, reverse=True)


def envelope_args(envelope: Envelope) -> dict[str, object]:
    return {
        "code_type": envelope.code_type,
        "code_field": envelope.code_field,
        "message_field": envelope.message_field,
        "error_list_field": envelope.error_list_field,
        "item_list_field": envelope.item_list_field,
        "item_code_field": envelope.item_code_field,
        "item_message_field": envelope.item_message_field,
        "success_codes": frozenset(envelope.success_codes),
        "code_absent_means_success": envelope.code_absent_means_success,
        "required_fields": envelope.required_fields,
        "warning_prefix": envelope.warning_prefix,
        "status_fields": tuple((path, frozenset(ok)) for path, ok in envelope.status_fields),
        "failure_flags": envelope.failure_flags,
        "success_data_field": envelope.success_data_field,
        "message_code_separator": envelope.message_code_separator,
        "item_id_fields": envelope.item_id_fields,
    }


def matching_args(matching: Matching) -> dict[str, object]:
    return {
        "case_sensitive": matching.case_sensitive,
        "trailing": matching.trailing_punctuation,
        "detail_separators": matching.detail_separators,
        "code_separator": matching.code_separator,
    }


@dataclass(frozen=True)
class ApiModuleView:
    """One API's module: its meanings' records and declarations, and its code enum."""

    exchange: Exchange
    api: str
    title: str
    meanings: tuple[MeaningView, ...]
    sources: tuple[tuple[str, str | None], ...]
    enum: EnumView
    bases: tuple[str, ...]  # the package's classes its records and declarations name
    meaning_fields: tuple[str, ...] = MEANING_FIELDS


def api_module_views(project: Project, exchange: Exchange) -> list[ApiModuleView]:
    """One module per API: the records of its documented meanings, their declarations for
    type checkers and its code enum. Documented meanings are many (OKX has a thousand): their
    classes are made on first use, and an API's records are read when one of them is."""
    taxonomy = project.taxonomy
    modules = []
    for index, scope in enumerate(exchange.scopes):
        sources: dict[tuple[str, str | None], int] = {}
        meanings = [
            meaning_view(taxonomy, exchange, sources, outcome, error.code, scope.id)
            for error in scope.errors
            for outcome in error.outcomes
        ]
        meanings += [
            meaning_view(taxonomy, exchange, sources, outcome, None, scope.id)
            for outcome in scope.tables
        ]
        enum = enum_view(exchange, index)
        modules.append(
            ApiModuleView(
                exchange=exchange,
                api=scope.id,
                title=scope.title,
                meanings=tuple(meanings),
                sources=tuple(sources),
                enum=enum,
                bases=tuple(sorted({view.base for view in meanings} | {enum.alias})),
            )
        )
    return modules


def exchange_view(project: Project, exchange: Exchange) -> dict[str, object]:
    taxonomy = project.taxonomy
    api_modules = api_module_views(project, exchange)
    # A status without an API error in the body is not an API error: these classes sit
    # beside the exchange's APIError, under its root.
    error_classes = [
        error_class_view(
            exchange,
            taxonomy,
            rule.outcome,
            None,
            None,
            _beside_api(exchange, taxonomy, rule.outcome),
        )
        for rule in exchange.http_statuses
    ]
    # A rule on the status alone also decides for bodies without an API error (a firewall
    # page), so its class sits beside the APIError; a rule on the message is an API error's.
    error_classes += [
        error_class_view(
            exchange,
            taxonomy,
            rule.outcome,
            None,
            None,
            bases=None if rule.contains else _beside_api(exchange, taxonomy, rule.outcome),
            source=f"fallback rule {rule.priority}: {rule.evidence}",
        )
        for rule in exchange.fallbacks
    ]
    enums = [enum_view(exchange, i) for i in range(len(exchange.scopes))]
    rules = [rule_view(scope.id, error) for scope in exchange.scopes for error in scope.errors]
    messages, templates = message_tables(exchange)
    statuses = [
        (s, rule.outcome.class_name) for rule in exchange.http_statuses for s in rule.statuses
    ]
    ranges = [
        (lo, hi, rule.outcome.class_name)
        for rule in exchange.http_statuses
        for lo, hi in rule.ranges
    ]
    return {
        "exchange": exchange,
        "root_doc": f"Root of every {exchange.name} error.",
        "api_root_doc": f"Root of the errors {exchange.name} reports in a response body;"
        " `errors` lists every error string of the response.",
        "websocket": exchange.websocket,
        "category_classes": category_class_views(exchange, taxonomy),
        "error_classes": error_classes,
        "apis": tuple(module.api for module in api_modules),
        "lazy_names": frozenset(view.name for module in api_modules for view in module.meanings),
        "enums": enums,
        "enum_bases": [b for b in ENUM_BASES if any(e.alias == b[0] for e in enums)],
        "categories": [
            (c.id, exchange.category_class(taxonomy, c.id)) for c in taxonomy.categories
        ]
        + [
            (REPORTED + c.id, exchange.reported_class(taxonomy, c.id))
            for c in taxonomy.categories
            if c.reported_under is not None
        ],
        "envelope": envelope_args(exchange.envelope),
        "scope_envelopes": [
            (scope.id, envelope_args(scope.envelope))
            for scope in exchange.scopes
            if scope.envelope != exchange.envelope
        ],
        "matching": matching_args(exchange.matching),
        "chains": [(scope.id, scope.chain) for scope in exchange.scopes],
        "url_patterns": tuple(
            (fragment, scope.id) for scope in exchange.scopes for fragment in scope.url_fragments
        ),
        "shape_fields": tuple(
            (field, scope.id, kind)
            for scope in exchange.scopes
            for field, kind in scope.shape_fields
        ),
        "rate_limit_headers": exchange.rate_limit_headers,
        "order_urls": exchange.order_urls,
        "default_chain": exchange.default_chain,
        "rules": rules,
        "messages": sorted(messages.items()),
        "templates": sorted(templates.items()),
        "statuses": statuses,
        "fallbacks": [
            (
                frozenset(rule.statuses),
                rule.ranges,
                rule.contains,
                rule.outcome.class_name,
            )
            for rule in exchange.fallbacks
        ],
        "status_ranges": ranges,
        "taxonomy_alias": TAXONOMY_ALIAS,
    }


def taxonomy_view(project: Project) -> dict[str, object]:
    taxonomy = project.taxonomy
    classes = []
    for category in taxonomy.categories:
        parent = taxonomy.category(category.parent).class_name if category.parent else "ErrorBase"
        classes.append(
            {
                "category": category,
                "parent": parent,
                "init": [(name, *INIT_FIELDS[name]) for name in category.init],
            }
        )
    return {
        "source": project.taxonomy_path,
        "classes": classes,
        "categories": taxonomy.categories,
        "events": taxonomy.events,
        "warning_class": taxonomy.warning_class,
        "warning_meaning": taxonomy.warning_meaning,
        "page_rules": [
            (rule.contains, frozenset(rule.statuses), rule.category) for rule in project.pages
        ],
    }


def package_view(project: Project) -> dict[str, object]:
    taxonomy = project.taxonomy
    exported = [c.class_name for c in taxonomy.categories]
    exported += [alias for c in taxonomy.categories for alias in c.aliases]
    exported += [e.class_name for e in taxonomy.events]
    exported.append(taxonomy.warning_class)
    return {
        "taxonomy": taxonomy,
        "exported_classes": exported,
        "exchanges": project.exchanges,
        "version": project.package.version,
    }


@dataclass(frozen=True)
class ExampleView:
    """One exchange's example in the package README: a documented error as its API sends it."""

    exchange: str
    api: str
    body: dict[str, object]
    class_name: str
    category_class: str


def _body_of(envelope: Envelope, code: int | str, message: str) -> dict[str, object]:
    """The smallest body of `envelope` that reports `code` with `message`."""
    body: dict[str, object] = {}

    def put(path: tuple[str, ...], value: object) -> None:
        place = body
        for key in path[:-1]:
            place = place.setdefault(key, {})  # type: ignore[assignment]
        place[path[-1]] = value

    if envelope.error_list_field is not None:
        put(envelope.error_list_field, [code])
    else:
        assert envelope.code_field is not None
        put(envelope.code_field, code)
        if envelope.message_field is not None:
            put(envelope.message_field, message)
    return body


def readme_examples(project: Project) -> list[ExampleView]:
    """Per exchange, the first documented error of its usual API whose meaning is its code's
    own, with a verbatim message and a category narrower than the root."""
    examples = []
    for exchange in project.exchanges:
        usual = exchange.default_chain[0] if exchange.default_chain else None
        if not exchange.scopes:  # an exchange known by its HTTP statuses alone
            continue
        scope = next((s for s in exchange.scopes if s.id == usual), exchange.scopes[0])
        for error in scope.errors:
            outcome = error.primary
            texts = [m.text for m in outcome.messages if m.template is None]
            if scope.envelope.error_list_field is not None:
                texts = [str(error.code)]  # each error string is its own code (Kraken)
            if error.message_decides or outcome.category == "exchange_error" or not texts:
                continue
            examples.append(
                ExampleView(
                    exchange=exchange.id,
                    api=scope.id,
                    body=_body_of(scope.envelope, error.code, texts[0]),
                    class_name=outcome.class_name,
                    category_class=project.taxonomy.category(outcome.category).class_name,
                )
            )
            break
    return examples


def readme_view(project: Project) -> dict[str, object]:
    taxonomy = project.taxonomy
    tree = [("  " * c.depth, c.class_name, c.id, c.meaning) for c in depth_first(taxonomy)]
    counts = [
        (
            exchange,
            [
                (scope, len(scope.errors), sum(len(e.outcomes) for e in scope.errors))
                for scope in exchange.scopes
            ],
            len(exchange.http_statuses),
        )
        for exchange in project.exchanges
    ]
    return {
        "package": project.package,
        "tree": tree,
        "counts": counts,
        "taxonomy": taxonomy,
        "examples": readme_examples(project),
    }


def depth_first(taxonomy: Taxonomy) -> list[Category]:
    children: dict[str | None, list[Category]] = {}
    for category in taxonomy.categories:
        children.setdefault(category.parent, []).append(category)
    ordered: list[Category] = []

    def visit(parent: str | None) -> None:
        for child in children.get(parent, []):
            ordered.append(child)
            visit(child.id)

    visit(None)
    return ordered
