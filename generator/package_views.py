"""Render-ready data for the files of the package as a whole: the taxonomy module, the
package's __init__, and the README with its examples."""

from __future__ import annotations

from dataclasses import dataclass

from .ir import INIT_FIELDS, Category, Envelope, Event, Exchange, Package, Project, Scope, Taxonomy


@dataclass(frozen=True)
class CategoryClassView:
    category: Category
    parent: str  # the class it derives from
    # positional constructor arguments: (name, annotation, default, keyword it fills)
    init: list[tuple[str, str, str, str]]


@dataclass(frozen=True)
class TaxonomyView:
    source: str
    classes: list[CategoryClassView]
    categories: tuple[Category, ...]
    events: tuple[Event, ...]
    warning_class: str
    warning_meaning: str
    page_rules: list[tuple[tuple[str, ...], frozenset[int], str]]


@dataclass(frozen=True)
class PackageView:
    taxonomy: Taxonomy
    exported_classes: list[str]
    exchanges: tuple[Exchange, ...]
    version: str


@dataclass(frozen=True)
class PackageMetadataView:
    """pyproject.toml and LICENSE."""

    package: Package
    keywords: list[str]


def taxonomy_view(project: Project) -> TaxonomyView:
    taxonomy = project.taxonomy
    classes = []
    for category in taxonomy.categories:
        parent = taxonomy.category(category.parent).class_name if category.parent else "ErrorBase"
        init = [(name, *INIT_FIELDS[name]) for name in category.init]
        classes.append(CategoryClassView(category, parent, init))
    return TaxonomyView(
        source=project.taxonomy_path,
        classes=classes,
        categories=taxonomy.categories,
        events=taxonomy.events,
        warning_class=taxonomy.warning_class,
        warning_meaning=taxonomy.warning_meaning,
        page_rules=[
            (rule.contains, frozenset(rule.statuses), rule.category) for rule in project.pages
        ],
    )


def package_view(project: Project) -> PackageView:
    taxonomy = project.taxonomy
    exported = [c.class_name for c in taxonomy.categories]
    exported += [alias for c in taxonomy.categories for alias in c.aliases]
    exported += [e.class_name for e in taxonomy.events]
    exported.append(taxonomy.warning_class)
    return PackageView(taxonomy, exported, project.exchanges, project.package.version)


def metadata_view(project: Project) -> PackageMetadataView:
    keywords = [*project.package.keywords, *(e.id for e in project.exchanges)]
    return PackageMetadataView(project.package, keywords)


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


@dataclass(frozen=True)
class ReadmeView:
    package: Package
    tree: list[tuple[str, str, str, str]]  # indent, class, category id, meaning
    counts: list[tuple[Exchange, list[tuple[Scope, int, int]], int]]
    taxonomy: Taxonomy
    examples: list[ExampleView]


def readme_view(project: Project) -> ReadmeView:
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
    return ReadmeView(project.package, tree, counts, taxonomy, readme_examples(project))


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
