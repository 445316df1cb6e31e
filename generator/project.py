"""Loads and checks every spec of a project: the generator's entry point for reading."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from . import naming, schema
from .diagnostics import Diagnostics, Position, SpecError, display_path
from .exchange import Builder
from .load import Document, load_document
from .model import Exchange, Fallback, Outcome, Package, PageRule, Project, Source, Taxonomy
from .patterns import normalize
from .shapes import Context, Record, closest
from .taxonomy import build_taxonomy

PACKAGE = Path("spec/package.yaml")
TAXONOMY = Path("spec/taxonomy.yaml")
PAGES = Path("spec/pages.yaml")
WORDS = Path("spec/messages.yaml")
# The folder of source documents beside the project, which `file` of a document names into.
SHARED = "shared"
# Rules of spec/messages.yaml come after every exchange's own fallbacks, in their order.
WORDS_PRIORITY = 10_000
EXCHANGES = Path("spec/exchanges")


def _load(path: Path, root: Path, shape: Record, diagnostics: Diagnostics) -> Document | None:
    shown = display_path(path, root)
    document = load_document(path, shown, diagnostics)
    if document is None:
        return None
    if document.root is None:
        diagnostics.error(document.node_position(None), "the file is empty")
        return None
    before = len(diagnostics.items)
    shape.check(
        document.root, document.node_position(document.root), Context(document, diagnostics)
    )
    return document if len(diagnostics.items) == before else None


def exchange_files(root: Path) -> list[Path]:
    return sorted((root / EXCHANGES).glob("*.yaml"))


def load_project(root: Path, exchange_paths: list[Path] | None = None) -> Project:
    """Load spec/ under `root`; raise SpecError with every problem found."""
    diagnostics = Diagnostics()
    package_doc = _load(root / PACKAGE, root, schema.package, diagnostics)
    taxonomy_doc = _load(root / TAXONOMY, root, schema.taxonomy, diagnostics)
    taxonomy = build_taxonomy(taxonomy_doc, diagnostics) if taxonomy_doc else None
    paths = exchange_files(root) if exchange_paths is None else exchange_paths
    exchanges: list[Exchange] = []
    if taxonomy is not None:
        for path in paths:
            document = _load(path, root, schema.exchange, diagnostics)
            if document is None:
                continue
            _check_document_files(document, root, diagnostics)
            exchange = Builder(document, taxonomy, diagnostics, path.stem).build()
            if exchange is not None:
                exchanges.append(exchange)
    if not paths:
        diagnostics.error(
            Position(display_path(root / EXCHANGES, root)),
            "no exchange specs found",
            "add spec/exchanges/<id>.yaml",
        )
    page_rules: tuple[PageRule, ...] = ()
    if taxonomy is not None and (root / PAGES).is_file():
        pages_doc = _load(root / PAGES, root, schema.pages, diagnostics)
        if pages_doc is not None:
            page_rules = _page_rules(pages_doc, taxonomy, diagnostics)
    if taxonomy is not None and (root / WORDS).is_file():
        words_doc = _load(root / WORDS, root, schema.words, diagnostics)
        if words_doc is not None:
            rules = _word_rules(words_doc, taxonomy, diagnostics)
            exchanges = [
                _with_words(exchange, words_doc, rules, taxonomy, diagnostics)
                for exchange in exchanges
            ]
    if diagnostics or taxonomy is None or package_doc is None:
        raise SpecError(diagnostics.sorted())
    return Project(
        package=_package(package_doc),
        taxonomy=taxonomy,
        taxonomy_path=display_path(root / TAXONOMY, root),
        exchanges=tuple(sorted(exchanges, key=lambda e: e.id)),
        pages=page_rules,
    )


def _check_document_files(document: Document, root: Path, diagnostics: Diagnostics) -> None:
    """Each source document a spec names by `file` is in the folder of source documents
    beside the project (../shared/); a clean clone without that folder cannot tell."""
    shared = root.resolve().parent / SHARED
    if not shared.is_dir():
        return
    for entry in document.root.get("documents", ()):
        name = entry.get("file")
        if name and not (shared / name).is_file():
            diagnostics.error(
                document.value_position(entry, "file"),
                f"no source document {name!r} in {SHARED}/ beside the project",
                "write the path relative to that folder: sources/..., seeds/...",
            )


def _known_category(
    document: Document, node: CommentedMap, taxonomy: Taxonomy, diagnostics: Diagnostics
) -> bool:
    """Whether a rule's category is in the taxonomy; if not, says so at its position."""
    known = [c.id for c in taxonomy.categories]
    if node["category"] in known:
        return True
    near = closest(node["category"], known)
    diagnostics.error(
        document.value_position(node, "category"),
        f"unknown category {node['category']!r}",
        f"did you mean {near!r}?" if near else "see spec/taxonomy.yaml",
    )
    return False


def _page_rules(
    document: Document, taxonomy: Taxonomy, diagnostics: Diagnostics
) -> tuple[PageRule, ...]:
    rules = []
    for node in document.root["pages"]:
        _known_category(document, node, taxonomy, diagnostics)
        rules.append(
            PageRule(
                name=node["name"],
                contains=tuple(node["contains"]),
                statuses=tuple(node.get("status", ())),
                category=node["category"],
                evidence=node["evidence"],
            )
        )
    return tuple(rules)


def _word_rules(
    document: Document, taxonomy: Taxonomy, diagnostics: Diagnostics
) -> list[tuple[int, CommentedMap]]:
    """The rules of spec/messages.yaml whose category exists, with their place in the file."""
    return [
        (index, node)
        for index, node in enumerate(document.root["rules"])
        if _known_category(document, node, taxonomy, diagnostics)
    ]


def _with_words(
    exchange: Exchange,
    document: Document,
    rules: list[tuple[int, CommentedMap]],
    taxonomy: Taxonomy,
    diagnostics: Diagnostics,
) -> Exchange:
    """The exchange with the message rules every exchange shares, after its own fallbacks:
    one class each, Common<Name>Error."""
    taken = {o.class_name for o in exchange.outcomes}
    source = Source(
        document=WORDS.stem, title="Message rules of every exchange", section=None, file=None
    )
    fallbacks = []
    for index, node in rules:
        name = f"common_{node['name']}"
        class_name = naming.error_class("", name)
        if class_name in taken:
            diagnostics.error(
                document.value_position(node, "name"),
                f"class name {class_name!r} is already one of {exchange.id}'s",
                f"rename the rule or the exchange's entry in {exchange.spec_path}",
            )
            continue
        category = taxonomy.category(node["category"])
        outcome = Outcome(
            name=name,
            class_name=class_name,
            member=naming.upper_snake(name),
            category=category.id,
            description=node["description"],
            advice=None,
            note=None,
            retry=category.retry,
            outcome_unknown=category.outcome_unknown,
            http_statuses=(),
            messages=(),
            source=source,
        )
        contains = tuple(normalize(text, exchange.matching) for text in node["contains"])
        fallbacks.append(
            Fallback(WORDS_PRIORITY + index, (), (), contains, node["evidence"], outcome)
        )
    return dataclasses.replace(exchange, fallbacks=(*exchange.fallbacks, *fallbacks))


def _package(document: Document) -> Package:
    node = document.root
    return Package(
        name=node["name"],
        import_name=node["import_name"],
        version=node["version"],
        description=node["description"],
        license=node["license"],
        requires_python=node["requires_python"],
        urls=tuple((str(k), str(v)) for k, v in node.get("urls", {}).items()),
    )
