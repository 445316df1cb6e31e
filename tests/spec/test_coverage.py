"""Every documented row of the source documents is in the specs.

The rows are read from the documents here, independently of the specs, by the documents' own
layout; then each one is looked up in the loaded specs."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator.ir import Exchange, Project

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

pytestmark = pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the source documents are not beside the repository"
)


def _exchange(project: Project, exchange_id: str) -> Exchange:
    return next(e for e in project.exchanges if e.id == exchange_id)


def _texts(exchange: Exchange, scope_id: str, code: object) -> set[str]:
    scope = next(s for s in exchange.scopes if s.id == scope_id)
    error = next((e for e in scope.errors if e.code == code), None)
    assert error is not None, f"{exchange.id} {scope_id} {code!r} is missing"
    return {m.text for o in error.outcomes for m in o.messages}


# -- Kraken: headings that are error strings --------------------------------------------------

KRAKEN_HEADING = re.compile(r"^E[A-Za-z]+:\S.*$")


def kraken_rows() -> list[str]:
    rows = []
    text = (SEEDS / "000_0d5760228e6ca753.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not KRAKEN_HEADING.match(line) or line.startswith("{"):
            continue
        for part in line.split(" or "):  # "EService:Unavailable or EService:Busy"
            rows.append(re.sub(r" \([^)]*\)$", "", part))  # "(insufficient user funds)"
    return rows


def test_kraken_every_documented_string(project: Project) -> None:
    kraken = _exchange(project, "kraken")
    codes = {e.code for s in kraken.scopes for e in s.errors}
    rows = set(kraken_rows())
    assert len(rows) == 34
    assert rows - codes == set()
    ranges = {r for rule in kraken.http_statuses for r in rule.ranges}
    assert {(500, 599), (1000, 1099)} <= ranges  # "HTTP status codes 5xx and 10xx"


# -- KuCoin: tab-separated tables under section headings --------------------------------------

KUCOIN_SECTIONS = {
    "HTTP Errors Code": "http",
    "Spot Errors Code": "spot",
    "Margin Errors Code": "margin",
    "This table is the error codes unique to margin high frequency": "margin_hf",
    "Futures Errors Code": "futures",
    "Earn Errors Code": "earn",
}


def kucoin_rows() -> list[tuple[str, str, str]]:
    rows, section = [], ""
    text = (SEEDS / "001_14df08e5e17d3d94.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        section = KUCOIN_SECTIONS.get(line.strip(), section)
        found = re.match(r"^(\d{3,6})\t(.+)$", line)
        if found and section:
            rows.append((section, found.group(1), found.group(2).strip()))
    return rows


def test_kucoin_every_documented_row(project: Project) -> None:
    kucoin = _exchange(project, "kucoin")
    rows = kucoin_rows()
    per_section = Counter(section for section, _, _ in rows)
    assert per_section == {
        "http": 8,
        "spot": 27,
        "margin": 46,
        "margin_hf": 39,
        "futures": 45,
        "earn": 20,
    }
    # Two margin rows are listed twice in the document; the spec notes them and lists them once.
    assert len(rows) - len(set(rows)) == 2
    statuses = {s: rule for rule in kucoin.http_statuses for s in rule.statuses}
    for section, code, meaning in rows:
        if section == "http":
            assert meaning in {m.text for m in statuses[int(code)].outcome.messages}
        else:
            assert meaning in _texts(kucoin, section, code), (section, code, meaning)


# -- Binance: "-NNNN NAME" followed by bulleted messages --------------------------------------


def binance_rows() -> list[tuple[int, str, str]]:
    rows, current = [], None
    text = (SEEDS / "002_c97e5a0910859c31.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        heading = re.match(r"^(-\d+) ([A-Z_]+)$", line.strip())
        if heading:
            current = (int(heading.group(1)), heading.group(2))
            continue
        bullet = re.match(r"^\s*•\s*(.+)$", line)
        if bullet and current:
            rows.append((*current, bullet.group(1).strip()))
    return rows


def test_binance_every_documented_message(project: Project) -> None:
    binance = _exchange(project, "binance")
    rows = binance_rows()
    assert len({(code, name) for code, name, _ in rows}) == 47
    assert len(rows) == 63
    scope = binance.scopes[0]
    for code, name, message in rows:
        error = next(e for e in scope.errors if e.code == code)
        assert error.primary.name == name
        assert message in _texts(binance, scope.id, code)


# -- the exchanges' current official lists -----------------------------------------------------

SOURCES = SEEDS.parent / "sources"


def test_kraken_spot_guide_every_string(project: Project) -> None:
    text = (SOURCES / "kraken-spot-errors.md").read_text(encoding="utf-8")
    rows = [
        line.split("|")[0].strip() for line in text.splitlines() if re.match(r"^E[A-Za-z]+:", line)
    ]
    rows = [row.replace("[:<code>]", "") for row in rows]  # an optional detail, matched anyway
    kraken = _exchange(project, "kraken")
    codes = {e.code for e in kraken.scopes[0].errors}
    assert len(rows) == 40
    assert set(rows) - codes == set()


def test_kraken_futures_every_error_value(project: Project) -> None:
    text = (SOURCES / "kraken-futures-errors.md").read_text(encoding="utf-8")
    values = re.findall(r"^\* `([^`]+)`: ", text, flags=re.M)
    kraken = _exchange(project, "kraken")
    futures = next(s for s in kraken.scopes if s.id == "futures")
    assert len(values) == 17
    assert set(values) <= {e.code for e in futures.errors}


def test_binance_spot_every_code_message_and_table_row(project: Project) -> None:
    text = (SOURCES / "binance-spot-errors.md").read_text(encoding="utf-8")
    codes = [int(c) for c in re.findall(r"^### (-\d+) ", text, flags=re.M)]
    binance = _exchange(project, "binance")
    spot = next(s for s in binance.scopes if s.id == "spot")
    listed = {e.code for e in spot.errors}
    assert len(codes) == 104
    assert set(codes) <= listed
    assert {-1010, -2038} <= listed  # named only in the heading of the message table
    # A row is a quoted message, one of them with no closing quote, or a bare one between bars.
    table = re.findall(r'^"([^"|]+?)\s*["|]', text, flags=re.M)
    table += re.findall(r"^\| ([^|]+?) \|", text, flags=re.M)
    shared = {m.text for o in spot.tables for m in o.messages}
    wire = {t.replace("`", "").rstrip() for t in table if t.strip() not in ("Error message",)}
    assert len(wire) >= 55
    assert wire - shared == set()


# -- Binance futures and margin: "### -NNNN NAME" headings with bulleted messages, twice ------

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def binance_page(name: str) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The English and the Chinese page of a mirror: each code's bullets, markup removed."""
    text = (SOURCES / name).read_text(encoding="utf-8").replace("\u200b", "")
    english, chinese = text.split("\n# 错误代码", 1)
    return _bullets(english), _bullets(chinese)


def _bullets(text: str) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^#{3,4} (-\d+)", line)
        if heading:
            current = rows.setdefault(int(heading.group(1)), [])
            continue
        if line.startswith("## "):  # a section: its bullets belong to no code
            current = None
        bullet = re.match(r"^\s*\* (.+)$", line)
        if bullet and current is not None:
            # The Chinese page runs some bullets together on one line.
            current += [b.strip() for b in bullet.group(1).split("  * ")]
    return rows


def _check_page(project: Project, scope_id: str, page: str, codes: int) -> None:
    binance = _exchange(project, "binance")
    scope = next(s for s in binance.scopes if s.id == scope_id)
    english, chinese = binance_page(page)
    assert len(english) == codes
    assert set(chinese) <= set(english)
    by_code = {e.code: e for e in scope.errors}
    assert set(english) <= set(by_code)
    for code, bullets in english.items():
        error = by_code[code]
        texts = {m.text for o in error.outcomes for m in o.messages}
        notes = " ".join(o.note or "" for o in error.outcomes)
        for bullet in bullets:  # a message, or an explanation kept in the note
            assert _wire(bullet) & texts or bullet.replace("`", "") in notes, (code, bullet)
        english_variants = [b.replace("`", "") for b in chinese.get(code, []) if not CJK.search(b)]
        for variant in english_variants:
            assert variant in texts or _same(variant, texts), (code, variant)


def _wire(bullet: str) -> set[str]:
    """What a bullet may stand for on the wire: its code spans are markup, dropped; around
    `%s` they may stand for the quotes other pages show for the same message."""
    return {bullet.replace("`", ""), bullet.replace("`%s`", "'%s'").replace("`", "")}


def _same(text: str, texts: set[str]) -> bool:
    """Equal once trailing punctuation and spaces are ignored (noted in the spec)."""
    return text.rstrip(". ") in {t.rstrip(". ") for t in texts}


def test_binance_usdm_futures_every_code_and_message(project: Project) -> None:
    _check_page(project, "futures", "binance-usdm-futures-errors.md", codes=201)


def test_binance_margin_every_code_message_and_table_row(project: Project) -> None:
    _check_page(project, "margin", "binance-margin-errors.md", codes=243)
    text = (SOURCES / "binance-margin-errors.md").read_text(encoding="utf-8")
    rows = set(re.findall(r'^"([^"|]+?)"\|', text, flags=re.M))
    margin = next(s for s in _exchange(project, "binance").scopes if s.id == "margin")
    shared = {m.text for o in margin.tables for m in o.messages}
    assert len(rows) == 42  # both pages: the Chinese one names two filters differently
    assert rows - shared == set()


def test_binance_execution_status_unknown_is_marked(project: Project) -> None:
    """Binance says the execution status is unknown for -1006 and -1007, in every list."""
    binance = _exchange(project, "binance")
    for scope in binance.scopes:
        for error in scope.errors:
            if error.code in (-1006, -1007):
                assert error.primary.outcome_unknown, (scope.id, error.code)


def test_kraken_futures_every_order_status(project: Project) -> None:
    text = (SOURCES / "kraken-futures-errors.md").read_text(encoding="utf-8")
    found = re.findall(r"values:\*\* \[(.*)\]", text)
    lists = [re.findall(r"`([^`]+)`", values) for values in found]
    statuses = {v for values in lists if {"cancelled", "edited"} & set(values) for v in values}
    futures = next(s for s in _exchange(project, "kraken").scopes if s.id == "futures")
    assert futures.envelope is not None
    successes = {v for _, ok, _ in futures.envelope.status_fields for v in ok}
    codes = {e.code for e in futures.errors}
    assert len(statuses) == 34
    assert statuses - successes - codes == set()
    assert {"sendStatus", "editStatus", "cancelStatus", "batchStatus"} == {
        path[0] for path, _, _ in futures.envelope.status_fields
    }


def test_kraken_websocket_faq_strings(project: Project) -> None:
    text = (SOURCES / "kraken-websocket-errors.md").read_text(encoding="utf-8")
    quoted = re.findall(r'"\*\*(.+?) ?\*\* ?"', text)
    assert quoted == ["EOrder :Reduce only:Non-PC", "Currency pair not supported XBT/USD"]
    kraken = _exchange(project, "kraken")
    codes = {e.code for s in kraken.scopes for e in s.errors}
    assert "EOrder:Reduce only:Non-PC" in codes  # the prose puts a space before the colon
    websocket = next(s for s in kraken.scopes if s.id == "websocket")
    texts = {m.text for e in websocket.errors for o in e.outcomes for m in o.messages}
    assert "Currency pair not supported <pair>" in texts  # the pair is a placeholder
