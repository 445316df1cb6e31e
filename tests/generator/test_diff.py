"""`python -m generator diff <ref>`: what changed in the specs since a git ref, the version bump
it needs, and the changelog entry."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.generator.test_check import run_generator


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "spec")
    _git(tmp_path, "commit", "-q", "-m", "specs")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_no_change(repo: Path) -> None:
    result = run_generator(repo, "diff", "HEAD")
    assert result.returncode == 0
    assert "No change to the errors." in result.stdout
    assert "No version bump needed." in result.stdout


def test_additions_need_a_minor_bump(repo: Path) -> None:
    _edit(
        repo / "spec" / "exchanges" / "binance.yaml",
        "          - Invalid symbol.\n",
        "          - Invalid symbol.\n          - Symbol is closed.\n",
    )
    result = run_generator(repo, "diff", "HEAD", "--check")
    assert "binance: `OptionsBadSymbolError` matches 'Symbol is closed.'" in result.stdout
    assert "Needs a minor version bump: 0.1.0 -> at least 0.2.0" in result.stdout
    assert result.returncode == 1
    _edit(repo / "spec" / "package.yaml", "version: 0.1.0", "version: 0.2.0")
    assert run_generator(repo, "diff", "HEAD", "--check").returncode == 0


def test_removed_class_and_changed_parent_are_breaking(repo: Path) -> None:
    binance = repo / "spec" / "exchanges" / "binance.yaml"
    text = binance.read_text()
    start = text.index("      - code: -4055")
    end = text.index("\n  - id: spot", start)  # the entry runs up to the next scope
    binance.write_text(text[:start] + text[end:])
    _edit(
        binance,
        "        name: TRANSFER_FAILED\n        section: 3xxx-5xxx Filters and other issues\n"
        "        category: operation_rejected",
        "        name: TRANSFER_FAILED\n        section: 3xxx-5xxx Filters and other issues\n"
        "        category: insufficient_funds",
    )
    _edit(
        repo / "spec" / "exchanges" / "kraken.yaml",
        "description: The API key is unknown, expired or disabled.",
        "description: The API key is not known.",
    )
    result = run_generator(repo, "diff", "HEAD", "--changelog")
    out = result.stdout
    assert "binance: class `OptionsAmountMustBePositiveError` (options -4055) removed" in out
    assert (
        "`OptionsTransferFailedError` re-parented from `operation_rejected` to"
        " `insufficient_funds`" in out
    )
    assert "kraken: `ApiInvalidKeyError` description changed" in out
    assert "Needs a major version bump: 0.1.0 -> at least 1.0.0" in out
    changelog = (repo / "generated" / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog\n\n## 0.1.0\n\n### Breaking\n")


def test_taxonomy_reparenting_is_breaking(repo: Path) -> None:
    _edit(
        repo / "spec" / "taxonomy.yaml",
        "  - id: bad_symbol\n    class: BadSymbol\n    parent: bad_request",
        "  - id: bad_symbol\n    class: BadSymbol\n    parent: exchange_error",
    )
    result = run_generator(repo, "diff", "HEAD")
    assert (
        "category `bad_symbol` re-parented from `bad_request` to `exchange_error`" in result.stdout
    )


def test_unknown_ref_is_reported(repo: Path) -> None:
    result = run_generator(repo, "diff", "no-such-ref")
    assert result.returncode == 2
    assert "cannot read spec/ at 'no-such-ref'" in result.stderr


def test_enum_members_and_fallback_classes_are_compared(repo: Path) -> None:
    spec = repo / "spec" / "exchanges" / "binance.yaml"
    _edit(spec, "  - priority: 112\n", "  - priority: 112\n    name: renamed_rule\n")
    text = spec.read_text()
    # The rule keeps its position but takes another name: its class is another one.
    spec.write_text(text.replace("    name: message_would_trigger_immediately\n", "", 1))
    _edit(spec, "      - code: -1121\n", "      - code: -1999\n")
    result = run_generator(repo, "diff", "HEAD")
    assert "binance: class `MessageWouldTriggerImmediatelyError` (fallback None) removed" in (
        result.stdout
    )
    assert "binance: `RenamedRuleError` (fallback None, operation_rejected)" in result.stdout
    # The first -1121 of the file is the options API's, whose enum is BinanceOptionsCode.
    assert "binance: `BinanceOptionsCode.BAD_SYMBOL` code changed -1121 -> -1999" in result.stdout
