"""A seeded spec-mutation fuzzer for `python -m generator check`.

The real specs (trimmed copies of spec/exchanges/*.yaml, and spec/taxonomy.yaml) are mutated
at random, as text and as parsed YAML: keys deleted, lines duplicated, scalars retyped, huge
integers, .inf, deep nesting, tags, aliases, NUL bytes, lone surrogates, keyword and reserved
identifiers, long and backtracking regular expressions, truncation, other encodings. `check`
runs in this process on each mutant and must exit 0 or 2, let no exception escape, finish in
a bounded time, and report every problem as `file:line:col: error: ...`. A few of the
mutants it accepts are generated into a temporary folder, whose package must import and
classify.

SPEC_FUZZ_SEED, SPEC_FUZZ_COUNT and SPEC_FUZZ_SAMPLES change the seed, the number of
mutants and of generated samples (SPEC_FUZZ_MYPY=1 type-checks the samples too), so that a
longer run can look much further than CI does:

    SPEC_FUZZ_SEED=7 SPEC_FUZZ_COUNT=20000 python3 -m pytest -s tests/generator/test_spec_fuzz.py
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.cli import main
from tests.conftest import ROOT

SEED = int(os.environ.get("SPEC_FUZZ_SEED", "20261130"))
COUNT = int(os.environ.get("SPEC_FUZZ_COUNT", "300"))
SAMPLES = int(os.environ.get("SPEC_FUZZ_SAMPLES", "5"))
TYPE_CHECK = os.environ.get("SPEC_FUZZ_MYPY") == "1"
# Seconds one check may take; a trimmed spec takes a few hundredths.
TIME_BOUND = float(os.environ.get("SPEC_FUZZ_TIME_BOUND", "10"))

DIAGNOSTIC = re.compile(r"^[^:]+:\d+:\d+: error: ")
SUMMARY = re.compile(r"^\d+ problems? found; nothing was written\.$")

# Errors kept per scope and meanings per message table in the trimmed copies.
KEEP_ERRORS = 4
KEEP_TABLE_MEANINGS = 3

IDENTIFIERS = [
    "None",
    "True",
    "False",
    "import",
    "class",
    "def",
    "lambda",
    "match",
    "case",
    "_",
    "type",
    "list",
    "print",
    "id",
    "enum",
    "Index",
    "cast",
    "importlib",
    "classify",
    "classify_ws",
    "TABLES",
    "Tables",
    "Body",
    "Final",
    "TYPE_CHECKING",
    "ExchangeError",
    "RateLimitExceeded",
    "warnings",
    "annotations",
    "main",
    "network",
    "__init__",
    "1abc",
    "a-b",
    "É",
    "x" * 200,
    "snake_name",
    "PascalName",
]
PATTERNS = [
    "(a+)+$",
    r"^(\w+\s?)*$",
    "(a|aa)*b",
    "(.*a){20}",
    r"(a)\1",
    "[",
    "a" * 300,
    "(?:a?){40}a{40}",
    "a*b*c*d*e*",
    "^[EW][A-Za-z]+:",
    ".*",
    "^E",
    "(?i)^[ew]",
    "(" * 90 + ")" * 90,
    "x{99999}",
]
HOSTILE_VALUES = [
    "1" + "0" * 5000,
    "-" + "9" * 4301,
    "1" + "0" * 30,
    "9223372036854775808",
    "9223372036854775807",
    "0x" + "f" * 40,
    ".inf",
    "-.inf",
    ".nan",
    "1e400",
    "0.5",
    "-1",
    "0",
    "!!omap [a: 1, b: 2]",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!timestamp 2001-12-14",
    "!!str plain",
    "!!int '3'",
    "!custom value",
    "&anchor value",
    "*anchor",
    "[" * 300 + "]" * 300,
    "[" * 41 + "]" * 41,
    "{a: " * 60 + "1" + "}" * 60,
    '"\\ud800"',
    '"text \\udfff"',
    '"a\\0b"',
    '"\\x01\\x7f"',
    "''",
    '""',
    "~",
    "null",
    "true",
    "yes",
    "2020-01-01",
    "1:20",
    "0o17",
    "[]",
    "{}",
    "[a, b]",
    "{k: v}",
    "'''",
    "'%s %s'",
    '"{0}{1}"',
    "x" * 5000,
]
STATUS_VALUES = [
    '"5' + "x" * 4400 + '"',
    '"5' + "0" * 4400 + 'x"',
    '"5xx"',
    '"10xx"',
    '"x"',
    '"0xx"',
    "99999999999999999999",
    "-1",
    "[5xx, 5xx]",
    "[429, 429]",
    "[]",
]
NUMBER_VALUES = [".inf", ".nan", "-.inf", "1e400", "1" + "0" * 5000, "-5", "1" + "0" * 25, "0"]
BAD_CHARACTERS = [
    "\x00",
    "\x01",
    "\x7f",
    "\x85",
    "\t",
    "\ufeff",
    "\u2028",
    "\r",
    "\ud800",
    "é",
    "'",
    '"',
    "[",
    "{",
    ":",
    "#",
    "&",
    "*",
    "!",
    "%",
    "@",
    "`",
    "|",
    ">",
]
EMPTY_FILES = ["", "\n", "   \n\n", "# only a comment\n", "---\n", "...\n", "~\n", "42\n", "- a\n"]
IDENTIFIER_KEYS = ("id", "name", "class", "enum", "class_prefix", "default_api", "category")
NUMBER_KEYS = ("after", "priority", "code", "http_status")
SCALAR_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>\S.*)$")
# Operators whose accepted mutants are worth generating: they put unusual values in place.
INTERESTING = {"identifier", "exchange_id", "params", "value", "code_pattern", "number", "retype"}


@dataclass(frozen=True)
class Mutant:
    index: int
    operator: str
    target: str  # "taxonomy.yaml" or "exchanges/<file>" relative to spec/
    exchange: str  # the exchange file name, with the mutant's id where it changed
    data: bytes
    description: str

    def label(self) -> str:
        return f"mutant {self.index} ({self.operator} on {self.target}: {self.description})"


class MutationTimeoutError(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise MutationTimeoutError in this thread after `seconds` (regular expressions included:
    the matcher checks for signals)."""

    def expire(signum: int, frame: object) -> None:
        raise MutationTimeoutError(f"took more than {seconds} s")

    if not hasattr(signal, "setitimer"):  # Windows: no bound, the run is still checked
        yield
        return
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    return yaml


def _dump(tree: Any) -> str:
    out = io.StringIO()
    _yaml().dump(tree, out)
    return out.getvalue()


def trimmed(path: Path) -> str:
    """A real exchange spec with its first few errors per scope and meanings per table."""
    tree = _yaml().load(path.read_text(encoding="utf-8"))
    for scope in tree.get("scopes", ()):
        del scope.get("errors", [])[KEEP_ERRORS:]
        for meanings in scope.get("message_tables", {}).values():
            del meanings[KEEP_TABLE_MEANINGS:]
    return _dump(tree)


# -- text mutations -------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True) or [""]


def _scalar_lines(lines: list[str], keys: tuple[str, ...] = ()) -> list[int]:
    found = []
    for index, line in enumerate(lines):
        match = SCALAR_LINE.match(line.rstrip("\r\n"))
        if match and (not keys or match["key"] in keys):
            found.append(index)
    return found


def _replace_value(
    rng: random.Random, text: str, keys: tuple[str, ...], values: list[str]
) -> tuple[str, str]:
    lines = _lines(text)
    candidates = _scalar_lines(lines, keys) or _scalar_lines(lines)
    if not candidates:
        return text, "no scalar line"
    index = rng.choice(candidates)
    match = SCALAR_LINE.match(lines[index].rstrip("\r\n"))
    assert match
    value = rng.choice(values)
    lines[index] = f"{match['lead']}{match['key']}: {value}\n"
    shown = value if len(value) < 40 else f"{value[:30]}... ({len(value)} chars)"
    return "".join(lines), f"line {index + 1} {match['key']}: {shown}"


def op_truncate(rng: random.Random, text: str) -> tuple[str, str]:
    cut = rng.randrange(len(text) + 1)
    return text[:cut], f"cut at {cut} of {len(text)}"


def op_delete_line(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    del lines[index]
    return "".join(lines), f"line {index + 1}"


def op_duplicate_line(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return "".join(lines), f"line {index + 1}"


def op_swap_lines(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "".join(lines), f"lines {a + 1} and {b + 1}"


def op_insert_character(rng: random.Random, text: str) -> tuple[str, str]:
    at = rng.randrange(len(text) + 1)
    character = rng.choice(BAD_CHARACTERS)
    return text[:at] + character + text[at:], f"{character!r} at {at}"


def op_value(rng: random.Random, text: str) -> tuple[str, str]:
    return _replace_value(rng, text, (), HOSTILE_VALUES)


def op_identifier(rng: random.Random, text: str) -> tuple[str, str]:
    return _replace_value(rng, text, IDENTIFIER_KEYS, IDENTIFIERS)


def op_number(rng: random.Random, text: str) -> tuple[str, str]:
    return _replace_value(rng, text, NUMBER_KEYS, NUMBER_VALUES)


def op_status(rng: random.Random, text: str) -> tuple[str, str]:
    return _replace_value(rng, text, ("status",), STATUS_VALUES)


def op_params(rng: random.Random, text: str) -> tuple[str, str]:
    name = rng.choice(IDENTIFIERS)
    found = list(re.finditer(r"params: \[([^\],]+)", text))
    if not found:
        # A message with a placeholder: give it the parameter.
        found_text = list(re.finditer(r"(messages: \[|- )(\"[^\"\n]*%s[^\"\n]*\")", text))
        if not found_text:
            return op_identifier(rng, text)
        match = rng.choice(found_text)
        replacement = f"{match[1]}{{text: {match[2]}, params: [{name}]}}"
        return text[: match.start()] + replacement + text[match.end() :], f"params [{name}]"
    match = rng.choice(found)
    return text[: match.start(1)] + name + text[match.end(1) :], f"param {name!r}"


def op_code_pattern(rng: random.Random, text: str) -> tuple[str, str]:
    pattern = rng.choice(PATTERNS)
    quoted = json.dumps(pattern)
    if re.search(r"^\s*code_pattern:", text, re.M):
        text = re.sub(
            r"^(\s*)code_pattern:.*$",
            lambda match: f"{match[1]}code_pattern: {quoted}",
            text,
            count=1,
            flags=re.M,
        )
    else:
        match = re.search(r"^(\s*)envelope:\s*\n(\s+)", text, re.M)
        if not match:
            return text, "no envelope"
        text = text[: match.end()] + f"code_pattern: {quoted}\n{match[2]}" + text[match.end() :]
    return text, f"code_pattern {pattern[:40]!r}"


def op_nest(rng: random.Random, text: str) -> tuple[str, str]:
    depth = rng.choice([39, 41, 300, 2000])
    if rng.random() < 0.5:
        return _replace_value(rng, text, (), ["[" * depth + "]" * depth])
    lines = _lines(text)
    index = rng.randrange(len(lines) + 1)
    block = "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "v\n"
    lines.insert(index, block)
    return "".join(lines), f"{depth} block levels at line {index + 1}"


def op_tag(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    candidates = _scalar_lines(lines)
    if not candidates:
        return text, "no scalar line"
    index = rng.choice(candidates)
    match = SCALAR_LINE.match(lines[index].rstrip("\r\n"))
    assert match
    tag = rng.choice(["!!str", "!!int", "!!omap", "!!python/name:os.system", "!x", "!!float"])
    lines[index] = f"{match['lead']}{match['key']}: {tag} {match['value']}\n"
    return "".join(lines), f"line {index + 1} tagged {tag}"


def op_alias(rng: random.Random, text: str) -> tuple[str, str]:
    lines = _lines(text)
    candidates = _scalar_lines(lines)
    if len(candidates) < 2:
        return text, "no scalar lines"
    first, second = sorted(rng.sample(candidates, 2))
    one = SCALAR_LINE.match(lines[first].rstrip("\r\n"))
    two = SCALAR_LINE.match(lines[second].rstrip("\r\n"))
    assert one and two
    lines[first] = f"{one['lead']}{one['key']}: &a {one['value']}\n"
    if rng.random() < 0.5:
        lines[second] = f"{two['lead']}{two['key']}: *a\n"
        return "".join(lines), f"alias of line {first + 1} at {second + 1}"
    lines.insert(second, f"{' ' * len(two['lead'])}<<: {{merged: 1}}\n")
    return "".join(lines), f"merge key at line {second + 1}"


def op_empty(rng: random.Random, text: str) -> tuple[str, str]:
    return rng.choice(EMPTY_FILES), "replaced by an empty file"


# -- parsed-YAML mutations ------------------------------------------------------------------


def _slots(node: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of the tree."""
    if isinstance(node, CommentedMap):
        for key in list(node):
            found.append((node, key))
            _slots(node[key], found)
    elif isinstance(node, CommentedSeq):
        for index in range(len(node)):
            found.append((node, index))
            _slots(node[index], found)
    return found


RETYPED: list[Any] = [None, True, False, 0, -1, 1.5, "text", "", [], {}, ["x"], {"k": "v"}]


def _tree_mutation(
    change: Callable[[random.Random, list[tuple[Any, Any]]], str],
) -> Callable[[random.Random, str], tuple[str, str]]:
    def mutate(rng: random.Random, text: str) -> tuple[str, str]:
        tree = _yaml().load(text)
        slots = _slots(tree, [])
        if not slots:
            return text, "nothing to change"
        what = change(rng, slots)
        return _dump(tree), what

    return mutate


def _delete_key(rng: random.Random, slots: list[tuple[Any, Any]]) -> str:
    container, key = rng.choice(slots)
    del container[key]
    return f"deleted {key!r}"


def _retype(rng: random.Random, slots: list[tuple[Any, Any]]) -> str:
    container, key = rng.choice(slots)
    value = copy.deepcopy(rng.choice(RETYPED))
    container[key] = value
    return f"{key!r} set to {value!r}"


def _duplicate_item(rng: random.Random, slots: list[tuple[Any, Any]]) -> str:
    lists = [(c, k) for c, k in slots if isinstance(c, CommentedSeq)]
    if not lists:
        return "no list"
    container, index = rng.choice(lists)
    container.insert(index, copy.deepcopy(container[index]))
    return f"item {index} duplicated"


def _rename_key(rng: random.Random, slots: list[tuple[Any, Any]]) -> str:
    maps = [(c, k) for c, k in slots if isinstance(c, CommentedMap)]
    if not maps:
        return "no mapping"
    container, key = rng.choice(maps)
    new = rng.choice([f"{key}s", str(key)[:-1], str(key).upper(), "extra", 1, None])
    if new in container:
        return "rename collides"
    container.insert(list(container).index(key), new, container.pop(key))
    return f"{key!r} renamed {new!r}"


TEXT_OPERATORS: dict[str, Callable[[random.Random, str], tuple[str, str]]] = {
    "truncate": op_truncate,
    "delete_line": op_delete_line,
    "duplicate_line": op_duplicate_line,
    "swap_lines": op_swap_lines,
    "insert_character": op_insert_character,
    "value": op_value,
    "identifier": op_identifier,
    "number": op_number,
    "status": op_status,
    "params": op_params,
    "code_pattern": op_code_pattern,
    "nest": op_nest,
    "tag": op_tag,
    "alias": op_alias,
    "empty": op_empty,
    "delete_key": _tree_mutation(_delete_key),
    "retype": _tree_mutation(_retype),
    "duplicate_item": _tree_mutation(_duplicate_item),
    "rename_key": _tree_mutation(_rename_key),
}
ENCODINGS = ["latin-1", "utf-16", "utf-8-sig", "cp1252", "raw-ff"]


def mutants(bases: dict[str, str], seed: int, count: int) -> Iterator[Mutant]:
    rng = random.Random(seed)
    exchanges = sorted(name for name in bases if name.startswith("exchanges/"))
    operators = sorted([*TEXT_OPERATORS, "encoding", "exchange_id"])
    for index in range(count):
        operator = rng.choice(operators)
        target = "taxonomy.yaml" if rng.random() < 0.2 else rng.choice(exchanges)
        exchange = rng.choice(exchanges) if target == "taxonomy.yaml" else target
        exchange_file = exchange.removeprefix("exchanges/")
        text = bases[target]
        if operator == "encoding":
            encoding = rng.choice(ENCODINGS)
            at = rng.randrange(len(text) + 1)
            text = text[:at] + "é" + text[at:]
            if encoding == "raw-ff":
                data = text[:at].encode() + b"\xff" + text[at:].encode()
            else:
                data = text.encode(encoding, errors="replace")
            description = f"{encoding} with a non-ASCII letter at {at}"
        elif operator == "exchange_id" and target != "taxonomy.yaml":
            new_id = rng.choice(IDENTIFIERS)
            text = re.sub(r"^id: .*$", f"id: {new_id}", text, count=1, flags=re.M)
            if re.fullmatch(r"\w+", new_id):
                exchange_file = f"{new_id}.yaml"
            data = text.encode("utf-8")
            description = f"id {new_id!r}"
        else:
            mutate = TEXT_OPERATORS.get(operator, op_identifier)
            try:
                text, description = mutate(rng, text)
            except Exception as exc:  # the harness could not apply it: a text change instead
                text, description = op_value(rng, text)
                description += f" (tree mutation failed: {type(exc).__name__})"
            data = text.encode("utf-8", errors="surrogatepass")
        yield Mutant(index, operator, target, exchange_file, data, description)


# -- running ---------------------------------------------------------------------------------


def lay_out(folder: Path, bases: dict[str, str], mutant: Mutant) -> Path:
    """A project of the package spec, the taxonomy and one exchange, the mutant among them."""
    shutil.rmtree(folder, ignore_errors=True)
    spec = folder / "spec"
    (spec / "exchanges").mkdir(parents=True)
    shutil.copy(ROOT / "spec" / "package.yaml", spec)
    on_taxonomy = mutant.target == "taxonomy.yaml"
    taxonomy = mutant.data if on_taxonomy else bases["taxonomy.yaml"].encode()
    exchange = bases[f"exchanges/{mutant.exchange}"].encode() if on_taxonomy else mutant.data
    (spec / "taxonomy.yaml").write_bytes(taxonomy)
    (spec / "exchanges" / mutant.exchange).write_bytes(exchange)
    return folder


def run_cli(*args: str, seconds: float = TIME_BOUND) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with time_limit(seconds), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue(), time.perf_counter() - start


def problems_with_output(status: int, stdout: str, stderr: str) -> list[str]:
    if status == 0:
        return [] if "ok" in stdout else [f"exit 0 without an ok line: {stdout!r}"]
    if status != 2:
        return [f"exit status {status}"]
    lines = stderr.splitlines()
    found = []
    if stdout:
        found.append(f"stdout on failure: {stdout[:200]!r}")
    if not lines or not SUMMARY.match(lines[-1]):
        found.append(f"no summary line: {stderr[-300:]!r}")
    found += [
        f"not file:line:col: {line[:300]!r}" for line in lines[:-1] if not DIAGNOSTIC.match(line)
    ]
    return found


PROBE = """
import sys
import exchange_errors
from exchange_errors import ExchangeError, exchange_module

exchange = sys.argv[1]
exchange_module(exchange)
bodies = [
    b'{"code": -1121, "msg": "Invalid symbol."}',
    b'{"code": "400100", "msg": "Parameter error"}',
    b'{"error": ["EGeneral:Invalid arguments"]}',
    b'{"retCode": 10001}',
    b"<html>blocked</html>",
    b"",
    None,
    {"code": 1, "msg": None},
]
for status in (None, 200, 400, 429, 503):
    for body in bodies:
        error = exchange_errors.classify(exchange, status=status, body=body)
        assert error is None or isinstance(error, ExchangeError), (status, body, error)
print("classified")
"""


def generate_and_probe(folder: Path, mutant: Mutant) -> list[str]:
    out = folder / "generated"
    try:
        status, _, stderr, _ = run_cli(
            "--root", str(folder), "generate", "--out", str(out), seconds=120
        )
    except (Exception, SystemExit):
        return [f"check accepted it but generate raised:\n{traceback.format_exc(limit=-8)}"]
    if status != 0:
        return [f"check accepted it but generate failed: {stderr[-500:]}"]
    exchange = Path(mutant.exchange).stem
    result = subprocess.run(
        [sys.executable, "-c", PROBE, exchange],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if result.returncode != 0 or "classified" not in result.stdout:
        return [f"the generated package does not import and classify: {result.stderr[-1500:]}"]
    if TYPE_CHECK:
        typed = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "exchange_errors"],
            cwd=out,
            capture_output=True,
            text=True,
            check=False,
        )
        if typed.returncode != 0:
            return [f"the generated package does not type-check: {typed.stdout[-1500:]}"]
    return []


@pytest.fixture(scope="module")
def bases() -> dict[str, str]:
    found = {"taxonomy.yaml": (ROOT / "spec" / "taxonomy.yaml").read_text(encoding="utf-8")}
    for path in sorted((ROOT / "spec" / "exchanges").glob("*.yaml")):
        found[f"exchanges/{path.name}"] = trimmed(path)
    return found


def test_trimmed_specs_pass_check(bases: dict[str, str], tmp_path: Path) -> None:
    """The mutants start from specs that pass, so that what breaks is the mutation."""
    for name in bases:
        if name.startswith("exchanges/"):
            base = Mutant(
                0, "none", name, name.removeprefix("exchanges/"), bases[name].encode(), ""
            )
            folder = lay_out(tmp_path / "base", bases, base)
            status, _, stderr, _ = run_cli("--root", str(folder), "check")
            assert status == 0, stderr


def test_mutated_specs_are_checked_or_rejected_with_positions(
    bases: dict[str, str], tmp_path: Path
) -> None:
    failures: list[str] = []
    outcomes: Counter[str] = Counter()
    accepted: list[Mutant] = []
    slowest = (0.0, "")
    started = time.perf_counter()
    for mutant in mutants(bases, SEED, COUNT):
        folder = lay_out(tmp_path / "mutant", bases, mutant)
        try:
            status, stdout, stderr, took = run_cli("--root", str(folder), "check")
        except MutationTimeoutError as exc:
            outcomes["hang"] += 1
            failures.append(f"{mutant.label()}: {exc}")
            keep(mutant)
            continue
        except (Exception, SystemExit):  # an escaping exception is the finding
            outcomes["traceback"] += 1
            failures.append(f"{mutant.label()}:\n{traceback.format_exc(limit=-8)}")
            keep(mutant)
            continue
        slowest = max(slowest, (took, mutant.label()))
        problems = problems_with_output(status, stdout, stderr)
        if problems:
            failures.append(f"{mutant.label()}: " + "; ".join(problems))
            keep(mutant)
        outcomes["accepted" if status == 0 else "rejected"] += 1
        if status == 0:
            accepted.append(mutant)
    checked = time.perf_counter() - started
    rng = random.Random(SEED)
    chosen: dict[str, Mutant] = {}
    for mutant in sorted(accepted, key=lambda m: (m.operator not in INTERESTING, rng.random())):
        if len(chosen) < SAMPLES and mutant.operator not in chosen:
            chosen[mutant.operator] = mutant
    print(
        f"\nspec fuzz: seed {SEED}, {COUNT} mutants in {checked:.1f} s:"
        f" {outcomes['accepted']} accepted, {outcomes['rejected']} rejected,"
        f" {outcomes['traceback']} tracebacks, {outcomes['hang']} hangs;"
        f" slowest check {slowest[0]:.2f} s ({slowest[1]})"
    )
    for mutant in chosen.values():
        folder = lay_out(tmp_path / "sample", bases, mutant)
        failures += [f"{mutant.label()}: {p}" for p in generate_and_probe(folder, mutant)]
    print(
        f"spec fuzz: {len(chosen)} accepted mutants generated, imported and classified"
        f" ({', '.join(chosen)}); {time.perf_counter() - started:.1f} s in all"
    )
    assert not failures, f"{len(failures)} of {COUNT} mutants (seed {SEED}):\n" + "\n".join(
        failures[:10]
    )


def keep(mutant: Mutant) -> None:
    """With SPEC_FUZZ_KEEP=<folder>, write a failing mutant there to reproduce it."""
    folder = os.environ.get("SPEC_FUZZ_KEEP")
    if folder:
        path = Path(folder) / f"{SEED}-{mutant.index}-{mutant.operator}" / mutant.target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(mutant.data)
