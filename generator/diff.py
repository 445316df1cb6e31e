"""Compares the specs at a git ref with the working tree: what changed for users, and which
semantic-version bump that needs."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .ir import Outcome, Project
from .project import load_project

BUMPS = ("none", "patch", "minor", "major")


@dataclass
class Report:
    old_version: str
    new_version: str
    breaking: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def bump(self) -> str:
        if self.breaking:
            return "major"
        if self.added:
            return "minor"
        return "patch" if self.changed else "none"

    def suggested_version(self) -> str:
        major, minor, patch = (int(p) for p in self.old_version.split("."))
        if self.bump == "major":
            return f"{major + 1}.0.0"
        if self.bump == "minor":
            return f"{major}.{minor + 1}.0"
        return f"{major}.{minor}.{patch + 1}" if self.bump == "patch" else self.old_version

    def version_is_enough(self) -> bool:
        old = tuple(int(p) for p in self.old_version.split("."))
        new = tuple(int(p) for p in self.new_version.split("."))
        wanted = tuple(int(p) for p in self.suggested_version().split("."))
        return new >= wanted if self.bump != "none" else new >= old

    def markdown(self, heading: str) -> str:
        lines = [heading, ""]
        for title, items in (
            ("Breaking", self.breaking),
            ("Added", self.added),
            ("Changed", self.changed),
        ):
            if items:
                lines += [f"### {title}", "", *[f"- {item}" for item in items], ""]
        if len(lines) == 2:
            lines += ["No change to the errors.", ""]
        return "\n".join(lines)


def specs_at(root: Path, ref: str, into: Path) -> Path:
    """Extract spec/ as it is at `ref` into a folder and return that folder."""
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref, "spec"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def _outcomes(project: Project) -> dict[tuple[str, str], tuple[str, Outcome, object]]:
    found: dict[tuple[str, str], tuple[str, Outcome, object]] = {}
    for exchange in project.exchanges:
        for scope in exchange.scopes:
            for error in scope.errors:
                for outcome in error.outcomes:
                    found[(exchange.id, outcome.class_name)] = (scope.id, outcome, error.code)
            for outcome in scope.tables:
                found[(exchange.id, outcome.class_name)] = (scope.id, outcome, None)
        for rule in exchange.http_statuses:
            found[(exchange.id, rule.outcome.class_name)] = ("HTTP", rule.outcome, None)
        for fallback in exchange.fallbacks:
            found[(exchange.id, fallback.outcome.class_name)] = (
                "fallback",
                fallback.outcome,
                None,
            )
    return found


def _enums(project: Project) -> dict[tuple[str, str], dict[str, object]]:
    """Each code enum's members and their codes, by (exchange, enum name)."""
    return {
        (exchange.id, scope.enum_name): {
            outcome.member: error.code for error in scope.errors for outcome in error.outcomes
        }
        for exchange in project.exchanges
        for scope in exchange.scopes
    }


def _compare_enums(old: Project, new: Project, new_ids: set[str], report: Report) -> None:
    before, after = _enums(old), _enums(new)
    for exchange, name in sorted(before.keys() - after.keys()):
        if exchange in new_ids:
            report.breaking.append(f"{exchange}: code enum `{name}` removed")
    for exchange, name in sorted(after.keys() - before.keys()):
        report.added.append(f"{exchange}: code enum `{name}`")
    for key in sorted(before.keys() & after.keys()):
        exchange, name = key
        was, now = before[key], after[key]
        for member in sorted(was.keys() - now.keys()):
            report.breaking.append(f"{exchange}: `{name}.{member}` removed")
        for member in sorted(now.keys() - was.keys()):
            report.added.append(f"{exchange}: `{name}.{member}` ({now[member]!r})")
        for member in sorted(was.keys() & now.keys()):
            if was[member] != now[member]:
                change = f"{was[member]!r} -> {now[member]!r}"
                report.breaking.append(f"{exchange}: `{name}.{member}` code changed {change}")


def compare(old: Project, new: Project) -> Report:
    report = Report(old.package.version, new.package.version)
    _compare_taxonomy(old, new, report)
    old_ids = {e.id for e in old.exchanges}
    new_ids = {e.id for e in new.exchanges}
    for exchange_id in sorted(old_ids - new_ids):
        report.breaking.append(f"exchange `{exchange_id}` removed")
    for exchange_id in sorted(new_ids - old_ids):
        report.added.append(f"exchange `{exchange_id}`")
    before, after = _outcomes(old), _outcomes(new)
    for key in sorted(before.keys() - after.keys()):
        if key[0] in new_ids:
            scope, _, code = before[key]
            report.breaking.append(f"{key[0]}: class `{key[1]}` ({scope} {code}) removed")
    for key in sorted(after.keys() - before.keys()):
        if key[0] in old_ids:
            scope, outcome, code = after[key]
            report.added.append(f"{key[0]}: `{key[1]}` ({scope} {code}, {outcome.category})")
    for key in sorted(before.keys() & after.keys()):
        _compare_outcome(key, before[key], after[key], report)
    _compare_enums(old, new, new_ids, report)
    return report


def _compare_taxonomy(old: Project, new: Project, report: Report) -> None:
    before = {c.id: c for c in old.taxonomy.categories}
    after = {c.id: c for c in new.taxonomy.categories}
    for category_id in sorted(before.keys() - after.keys()):
        report.breaking.append(
            f"category `{category_id}` ({before[category_id].class_name}) removed"
        )
    for category_id in sorted(after.keys() - before.keys()):
        report.added.append(f"category `{category_id}` ({after[category_id].class_name})")
    for category_id in sorted(before.keys() & after.keys()):
        was, now = before[category_id], after[category_id]
        if was.parent != now.parent:
            report.breaking.append(
                f"category `{category_id}` re-parented from `{was.parent}` to `{now.parent}`"
            )
        if was.class_name != now.class_name:
            report.breaking.append(
                f"category `{category_id}` class renamed `{was.class_name}` -> `{now.class_name}`"
            )
        if was.retry != now.retry:
            report.changed.append(f"category `{category_id}`: default retry changed")


def _compare_outcome(
    key: tuple[str, str],
    was: tuple[str, Outcome, object],
    now: tuple[str, Outcome, object],
    report: Report,
) -> None:
    exchange, name = key
    (_, old, old_code), (_, new, new_code) = was, now
    if old.category != new.category:
        report.breaking.append(
            f"{exchange}: `{name}` re-parented from `{old.category}` to `{new.category}`"
        )
    if old_code != new_code:
        report.breaking.append(f"{exchange}: `{name}` code changed {old_code!r} -> {new_code!r}")
    old_messages = {m.text for m in old.messages}
    new_messages = {m.text for m in new.messages}
    for text in sorted(new_messages - old_messages):
        report.added.append(f"{exchange}: `{name}` matches {text!r}")
    for text in sorted(old_messages - new_messages):
        report.changed.append(f"{exchange}: `{name}` no longer lists {text!r}")
    for attribute in ("description", "advice", "retry", "outcome_unknown", "partial"):
        if getattr(old, attribute) != getattr(new, attribute):
            report.changed.append(f"{exchange}: `{name}` {attribute.replace('_', ' ')} changed")


def diff_against(root: Path, ref: str) -> Report:
    with tempfile.TemporaryDirectory() as folder:
        old = load_project(specs_at(root, ref, Path(folder)))
    return compare(old, load_project(root))


def prepend_changelog(path: Path, entry: str) -> None:
    title = "# Changelog\n\n"
    text = path.read_text(encoding="utf-8") if path.is_file() else title
    body = text[len(title) :] if text.startswith(title) else text
    path.write_text(title + entry.rstrip("\n") + "\n\n" + body, encoding="utf-8")
