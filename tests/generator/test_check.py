"""`python -m generator check`: passes on the committed specs, and on each broken fixture exits
2 with every problem as `file:line:col: error: ...`, writing nothing."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli
from tests.conftest import ROOT

BAD_SPECS = ROOT / "tests" / "fixtures" / "bad_specs"
CASES = sorted(p.name for p in BAD_SPECS.iterdir() if p.is_dir())


def run_generator_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator --root ROOT ...` in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def run_generator(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same command line handled in this process, which spares each call an interpreter
    and the generator's imports: its exit status and everything it printed."""
    argv = ["--root", str(root), *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(argv)
        except SystemExit as exc:  # argparse refusing the command line
            status = exc.code if isinstance(exc.code, int) else 2
    return subprocess.CompletedProcess(argv, status, out.getvalue(), err.getvalue())


def project_with(case: str, tmp_path: Path) -> Path:
    """A project of the real taxonomy and package spec, the case's files laid over it, and
    the real Binance spec where the case brings no exchange."""
    spec = tmp_path / "spec"
    (spec / "exchanges").mkdir(parents=True)
    shutil.copy(ROOT / "spec" / "taxonomy.yaml", spec)
    shutil.copy(ROOT / "spec" / "package.yaml", spec)
    shutil.copytree(BAD_SPECS / case / "spec", spec, dirs_exist_ok=True)
    if not any((spec / "exchanges").iterdir()):
        shutil.copy(ROOT / "spec" / "exchanges" / "binance.yaml", spec / "exchanges")
    return tmp_path


def test_committed_specs_pass() -> None:
    result = run_generator_process(ROOT, "check")  # as a contributor runs it
    assert result.returncode == 0, result.stderr
    assert "spec/exchanges/kucoin.yaml: ok" in result.stdout


def test_there_are_at_least_thirty_distinct_mistakes() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES)
def test_broken_spec_is_reported_with_its_position(case: str, tmp_path: Path) -> None:
    root = project_with(case, tmp_path)
    result = run_generator(root, "check")
    expected = (BAD_SPECS / case / "expected.txt").read_text(encoding="utf-8")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == expected


@pytest.mark.parametrize("case", ["unknown_category", "yaml_syntax", "taxonomy_cycle"])
def test_broken_spec_leaves_the_output_untouched(case: str, tmp_path: Path) -> None:
    root = project_with(case, tmp_path)
    out = root / "generated"
    out.mkdir()
    (out / "keep.txt").write_bytes(b"before")
    result = run_generator(root, "generate")
    assert result.returncode == 2
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert (out / "keep.txt").read_bytes() == b"before"


def test_a_missing_source_document_is_reported_where_the_documents_are(tmp_path: Path) -> None:
    root = tmp_path / "project"
    spec = root / "spec"
    (spec / "exchanges").mkdir(parents=True)
    shutil.copy(ROOT / "spec" / "taxonomy.yaml", spec)
    shutil.copy(ROOT / "spec" / "package.yaml", spec)
    exchange = BAD_SPECS / "unknown_category" / "spec" / "exchanges" / "unknown_category.yaml"
    text = exchange.read_text(encoding="utf-8").replace(
        "category: rate_limit\n", "category: rate_limited\n"
    )
    text = text.replace(
        "    title: Example error codes\n",
        "    title: Example error codes\n    file: sources/missing.md\n"
        "  - id: other\n    title: Other codes\n    file: sources/here.md\n",
    )
    (spec / "exchanges" / "example.yaml").write_text(
        text.replace("id: unknown_category", "id: example"), encoding="utf-8"
    )
    # a clean clone has no folder of source documents beside it: nothing to check against
    assert run_generator(root, "check").returncode == 0
    (tmp_path / "shared" / "sources").mkdir(parents=True)
    (tmp_path / "shared" / "sources" / "here.md").write_text("codes")
    result = run_generator(root, "check")
    assert result.returncode == 2
    assert (
        "spec/exchanges/example.yaml:6:11: error: no source document 'sources/missing.md'"
        in result.stderr
    )
    assert "here.md" not in result.stderr
