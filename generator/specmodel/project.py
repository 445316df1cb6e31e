"""The spec files every exchange shares: the taxonomy of categories, the rules that read
error pages and undocumented messages, and the published package's metadata."""

from __future__ import annotations

from ..records import Node, key, record, shape_of
from ..shapes import Boolean, Integer, ListOf, MapOf, Text
from .exchange import CLASS_NAME
from .outcome import IDENTIFIER, RETRY, RetryAfterSpec

LAYERS = ("api", "response", "network", "websocket")
EVENT_FIELD_TYPES = ("str", "int", "float", "bool", "Optional[str]", "Optional[int]")


@record("Category")
class CategorySpec(Node):
    id: str = key(Text(pattern=IDENTIFIER), required=True)
    class_name: str = key(Text(pattern=CLASS_NAME), required=True, yaml_key="class")
    parent: str | None = key(Text(pattern=IDENTIFIER), "Absent only for the root.")
    meaning: str = key(Text(), required=True)
    retry: str | RetryAfterSpec = key(RETRY, required=True)
    init: tuple[str, ...] = key(
        ListOf(Text(pattern=IDENTIFIER)),
        "Positional constructor arguments, for compatibility with other libraries.",
        default=(),
    )
    aliases: tuple[str, ...] = key(
        ListOf(Text(pattern=CLASS_NAME)), "Other exported names.", default=()
    )
    advice: str = key(
        Text(),
        "What a client should do about an error of this category, in our own words; an"
        " error's own advice says more.",
        default="",
    )
    outcome_unknown: bool = key(
        Boolean(),
        "True when a request that failed this way may have been executed.",
        default=False,
    )
    layer: str = key(
        Text(choices=LAYERS),
        "Where the failure happens: api (default), response, network, websocket.",
        default="api",
    )
    reported_under: str | None = key(
        Text(pattern=IDENTIFIER),
        "For a category of another layer that an exchange can also report in its answer (a"
        " timeout behind its gateway): the API category its reported errors belong to as well.",
    )
    covers: tuple[str, ...] = key(
        ListOf(Text(pattern=IDENTIFIER)),
        "For a WebSocket category: the API categories whose meanings make a rejected request"
        " one of this category when the answer does not name its request's method.",
        default=(),
    )


@record("Event")
class EventSpec(Node):
    class_name: str = key(Text(pattern=CLASS_NAME), required=True, yaml_key="class")
    meaning: str = key(Text(), required=True)
    fields: dict[str, str] = key(
        MapOf(Text(choices=EVENT_FIELD_TYPES)),
        "Field name to Python type.",
        required=True,
        identifier="event field",
    )


@record("Warning")
class WarningSpec(Node):
    class_name: str = key(Text(pattern=CLASS_NAME), required=True, yaml_key="class")
    meaning: str = key(Text(), required=True)


@record("Taxonomy")
class TaxonomySpec(Node):
    categories: tuple[CategorySpec, ...] = key(
        ListOf(shape_of(CategorySpec), min_items=1), required=True
    )
    events: tuple[EventSpec, ...] = key(ListOf(shape_of(EventSpec)), default=())
    warning: WarningSpec | None = key(shape_of(WarningSpec))


@record("PageRule", "What an error page with these words means.")
class PageRuleSpec(Node):
    name: str = key(Text(pattern=IDENTIFIER), "snake_case name", required=True)
    contains: tuple[str, ...] = key(
        ListOf(Text(pattern=r"[^A-Z]+"), min_items=1),
        "Words (lower case), any of which on a page makes the rule apply.",
        required=True,
    )
    status: tuple[int, ...] = key(
        ListOf(Integer()), "Statuses the rule is limited to.", default=()
    )
    category: str = key(Text(pattern=IDENTIFIER), "A taxonomy category id.", required=True)
    evidence: str = key(Text(), "Why these words mean that category.", required=True)


@record("Pages", "Rules that read error pages (HTML or text in place of an API's answer).")
class PagesSpec(Node):
    pages: tuple[PageRuleSpec, ...] = key(ListOf(shape_of(PageRuleSpec)), required=True)


@record(
    "WordRule",
    "What a message with these words means on any exchange, when nothing else knows it.",
)
class WordRuleSpec(Node):
    name: str = key(
        Text(pattern=IDENTIFIER),
        "snake_case name; each exchange's class is Common<Name>Error",
        required=True,
    )
    contains: tuple[str, ...] = key(
        ListOf(Text(pattern=r"[^A-Z]+"), min_items=1),
        "Words (lower case), any of which in a message makes the rule apply.",
        required=True,
    )
    category: str = key(Text(pattern=IDENTIFIER), "A taxonomy category id.", required=True)
    description: str = key(Text(), "One line, in our own words.", required=True)
    evidence: str = key(
        Text(),
        "Why these words mean that category: the documented messages of several exchanges that"
        " hold them.",
        required=True,
    )


@record("Words", "Message rules for every exchange, tried after each exchange's own fallbacks.")
class WordsSpec(Node):
    rules: tuple[WordRuleSpec, ...] = key(ListOf(shape_of(WordRuleSpec)), required=True)


@record("Package", "The published package: spec/package.yaml.")
class PackageSpec(Node):
    name: str = key(Text(pattern=r"[a-z][a-z0-9-]*"), "Distribution name.", required=True)
    import_name: str = key(Text(pattern=IDENTIFIER), required=True, identifier="import name")
    version: str = key(Text(pattern=r"[0-9]+\.[0-9]+\.[0-9]+"), "Semantic version.", required=True)
    description: str = key(Text(), required=True)
    license: str = key(Text(), "SPDX license expression.", required=True)
    requires_python: str = key(Text(), required=True)
    urls: dict[str, str] | None = key(MapOf(Text(), key_pattern=r"[A-Za-z][A-Za-z -]*"))
    keywords: tuple[str, ...] = key(
        ListOf(Text()),
        "Search keywords of the package index; each exchange's id is added to them.",
        default=(),
    )
