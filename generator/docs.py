"""Render-ready data for the error reference in generated/docs/."""

from __future__ import annotations

from dataclasses import dataclass

from .ir import Category, Exchange, Outcome, Project, Retry, Scope, StatusRule
from .package_views import depth_first


@dataclass(frozen=True)
class Row:
    """One meaning in a reference table."""

    code: str
    member: str
    class_name: str
    category: str
    retry: str
    description: str
    advice: str
    messages: list[str]
    source: str


@dataclass(frozen=True)
class ScopeTable:
    scope: Scope
    rows: list[Row]


@dataclass(frozen=True)
class ExchangePage:
    exchange: Exchange
    scopes: list[ScopeTable]
    statuses: list[Row]


@dataclass(frozen=True)
class CategorySection:
    category: Category
    entries: list[tuple[Exchange, str, object, Outcome]]  # exchange, API, code, meaning


@dataclass(frozen=True)
class CategoriesPage:
    sections: list[CategorySection]
    exchanges: tuple[Exchange, ...]


def markdown_cell(text: object) -> str:
    """Spec text as one Markdown table cell: characters that would end or format it escaped."""
    value = " ".join(str(text).split())
    for char in ("\\", "|", "`", "*", "_", "<", ">", "[", "]"):
        value = value.replace(char, "\\" + char)
    return value


def retry_advice(retry: Retry, outcome_unknown: bool, partial: bool = False) -> str:
    if retry.policy == "after":
        advice = f"retry after {retry.after or 0:g} s"
    else:
        advice = {
            "never": "do not retry",
            "backoff": "retry with backoff",
            "resync_clock": "resync the clock or nonce, then retry",
            "confirm_first": "check whether it was executed, then retry",
        }[retry.policy]
    return (
        advice
        + ("; outcome unknown" if outcome_unknown else "")
        + ("; partly done" if partial else "")
    )


def status_text(rule: StatusRule) -> str:
    return ", ".join([str(s) for s in rule.statuses] + [f"{lo}-{hi}" for lo, hi in rule.ranges])


def _source_cell(outcome: Outcome) -> str:
    """Where an error is documented, as a Markdown link where the page is public; an observed
    error links its evidence."""
    if outcome.evidence:
        return f"observed, not documented: [evidence]({outcome.evidence})"
    text = markdown_cell(
        outcome.source.title + (f", {outcome.source.section}" if outcome.source.section else "")
    )
    suffix = " (deprecated)" if outcome.deprecated else ""
    return (f"[{text}]({outcome.source.url})" if outcome.source.url else text) + suffix


def _code_cell(outcome: Outcome, code: object) -> str:
    """The code, with the HTTP statuses the document gives it (OKX 50011: 200 and 429)."""
    if not outcome.http_statuses:
        return str(code)
    return f"{code} (HTTP {', '.join(str(s) for s in outcome.http_statuses)})"


def _row(project: Project, outcome: Outcome, code: object, separator: str = "") -> Row:
    return Row(
        code=_code_cell(outcome, code),
        member=outcome.member,
        class_name=outcome.class_name,
        category=outcome.category,
        retry=retry_advice(outcome.retry, outcome.outcome_unknown, outcome.partial),
        description=outcome.description,
        advice=outcome.advice or project.taxonomy.category(outcome.category).advice,
        # A wording sent with a sub-code shows it as the exchange writes the pair.
        messages=[
            f"({code}{separator}{m.sub_code}) {m.text}" if m.sub_code else m.text
            for m in outcome.messages
        ],
        source=_source_cell(outcome),
    )


def _sharing(scope: Scope, outcome: Outcome) -> str:
    """The codes that can carry a meaning of a message table."""
    return ", ".join(str(e.code) for e in scope.errors if outcome in e.shared)


def exchange_page(project: Project, exchange: Exchange) -> ExchangePage:
    scopes = [
        ScopeTable(
            scope,
            [
                _row(project, o, e.code, exchange.matching.code_separator or "")
                for e in scope.errors
                for o in e.outcomes
            ]
            + [_row(project, o, _sharing(scope, o)) for o in scope.tables],
        )
        for scope in exchange.scopes
    ]
    statuses = [_row(project, rule.outcome, status_text(rule)) for rule in exchange.http_statuses]
    return ExchangePage(exchange, scopes, statuses)


def categories_page(project: Project) -> CategoriesPage:
    sections = []
    for category in depth_first(project.taxonomy):
        entries: list[tuple[Exchange, str, object, Outcome]] = []
        for exchange in project.exchanges:
            for scope in exchange.scopes:
                for error in scope.errors:
                    entries += [
                        (exchange, scope.id, error.code, o)
                        for o in error.outcomes
                        if o.category == category.id
                    ]
            entries += [
                (exchange, "HTTP", status_text(rule), rule.outcome)
                for rule in exchange.http_statuses
                if rule.outcome.category == category.id
            ]
        sections.append(CategorySection(category, entries))
    return CategoriesPage(sections, project.exchanges)
