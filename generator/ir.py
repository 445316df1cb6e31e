"""The validated, frozen intermediate representation (IR) that the views are made from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Retry:
    policy: str  # never | backoff | after | resync_clock | confirm_first
    after: float | None = None


# Positional constructor arguments a category may declare (`init:`), for compatibility with
# other libraries: (annotation, default, keyword of the base constructor it fills).
INIT_FIELDS = {
    "status_code": ("Optional[int]", "None", "http_status"),
    "content": ("object", "None", "raw"),
    "error": ("str", '""', "message"),
    "req_id": ("Optional[int]", "None", "req_id"),
}


@dataclass(frozen=True)
class Category:
    id: str
    class_name: str
    parent: str | None
    meaning: str
    retry: Retry
    depth: int
    init: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    layer: str = "api"
    outcome_unknown: bool = False
    advice: str = ""  # what to do about an error of this category, unless the error says more
    # the API category whose class an exchange's report of this category also belongs to
    reported_under: str | None = None
    # for a WebSocket category: the API categories whose meanings make a rejection of it
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventField:
    name: str
    type: str


@dataclass(frozen=True)
class Event:
    class_name: str
    meaning: str
    fields: tuple[EventField, ...]


@dataclass(frozen=True)
class Taxonomy:
    categories: tuple[Category, ...]  # parents before children
    events: tuple[Event, ...]
    warning_class: str
    warning_meaning: str

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)


@dataclass(frozen=True)
class TemplateGroup:
    """Adjacent placeholders and the literal text that follows them ("" at the very end)."""

    names: tuple[str, ...]
    kinds: tuple[str, ...]
    literal: str


@dataclass(frozen=True)
class Template:
    """A documented message with placeholders, compiled to literal segments (no regex)."""

    prefix: str
    groups: tuple[TemplateGroup, ...]

    @property
    def index_word(self) -> str:
        """The first whole word, which indexes the template; "" when it starts with a value."""
        word, space, _ = self.prefix.partition(" ")
        return word if space else ""

    @property
    def specificity(self) -> tuple[int, int]:
        """Literal characters, then values: a template that says more is tried first, so that
        "{a}, {b}, and {c} ..." is not read as "{a} and {b} ..." with a comma in a value."""
        literal = len(self.prefix) + sum(len(group.literal) for group in self.groups)
        return (literal, sum(len(group.names) for group in self.groups))

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(name for group in self.groups for name in group.names)


@dataclass(frozen=True)
class Message:
    text: str  # verbatim, as documented
    key: str  # normalized, for exact lookups
    quick_key: str  # verbatim, case folded unless matching is case-sensitive
    template: Template | None
    gloss_key: str | None = None  # normalized text before the gloss separator
    gloss_template: Template | None = None
    retry_until: str | None = None  # the parameter holding when the exchange lets us back in
    sub_code: str | None = None  # sent beside the code: the pair names this message's meaning


@dataclass(frozen=True)
class Source:
    document: str
    title: str
    section: str | None
    file: str | None
    url: str | None = None  # where the document is published


@dataclass(frozen=True)
class Outcome:
    """One meaning: becomes one exception class."""

    name: str
    class_name: str
    member: str
    category: str
    description: str
    advice: str | None
    note: str | None
    retry: Retry
    outcome_unknown: bool
    http_statuses: tuple[int, ...]
    messages: tuple[Message, ...]
    source: Source
    evidence: str | None = None  # a public link: observed, not documented
    deprecated: bool = False  # struck out in the document; still classified
    partial: bool = False  # part of the request was carried out


@dataclass(frozen=True)
class ErrorCode:
    code: int | str
    key: int | str  # the lookup key: the code, normalized when it is a string
    primary: Outcome
    meanings: tuple[Outcome, ...]
    shared: tuple[Outcome, ...] = ()  # meanings of the scope's message tables it can carry
    message_decides: bool = False  # an undocumented message is matched exchange-wide first

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return (self.primary, *self.meanings)


@dataclass(frozen=True)
class Envelope:
    code_type: str
    code_field: tuple[str, ...] | None
    code_pattern: str | None
    message_field: tuple[str, ...] | None
    error_list_field: tuple[str, ...] | None
    item_list_field: tuple[str, ...] | None
    item_code_field: tuple[str, ...] | None
    item_message_field: tuple[str, ...] | None
    success_codes: tuple[int | str, ...]
    code_absent_means_success: bool
    required_fields: tuple[tuple[str, ...], ...]
    warning_prefix: str | None
    # (path, success values): "[]" in a path stands for every item of a list
    # (path of the status, values meaning success, path of the failure's text inside the
    # object holding the status or ())
    status_fields: tuple[
        tuple[tuple[str, ...], tuple[bool | int | str, ...], tuple[str, ...]], ...
    ] = ()
    failure_flags: tuple[tuple[tuple[str, ...], tuple[bool | int | str, ...]], ...] = ()
    success_data_field: tuple[str, ...] | None = None
    message_code_separator: str | None = None  # "-1022=text": a code inside the message
    item_id_fields: tuple[str, ...] = ()
    item_sub_code_field: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Matching:
    case_sensitive: bool
    trailing_punctuation: str
    detail_separators: tuple[str, ...]
    code_separator: str | None
    gloss_separator: str | None


@dataclass(frozen=True)
class Scope:
    id: str
    title: str
    chain: tuple[str, ...]  # itself, then the scopes it inherits, in search order
    enum_name: str
    envelope: Envelope
    errors: tuple[ErrorCode, ...]
    tables: tuple[Outcome, ...] = ()  # the meanings of its message tables, each once
    url_fragments: tuple[str, ...] = ()  # parts of a request URL that mean this API
    # (top-level field, "string" or "present"): bodies only this API sends
    shape_fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class StatusRule:
    statuses: tuple[int, ...]
    ranges: tuple[tuple[int, int], ...]
    outcome: Outcome


@dataclass(frozen=True)
class Fallback:
    priority: int
    statuses: tuple[int, ...]
    ranges: tuple[tuple[int, int], ...]
    contains: tuple[str, ...]  # normalized
    evidence: str
    outcome: Outcome


@dataclass(frozen=True)
class WebSocket:
    kinds: tuple[tuple[str, str], ...]  # method -> category id of the layer class
    raised_as_meaning: tuple[str, ...]
    # The fields of each shape a response may take, in the order of the runtime's Frame.
    frames: tuple[tuple[object, ...], ...]
    keepalive_texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exchange:
    id: str
    name: str
    spec_path: str
    class_prefix: str
    root_class: str
    documents: tuple[Source, ...]
    notes: tuple[str, ...]
    envelope: Envelope
    matching: Matching
    placeholders: tuple[str, ...]
    scopes: tuple[Scope, ...]
    http_statuses: tuple[StatusRule, ...]
    websocket: WebSocket | None = None
    fallbacks: tuple[Fallback, ...] = ()
    default_chain: tuple[str, ...] = ()  # searched first when no api is given
    rate_limit_headers: tuple[tuple[str, str], ...] = ()  # (lower-case name, unit)
    order_urls: tuple[str, ...] = ()  # fragments of order-placing URLs, lower case

    @property
    def api_root_class(self) -> str:
        """Root of the errors the exchange reports in a response body."""
        return f"{self.class_prefix}APIError"

    def category_class(self, taxonomy: Taxonomy, category_id: str) -> str:
        """The exchange's own class for a category; for the taxonomy root, the root of the
        API layer, where every category without a layer of its own belongs."""
        category = taxonomy.category(category_id)
        if category.parent is None:
            return self.api_root_class
        return self.class_prefix + category.class_name

    def reported_class(self, taxonomy: Taxonomy, category_id: str) -> str:
        """The exchange's class for a category of another layer reported in its answer (a
        gateway's timeout as a status or a page): its own category class and, through the
        taxonomy, the category it is reported under."""
        return f"{self.class_prefix}Reported{taxonomy.category(category_id).class_name}"

    def meaning_base(self, taxonomy: Taxonomy, category_id: str) -> str:
        """The base of a meaning the exchange reports in a body: for a category of another
        layer, its reported class that is an API error of the category it is reported under."""
        if taxonomy.category(category_id).reported_under is not None:
            return f"{self.class_prefix}API{taxonomy.category(category_id).class_name}"
        return self.category_class(taxonomy, category_id)

    def layer_root(self, layer: str) -> str:
        return self.api_root_class if layer == "api" else self.root_class

    @property
    def scope_outcomes(self) -> tuple[Outcome, ...]:
        """The meanings the API modules hold: every code's and every message table's."""
        found = [o for scope in self.scopes for error in scope.errors for o in error.outcomes]
        return tuple(found + [o for scope in self.scopes for o in scope.tables])

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        statuses = [rule.outcome for rule in self.http_statuses]
        return (*self.scope_outcomes, *statuses, *(rule.outcome for rule in self.fallbacks))


@dataclass(frozen=True)
class Package:
    name: str
    import_name: str
    version: str
    description: str
    license: str
    requires_python: str
    urls: tuple[tuple[str, str], ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class PageRule:
    name: str
    contains: tuple[str, ...]
    statuses: tuple[int, ...]
    category: str
    evidence: str


@dataclass(frozen=True)
class Project:
    package: Package
    taxonomy: Taxonomy
    taxonomy_path: str
    exchanges: tuple[Exchange, ...]
    pages: tuple[PageRule, ...] = ()
