"""The pieces that keep `check` total: reading any bytes ends in a Document or positioned
diagnostics, reserved names come from the templates, and a code_pattern that passes can be
run on any code quickly."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from generator.checks.envelope import MAX_CHECKED_CODE, pattern_problem
from generator.diagnostics import Diagnostics
from generator.load import load_document
from generator.naming import identifier_problem, name_problem, package_names
from tests.conftest import ROOT


def _load(tmp_path: Path, data: bytes) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    diagnostics = Diagnostics()
    load_document(path, "x.yaml", diagnostics)
    return [str(d) for d in diagnostics.sorted()]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"a: 1\nb: x\x00y\n", "x.yaml:2:5:"),
        (b"a: 1\r\nb: \x01\r\n", "x.yaml:2:4:"),
        ("a: 1\u2028b: \x7f\n".encode(), "x.yaml:2:4:"),
        (b"a: 1\nbb: caf\xe9\n", "x.yaml:2:8:"),
        (b"\xff\xfea\x00", "x.yaml:1:1:"),
        (b"", "x.yaml:1:1:"),
        (b"# nothing\n", "x.yaml:1:1:"),
        (b"a: 2001-13-45\n", "x.yaml:1:4:"),
        (b"a: " + b"9" * 5000 + b"\n", "x.yaml:1:4:"),
        (b"a: " + b"[" * 500 + b"]" * 500 + b"\n", "x.yaml:1:"),
        (b"a: !!python/name:os.system x\n", "x.yaml:1:4:"),
        (b'a: "\\udc00"\n', "x.yaml:1:4:"),
        (b"a: &x 1\nb: *x\n", "x.yaml:2:4:"),
        (b"a:\n  <<: {b: 1}\n", "x.yaml:2:3:"),
    ],
)
def test_unreadable_yaml_is_reported_at_its_position(
    tmp_path: Path, data: bytes, where: str
) -> None:
    found = _load(tmp_path, data)
    assert len(found) == 1, found
    assert found[0].startswith(where), found


def test_plain_yaml_loads(tmp_path: Path) -> None:
    assert _load(tmp_path, b'\xef\xbb\xbfa: "x\\0y"\nb: [1, -9223372036854775808]\n') == []


def test_reserved_names_are_read_from_the_templates() -> None:
    names = package_names()
    expected = {"Index", "cast", "importlib", "enum", "TABLES", "Tables", "classify_ws"}
    expected |= {"exchange_module", "EXCHANGES", "CATEGORY_CLASSES", "_taxonomy", "_engine"}
    assert expected <= names
    # Names that come from the specs are not fixed names of the package.
    assert not {"ExchangeError", "RateLimitExceeded", "BinanceError", "binance"} & names


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("import", "keyword"),
        ("None", "keyword"),
        ("match", "keyword"),
        ("IndexError", "builtin"),
        ("print", "builtin"),
        ("Index", "package uses"),
        ("importlib", "package uses"),
        ("classify_ws", "package uses"),
        ("1a", "not a valid"),
    ],
)
def test_identifier_problems(name: str, problem: str) -> None:
    found = identifier_problem(name)
    assert found is not None and problem in found


def test_names_used_as_strings_only_may_repeat_package_names() -> None:
    assert name_problem("main") is None and name_problem("group") is None
    assert name_problem("type") is not None and name_problem("class") is not None


ATOMS = ["a", "b", ".", "[ab]", "(?:ab)", "(a|ab)", "\\w", "(?:a*)", "(a)\\1", "^", "$"]
QUANTIFIERS = ["", "", "*", "+", "?", "{2,}", "{0,50}", "*?", "++"]
TEXTS = [
    "a" * MAX_CHECKED_CODE,
    "a" * (MAX_CHECKED_CODE - 1) + "!",
    "ab" * (MAX_CHECKED_CODE // 2),
]


def test_code_patterns_that_pass_match_any_code_quickly() -> None:
    rng = random.Random(20261130)
    accepted = 0
    for _ in range(400):
        pattern = "".join(
            rng.choice(ATOMS) + rng.choice(QUANTIFIERS) for _ in range(rng.randrange(1, 7))
        )
        if pattern_problem(pattern) is not None:
            continue
        accepted += 1
        compiled = re.compile(pattern)
        for text in TEXTS:
            start = time.perf_counter()
            compiled.search(text)
            assert time.perf_counter() - start < 0.25, pattern
    assert accepted > 50


@pytest.mark.parametrize(
    "pattern", ["(a+)+$", "(a|aa)*b", "(.*a){20}", "(a)\\1", "a*b*c*d*", "x" * 201, "[E"]
)
def test_dangerous_code_patterns_are_refused(pattern: str) -> None:
    assert pattern_problem(pattern) is not None


def test_the_committed_code_patterns_pass() -> None:
    for path in (ROOT / "spec" / "exchanges").glob("*.yaml"):
        for found in re.finditer(r'code_pattern: "([^"]*)"', path.read_text(encoding="utf-8")):
            assert pattern_problem(found[1]) is None, (path.name, found[1])
