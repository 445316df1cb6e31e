"""mypy --strict on the generated package and on client code that uses it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

TYPING = Path(__file__).resolve().parent.parent / "typing"


def _mypy(*targets: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--show-error-codes",
            "--hide-error-context",
            "--no-color-output",
            "--no-error-summary",
            *targets,
        ],
        cwd=ROOT,
        env={"MYPYPATH": str(ROOT / "generated"), "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )


def test_generated_package_is_strictly_typed() -> None:
    result = _mypy("generated/exchange_errors")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def client_code() -> subprocess.CompletedProcess[str]:
    """One run over both client files: each checks the whole package it imports again."""
    return _mypy("tests/typing/usage.py", "tests/typing/misuse.py")


def test_client_usage_is_typed_as_documented(
    client_code: subprocess.CompletedProcess[str],
) -> None:
    assert client_code.stderr == ""
    assert "usage.py" not in client_code.stdout, client_code.stdout


def test_misuse_is_reported(client_code: subprocess.CompletedProcess[str]) -> None:
    expected = (TYPING / "misuse.out").read_text(encoding="utf-8")
    actual = client_code.stdout.replace("tests/typing/", "")
    assert actual == expected
