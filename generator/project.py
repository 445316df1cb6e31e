"""Reads every spec of a project: each file is loaded into its model, checked, then built
into the IR; the generator's entry point for reading."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import TypeVar

from . import naming
from .checks.exchange import check_exchange
from .checks.rules import check_rules
from .checks.taxonomy import check_taxonomy
from .diagnostics import Diagnostics, Position, SpecError, display_path
from .exchange import Builder
from .ir import Exchange, Fallback, Outcome, Package, PageRule, Project, Source, Taxonomy
from .load import load_document
from .patterns import normalize
from .records import Node, shape_of
from .shapes import INVALID, Context
from .specmodel.exchange import ExchangeSpec
from .specmodel.project import (
    PackageSpec,
    PagesSpec,
    TaxonomySpec,
    WordRuleSpec,
    WordsSpec,
)
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


S = TypeVar("S", bound=Node)


def _load(path: Path, root: Path, model: type[S], diagnostics: Diagnostics) -> S | None:
    """The spec file read into its model, or None once its problems are reported."""
    shown = display_path(path, root)
    document = load_document(path, shown, diagnostics)
    if document is None:
        return None
    if document.root is None:
        diagnostics.error(document.node_position(None), "the file is empty")
        return None
    read = shape_of(model).check(
        document.root, document.node_position(document.root), Context(document, diagnostics)
    )
    return None if read is INVALID else typing.cast(S, read)


def exchange_files(root: Path) -> list[Path]:
    return sorted((root / EXCHANGES).glob("*.yaml"))


def load_project(root: Path, exchange_paths: list[Path] | None = None) -> Project:
    """Load spec/ under `root`; raise SpecError with every problem found."""
    diagnostics = Diagnostics()
    package_spec = _load(root / PACKAGE, root, PackageSpec, diagnostics)
    taxonomy_spec = _load(root / TAXONOMY, root, TaxonomySpec, diagnostics)
    taxonomy = None
    if taxonomy_spec is not None:
        problems = len(diagnostics)
        check_taxonomy(taxonomy_spec, diagnostics)
        if len(diagnostics) == problems:
            taxonomy = build_taxonomy(taxonomy_spec)
    paths = exchange_files(root) if exchange_paths is None else exchange_paths
    exchanges: list[Exchange] = []
    if taxonomy is not None:
        for path in paths:
            spec = _load(path, root, ExchangeSpec, diagnostics)
            if spec is None:
                continue
            shared = root.resolve().parent / SHARED
            problems = len(diagnostics)
            check_exchange(
                spec, path.stem, taxonomy, shared if shared.is_dir() else None, diagnostics
            )
            if len(diagnostics) > problems:
                continue  # built only once sound: the builders trust what they read
            spec_path = display_path(path, root)
            exchange = Builder(spec, spec_path, taxonomy, diagnostics).build()
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
        pages = _load(root / PAGES, root, PagesSpec, diagnostics)
        if pages is not None:
            page_rules = _page_rules(pages, taxonomy, diagnostics)
    if taxonomy is not None and (root / WORDS).is_file():
        words = _load(root / WORDS, root, WordsSpec, diagnostics)
        if words is not None:
            rules = _word_rules(words, taxonomy, diagnostics)
            exchanges = [
                _with_words(exchange, rules, taxonomy, diagnostics) for exchange in exchanges
            ]
    if diagnostics or taxonomy is None or package_spec is None:
        raise SpecError(diagnostics.sorted())
    return Project(
        package=_package(package_spec),
        taxonomy=taxonomy,
        taxonomy_path=display_path(root / TAXONOMY, root),
        exchanges=tuple(sorted(exchanges, key=lambda e: e.id)),
        pages=page_rules,
    )


def _page_rules(
    spec: PagesSpec, taxonomy: Taxonomy, diagnostics: Diagnostics
) -> tuple[PageRule, ...]:
    rules = []
    check_rules(spec.pages, taxonomy, diagnostics)
    for rule in spec.pages:
        rules.append(
            PageRule(
                name=rule.name,
                contains=rule.contains,
                statuses=rule.status,
                category=rule.category,
                evidence=rule.evidence,
            )
        )
    return tuple(rules)


def _word_rules(
    spec: WordsSpec, taxonomy: Taxonomy, diagnostics: Diagnostics
) -> list[tuple[int, WordRuleSpec]]:
    """The rules of spec/messages.yaml, with their place in the file, once every category they
    name exists."""
    problems = len(diagnostics)
    check_rules(spec.rules, taxonomy, diagnostics)
    if len(diagnostics) > problems:
        return []
    return list(enumerate(spec.rules))


def _with_words(
    exchange: Exchange,
    rules: list[tuple[int, WordRuleSpec]],
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
    for index, rule in rules:
        name = f"common_{rule.name}"
        class_name = naming.error_class("", name)
        if class_name in taken:
            diagnostics.error(
                rule.at("name"),
                f"class name {class_name!r} is already one of {exchange.id}'s",
                f"rename the rule or the exchange's entry in {exchange.spec_path}",
            )
            continue
        category = taxonomy.category(rule.category)
        outcome = Outcome(
            name=name,
            class_name=class_name,
            member=naming.upper_snake(name),
            category=category.id,
            description=rule.description,
            advice=None,
            note=None,
            retry=category.retry,
            outcome_unknown=category.outcome_unknown,
            http_statuses=(),
            messages=(),
            source=source,
        )
        contains = tuple(normalize(text, exchange.matching) for text in rule.contains)
        fallbacks.append(
            Fallback(WORDS_PRIORITY + index, (), (), contains, rule.evidence, outcome)
        )
    return dataclasses.replace(exchange, fallbacks=(*exchange.fallbacks, *fallbacks))


def _package(spec: PackageSpec) -> Package:
    return Package(
        name=spec.name,
        import_name=spec.import_name,
        version=spec.version,
        description=spec.description,
        license=spec.license,
        requires_python=spec.requires_python,
        urls=tuple((spec.urls or {}).items()),
        keywords=spec.keywords,
    )
