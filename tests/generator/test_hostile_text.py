"""Spec text is data, never code: messages, codes and descriptions with quotes, backslashes,
Jinja braces, triple quotes, newlines, NUL and bidirectional marks generate a package that
compiles, type-checks and gives every string back exactly."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.diagnostics import SpecError
from generator.ir import Matching
from generator.patterns import normalize
from generator.pipeline import build_files
from generator.project import load_project
from generator.write import replace_tree
from tests.conftest import ROOT

NASTY = [
    '"',
    "'",
    "\\",
    '"""',
    "'''",
    "{{ x }}",
    "{% if %}",
    "\n",
    "\r\n",
    "\x00",
    "\u202e",
    "\u2028",
    "\ufeff",
    "${x}",
    "%s",
    "{0}",
    "#",
    ": ",
    "- ",
    "\t",
    "。",
]
MATCHING = Matching(False, ".", (), None, None)

nasty_text = st.lists(
    st.sampled_from(NASTY) | st.text(st.characters(exclude_categories=["Cs"]), max_size=6),
    min_size=1,
    max_size=6,
).map("".join)
usable = nasty_text.filter(lambda t: bool(normalize(t, MATCHING)) and bool(t.strip()))

READ_BACK = """
import json, sys
from exchange_errors import hostile
out = {}
for member in hostile.HostileCode:
    cls = member.error_class
    out[cls.__name__] = [member.value, cls.description, list(cls.documented_messages)]
    error = hostile.classify(body={"error": [member.value]})
    assert type(error) is cls, (member, error)
print(json.dumps(out))
"""


def _spec(entries: list[tuple[str, str, str]], title: str) -> dict[str, Any]:
    return {
        "id": "hostile",
        "name": "Hostile",
        "documents": [{"id": "docs", "title": title}],
        "notes": [title],
        "envelope": {"error_list_field": "error", "code_type": "string"},
        "matching": {"trailing_punctuation": "."},
        "scopes": [
            {
                "id": "main",
                "title": title,
                "document": "docs",
                "section": title,
                "errors": [
                    {
                        "code": code,
                        "name": f"error_{index}",
                        "category": "bad_request",
                        "messages": [message],
                        "description": description,
                        "advice": description,
                    }
                    for index, (code, message, description) in enumerate(entries)
                ],
            }
        ],
    }


def _project(tmp: Path, spec: dict[str, Any]) -> Path:
    (tmp / "spec" / "exchanges").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "spec" / "taxonomy.yaml", tmp / "spec")
    shutil.copy(ROOT / "spec" / "package.yaml", tmp / "spec")
    with (tmp / "spec" / "exchanges" / "hostile.yaml").open("w", encoding="utf-8") as handle:
        YAML().dump(spec, handle)
    return tmp


def _unique(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    seen: set[str] = set()
    kept = []
    for code, message, description in entries:
        key = normalize(code, MATCHING)
        if key not in seen:
            seen.add(key)
            kept.append((code, message, description))
    return kept


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(usable, usable, usable), min_size=1, max_size=5), usable)
def test_hostile_text_round_trips(entries: list[tuple[str, str, str]], title: str) -> None:
    import tempfile

    entries = _unique(entries)
    with tempfile.TemporaryDirectory() as folder:
        root = _project(Path(folder), _spec(entries, title))
        try:
            files = build_files(root)
        except SpecError as error:  # a legitimate spec error is reported, never mis-generated
            assert all(d.position.line for d in error.diagnostics), error
            return
        for path, text in files.items():
            if path.endswith(".py"):
                compile(text, path, "exec")
        replace_tree(root / "generated", files)
        # The strings as the spec loader reads them back from YAML (which folds a few line
        # separators such as NEL); those are what the package must reproduce exactly.
        loaded = load_project(root).exchanges[0].scopes[0].errors
        result = subprocess.run(
            [sys.executable, "-c", READ_BACK],
            cwd=root / "generated",
            capture_output=True,
            text=True,
            check=True,
        )
    found = json.loads(result.stdout)
    expected = {
        error.primary.class_name: [
            error.code,
            error.primary.description,
            [m.text for m in error.primary.messages],
        ]
        for error in loaded
    }
    assert found == expected
    assert len(found) == len(entries)


def test_the_nastiest_spec_type_checks(tmp_path: Path) -> None:
    entries = [(f"E{i}:{s}", f"msg {s} end", f"desc {s}") for i, s in enumerate(NASTY)]
    root = _project(tmp_path, _spec(entries, "".join(NASTY)))
    replace_tree(root / "generated", build_files(root))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "exchange_errors"],
        cwd=root / "generated",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
