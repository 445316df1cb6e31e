"""Render-ready data: every decision about what goes where is taken here, so the templates
only interpolate."""

from __future__ import annotations

from dataclasses import dataclass

from .class_views import (
    MEANING_FIELDS,
    TAXONOMY_ALIAS,
    ClassView,
    MeaningView,
    beside_api,
    category_class_views,
    error_class_view,
    meaning_view,
)
from .ir import (
    Envelope,
    ErrorCode,
    Exchange,
    Matching,
    Project,
    Template,
    WebSocket,
)
from .patterns import runtime_matching
from .runtime import _body
from .runtime._match import REPORTED


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


@dataclass(frozen=True)
class ExchangeView:
    """An exchange's package module: its classes, the tables its classifier is made with, and
    how its bodies and requests are read."""

    exchange: Exchange
    root_doc: str
    api_root_doc: str
    websocket: WebSocket | None
    category_classes: list[ClassView]
    error_classes: list[ClassView]
    apis: tuple[str, ...]
    enums: list[EnumView]
    enum_bases: list[tuple[str, str]]
    envelope: dict[str, object]
    scope_envelopes: list[tuple[str, dict[str, object]]]
    chains: list[tuple[str, tuple[str, ...]]]
    url_patterns: tuple[tuple[str, str], ...]
    shape_fields: tuple[tuple[str, str, str], ...]
    rate_limit_headers: tuple[tuple[str, str], ...]
    order_urls: tuple[str, ...]
    statuses: list[tuple[int, str]]
    status_ranges: list[tuple[int, int, str]]
    taxonomy_alias: str
    # (API category, the WebSocket category a rejection of that meaning is when its answer
    # names no method), from the taxonomy's covers
    meaning_layers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class IndexView:
    """An exchange's match tables, in a module of their own that its first classification
    loads: the codes, messages, templates and fallback rules, each naming a class (a string
    for a meaning made on first use, else a class of the exchange's package)."""

    exchange: Exchange
    lazy_names: frozenset[str]
    # The exchange package's classes the tables name directly, imported from it.
    imported: list[str]
    categories: list[tuple[str, str]]
    matching: dict[str, object]
    default_chain: tuple[str, ...]
    rules: list[RuleView]
    messages: list[tuple[str, list[str]]]
    templates: list[tuple[str, list[tuple[Template, str]]]]
    fallbacks: list[tuple[frozenset[int], tuple[tuple[int, int], ...], tuple[str, ...], str]]
    taxonomy_alias: str


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


def runtime_envelope(envelope: Envelope, matching: Matching) -> _body.Envelope:
    """An envelope as the generated package reads it (its record's fields, checked by type);
    an item's sub-code is joined to its code as the exchange's codes nest."""
    return _body.Envelope(
        code_type=envelope.code_type,
        code_field=envelope.code_field,
        message_field=envelope.message_field,
        error_list_field=envelope.error_list_field,
        item_list_field=envelope.item_list_field,
        item_code_field=envelope.item_code_field,
        item_message_field=envelope.item_message_field,
        success_codes=frozenset(envelope.success_codes),
        code_absent_means_success=envelope.code_absent_means_success,
        required_fields=envelope.required_fields,
        warning_prefix=envelope.warning_prefix,
        status_fields=tuple(
            (path, tuple(ok), message) for path, ok, message in envelope.status_fields
        ),
        failure_flags=envelope.failure_flags,
        success_data_field=envelope.success_data_field,
        item_id_fields=envelope.item_id_fields,
        message_code_separator=envelope.message_code_separator,
        item_sub_code_field=envelope.item_sub_code_field,
        sub_code_join=(matching.code_separator or "") if envelope.item_sub_code_field else "",
    )


def envelope_args(envelope: Envelope, matching: Matching) -> dict[str, object]:
    return dict(runtime_envelope(envelope, matching)._asdict())


def matching_args(matching: Matching) -> dict[str, object]:
    return dict(runtime_matching(matching)._asdict())


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


def exchange_view(project: Project, exchange: Exchange) -> ExchangeView:
    taxonomy = project.taxonomy
    # A status without an API error in the body is not an API error: these classes sit
    # beside the exchange's APIError, under its root.
    error_classes = [
        error_class_view(
            exchange,
            taxonomy,
            rule.outcome,
            None,
            None,
            beside_api(exchange, taxonomy, rule.outcome),
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
            bases=None if rule.contains else beside_api(exchange, taxonomy, rule.outcome),
            source=f"fallback rule {rule.priority}: {rule.evidence}",
        )
        for rule in exchange.fallbacks
    ]
    enums = [enum_view(exchange, i) for i in range(len(exchange.scopes))]
    statuses = [
        (s, rule.outcome.class_name) for rule in exchange.http_statuses for s in rule.statuses
    ]
    ranges = [
        (lo, hi, rule.outcome.class_name)
        for rule in exchange.http_statuses
        for lo, hi in rule.ranges
    ]
    return ExchangeView(
        exchange=exchange,
        root_doc=f"Root of every {exchange.name} error.",
        api_root_doc=f"Root of the errors {exchange.name} reports in a response body;"
        " `errors` lists every error string of the response.",
        websocket=exchange.websocket,
        category_classes=category_class_views(exchange, taxonomy),
        error_classes=error_classes,
        apis=tuple(scope.id for scope in exchange.scopes),
        enums=enums,
        enum_bases=[b for b in ENUM_BASES if any(e.alias == b[0] for e in enums)],
        envelope=envelope_args(exchange.envelope, exchange.matching),
        scope_envelopes=[
            (scope.id, envelope_args(scope.envelope, exchange.matching))
            for scope in exchange.scopes
            if scope.envelope != exchange.envelope
        ],
        chains=[(scope.id, scope.chain) for scope in exchange.scopes],
        url_patterns=tuple(
            (fragment, scope.id) for scope in exchange.scopes for fragment in scope.url_fragments
        ),
        shape_fields=tuple(
            (field, scope.id, kind)
            for scope in exchange.scopes
            for field, kind in scope.shape_fields
        ),
        rate_limit_headers=exchange.rate_limit_headers,
        order_urls=exchange.order_urls,
        statuses=statuses,
        status_ranges=ranges,
        taxonomy_alias=TAXONOMY_ALIAS,
        meaning_layers=tuple(
            (covered, category.id)
            for category in taxonomy.categories
            for covered in category.covers
        ),
    )


def index_view(project: Project, exchange: Exchange) -> IndexView:
    taxonomy = project.taxonomy
    # Meanings of the API modules are made on first use: the tables name them by string.
    lazy = frozenset(outcome.class_name for outcome in exchange.scope_outcomes)
    rules = [rule_view(scope.id, error) for scope in exchange.scopes for error in scope.errors]
    rules += sub_code_rules(exchange)
    messages, templates = message_tables(exchange)
    categories = [(c.id, exchange.category_class(taxonomy, c.id)) for c in taxonomy.categories]
    categories += [
        (REPORTED + c.id, exchange.reported_class(taxonomy, c.id))
        for c in taxonomy.categories
        if c.reported_under is not None
    ]
    fallbacks = [
        (frozenset(rule.statuses), rule.ranges, rule.contains, rule.outcome.class_name)
        for rule in exchange.fallbacks
    ]
    named = {exchange.root_class, *(name for _, name in categories)}
    named |= {class_name for *_, class_name in fallbacks}
    for rule in rules:
        named |= {rule.default, *(name for _, name in rule.exact)}
        named |= {name for _, name in rule.templates}
    named |= {name for names in messages.values() for name in names}
    named |= {name for entries in templates.values() for _, name in entries}
    return IndexView(
        exchange=exchange,
        lazy_names=lazy,
        imported=sorted(named - lazy),
        categories=categories,
        matching=matching_args(exchange.matching),
        default_chain=exchange.default_chain,
        rules=rules,
        messages=sorted(messages.items()),
        templates=sorted(templates.items()),
        fallbacks=fallbacks,
        taxonomy_alias=TAXONOMY_ALIAS,
    )


def sub_code_rules(exchange: Exchange) -> list[RuleView]:
    """A rule for each documented (code, sub-code) pair, under the code the exchange sends
    for it (<code><code_separator><sub-code>): the pair means the meaning whose message it
    is documented with, whatever the text."""
    separator = exchange.matching.code_separator or ""
    rules = []
    for scope in exchange.scopes:
        for error in scope.errors:
            for outcome in error.outcomes:
                for message in outcome.messages:
                    if message.sub_code is None:
                        continue
                    name = outcome.class_name
                    templates = ((message.template, name),) if message.template else ()
                    exact = () if message.template else ((message.key, name),)
                    rules.append(
                        RuleView(
                            scope=scope.id,
                            key=f"{error.key}{separator}{message.sub_code}",
                            default=name,
                            exact=exact,
                            templates=templates,
                        )
                    )
    return rules
