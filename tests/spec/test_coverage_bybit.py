"""Every row of Bybit's v5 Error Codes page is in spec/exchanges/bybit.yaml.

The rows are read from the mirrored page (shared/sources/bybit-v5-errors.md) by its own
markdown tables, independently of the spec and of the generator; the spec is read as plain
YAML."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "sources" / "bybit-v5-errors.md"
SPEC = ROOT / "spec" / "exchanges" / "bybit.yaml"

pytestmark = pytest.mark.skipif(
    not SOURCE.is_file(), reason="the source document is not beside the repository"
)

# The page's "## " sections, and the scope each is kept in (spec notes). A "### " table
# belongs to the section above it.
SCOPE_OF = {
    "HTTP Code": "http",
    "WS OE General code": "websocket",
    "UTA": "trade",
    "Spot Trade": "spot",
    "Spot Margin Trade": "spot_margin",
    "Asset": "asset",
    "Crypto Loan (New)": "loan",
    "Crypto Loan (legacy)": "loan",
    "Institutional Loan": "loan",
    "Exchange Broker": "broker",
    "Earn": "earn",
    "User": "user",
    "Set API rate limit": "user",
    "RFQ": "rfq",
    "Manual Loan": "loan",
    "Strategy": "strategy",
    "Prediction": "prediction",
}

ROW = re.compile(r"^\|\s*(~~)?(?:\[)?(-?\d+)(?:\]\([^)]*\))?(?:~~)?\s*\|(.*)$")


def unmark(cell: str) -> str:
    """The text without markdown and HTML: links, strike-through, bold, code spans."""
    text = re.sub(r"<a [^>]*>(.*?)</a>", r"\1", cell)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.strip().rstrip("|").strip()
    if text.startswith("~~") and text.endswith("~~"):
        text = text[2:-2]
    return text.replace("**", "").replace("`", "").strip()


def document_rows() -> list[tuple[str, str, int, str, bool]]:
    """(section, sub-table, code, text, struck through) for every table row of the page."""
    rows = []
    section = table = ""
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = table = line[3:].strip()
            continue
        if line.startswith("### "):
            table = line[4:].strip()
            continue
        found = ROW.match(line)
        if found and section:
            struck, code, rest = found.group(1), int(found.group(2)), found.group(3)
            text = unmark(rest.split("|")[0] if rest.count("|") > 1 else rest)
            rows.append((section, table, code, text, bool(struck)))
    return rows


def messages(scope: str, text: str) -> list[str]:
    """The wire messages a row documents: the WebSocket table numbers its causes, the Strategy
    table joins alternatives with " / "."""
    if scope == "websocket" and text.startswith("1. "):
        return [re.sub(r"^\d+\. ", "", part.strip()) for part in text.split(";")]
    if scope == "strategy":
        return [part.strip() for part in text.split(" / ")]
    return [text]


def norm(text: str) -> str:
    """As the spec's matching compares: case and whitespace folded, a final stop dropped."""
    return re.sub(r"\s+", " ", text).strip().rstrip(".").strip().casefold()


@pytest.fixture(scope="module")
def spec() -> dict:
    return YAML(typ="safe", pure=True).load(SPEC.read_text(encoding="utf-8"))


def _texts(entry: dict) -> set[str]:
    found = set()
    for outcome in [entry, *entry.get("meanings", [])]:
        for message in outcome.get("messages", []):
            found.add(norm(message if isinstance(message, str) else message["text"]))
    return found


def _errors(spec: dict) -> dict[str, dict[int, dict]]:
    return {s["id"]: {e["code"]: e for e in s.get("errors", ())} for s in spec["scopes"]}


def test_row_counts() -> None:
    rows = document_rows()
    assert len(rows) == 726
    per_scope = Counter(SCOPE_OF[section] for section, _, _, _, _ in rows)
    assert per_scope == {
        "http": 5,
        "websocket": 7,
        "trade": 198,
        "spot": 95,
        "spot_margin": 51,
        "asset": 133,
        "loan": 105,
        "broker": 17,
        "earn": 31,
        "user": 5,
        "rfq": 24,
        "strategy": 48,
        "prediction": 7,
    }


def test_every_row_is_in_its_scope(spec: dict) -> None:
    errors = _errors(spec)
    missing = []
    for section, table, code, text, _ in document_rows():
        scope = SCOPE_OF[section]
        if scope == "http" or code == 0:
            continue
        entry = errors[scope].get(code)
        if entry is None:
            missing.append((scope, table, code, "code"))
            continue
        for message in messages(scope, text):
            if norm(message) not in _texts(entry):
                missing.append((scope, table, code, message))
    assert missing == []


def test_codes_per_scope_match_the_document(spec: dict) -> None:
    """No code is invented: each scope lists exactly the codes of its tables."""
    documented: dict[str, set[int]] = {}
    for section, _, code, _, _ in document_rows():
        scope = SCOPE_OF[section]
        if scope != "http" and code != 0:
            documented.setdefault(scope, set()).add(code)
    # Codes seen in the wild (observed_in, each with its evidence) are not the document's.
    listed = {
        scope: documented_codes
        for scope, codes in _errors(spec).items()
        if (documented_codes := {c for c, e in codes.items() if "observed_in" not in e})
    }
    assert listed == documented
    assert sum(len(codes) for codes in listed.values()) == 713


def test_struck_through_rows_are_deprecated(spec: dict) -> None:
    errors = _errors(spec)
    struck = {(SCOPE_OF[s], code) for s, _, code, _, dead in document_rows() if dead}
    assert struck == {
        ("trade", 10018),
        ("trade", 110016),
        ("trade", 110030),
        ("trade", 110075),
        ("asset", 140002),
        ("broker", 3500405),
    }
    deprecated = {
        (scope, c) for scope, es in errors.items() for c, e in es.items() if e.get("deprecated")
    }
    assert deprecated == struck


def test_success_code_and_http_statuses(spec: dict) -> None:
    rows = document_rows()
    assert ("UTA", "UTA", 0, "OK", False) in rows
    assert spec["envelope"]["success_codes"] == [0]
    statuses = {rule["status"]: rule for rule in spec["http_statuses"]}
    for section, _, code, text, _ in rows:
        if SCOPE_OF[section] == "http":
            assert text in statuses[code]["messages"], (code, text)
    assert statuses["5xx"]["outcome_unknown"] is True
    assert statuses["5xx"]["retry"] == "confirm_first"


def test_timeouts_leave_the_outcome_unknown(spec: dict) -> None:
    errors = _errors(spec)
    for scope, code in [
        ("trade", 10000),
        ("spot", 170007),
        ("spot", 170146),
        ("spot", 170147),
        ("spot", 170310),
    ]:
        entry = errors[scope][code]
        assert entry["category"] == "request_timeout"
        assert entry["outcome_unknown"] is True
        assert entry["retry"] == "confirm_first"
