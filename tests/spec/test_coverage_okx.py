"""Every row of OKX's Error Code page is in spec/exchanges/okx.yaml.

The rows are read from the mirrored page (shared/sources/okx-errors.md) by its own markdown
tables, independently of the spec and of the generator; the spec is read as plain YAML."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "sources" / "okx-errors.md"
SPEC = ROOT / "spec" / "exchanges" / "okx.yaml"

pytestmark = pytest.mark.skipif(
    not SOURCE.is_file(), reason="the source document is not beside the repository"
)

ROW = re.compile(r"^\|\s*(\d+)\s*\|(.*)\|\s*$")


def wire(cell: str) -> str:
    """The message as OKX sends it: the page's HTML markup and entities undone (spec notes)."""
    text = cell.replace("<code>", "").replace("</code>", "")
    text = text.split("<br>e.g.")[0]  # 50071: an example after a line break
    return html.unescape(text.replace("<br>", " ")).strip()


def document_rows() -> list[tuple[str, str, str, int | None, str]]:
    """(scope, section, code, status, message) for every table row of the page."""
    rows = []
    part = section = ""
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            part = "websocket" if "#error-code-websocket" in line else "rest"
            section = line[4:].split(" [")[0].strip()
            continue
        if line.startswith("#### "):
            section = section.split(" / ")[0] + " / " + line[5:].strip()
            continue
        found = ROW.match(line)
        if not found or not part:
            continue
        code, rest = found.group(1), [c.strip() for c in found.group(2).split("|")]
        if part == "rest":
            status, message = int(rest[0]), (rest[1] if len(rest) > 1 else "")
        else:
            status, message = None, rest[0]
        label = ("WebSocket " if part == "websocket" else "") + section
        rows.append((part, label, code, status, wire(message)))
    return rows


@pytest.fixture(scope="module")
def spec() -> dict:
    return YAML(typ="safe", pure=True).load(SPEC.read_text(encoding="utf-8"))


def _entries(spec: dict, scope_id: str) -> dict[str, dict]:
    scope = next(s for s in spec["scopes"] if s["id"] == scope_id)
    entries: dict[str, dict] = {}
    for error in scope["errors"]:
        if "observed_in" in error:  # seen in the wild, not in the document
            continue
        assert error["code"] not in entries, f"{scope_id} {error['code']} listed twice"
        entries[error["code"]] = error
    return entries


# The live page, which numbers some wordings with sub-codes and words five that the document
# does not: meanings from it are checked against it below, not against the document.
LIVE_PAGE = "okx-error-codes-current"


def _texts(error: dict) -> list[str]:
    outcomes = [error, *error.get("meanings", [])]
    messages = [
        m for o in outcomes if o.get("document") != LIVE_PAGE for m in o.get("messages", [])
    ]
    return [m if isinstance(m, str) else m["text"] for m in messages]


def _statuses(error: dict) -> set[int]:
    status = error.get("http_status")
    if status is None:
        return set()
    return set(status) if isinstance(status, list) else {status}


def test_row_counts() -> None:
    rows = document_rows()
    assert len(rows) == 1056
    per_part = Counter(part for part, *_ in rows)
    assert per_part == {"rest": 1017, "websocket": 39}
    assert len({(p, c) for p, _, c, _, _ in rows if p == "rest"}) == 932  # with the success code 0
    assert len({(p, c) for p, _, c, _, _ in rows if p == "websocket"}) == 39
    assert not any("~~" in message for *_, message in rows)  # nothing struck through


def test_every_row_is_in_the_spec(spec: dict) -> None:
    entries = {scope: _entries(spec, scope) for scope in ("rest", "websocket")}
    sections: dict[tuple[str, str], set[str]] = {}
    for part, section, code, _, _ in document_rows():
        sections.setdefault((part, code), set()).add(section)
    for part, _, code, status, message in document_rows():
        if part == "rest" and code == "0":
            assert message == ""
            assert "0" in spec["envelope"]["success_codes"]
            assert "0" not in entries["rest"]
            continue
        error = entries[part].get(code)
        assert error is not None, f"{part} {code} is missing"
        assert message in _texts(error), (part, code, message)
        if status is None:
            assert "http_status" not in error, (part, code)
        else:
            assert status in _statuses(error), (part, code, status)
        assert error["section"] in sections[(part, code)], (part, code)


def test_nothing_in_the_spec_that_the_page_lacks(spec: dict) -> None:
    rows = document_rows()
    for part in ("rest", "websocket"):
        documented = {(c, m) for p, _, c, _, m in rows if p == part and c != "0"}
        entries = _entries(spec, part)
        assert set(entries) == {c for c, _ in documented}, part
        listed = [(code, text) for code, e in entries.items() for text in _texts(e)]
        assert len(listed) == len(set(listed)), f"{part}: a message listed twice"
        # Besides the page's rows, a meaning may name a filled-in row ("Parameter px error"
        # of "Parameter {param0} error"), never a text of its own.
        filled = set(listed) - documented
        assert all(_fills(code, text, documented) for code, text in filled), filled
        assert documented <= set(listed), part
        statuses = {(c, s) for p, _, c, s, _ in rows if p == part and s is not None and c != "0"}
        assert {(c, s) for c, e in entries.items() for s in _statuses(e)} == statuses, part


def _fills(code: str, text: str, documented: set[tuple[str, str]]) -> bool:
    """Whether `text` is a documented message of `code` with its placeholders filled in."""
    for documented_code, message in documented:
        if documented_code == code and "{" in message:
            pattern = re.sub(r"\\\{\w+\\\}", r"\\S+", re.escape(message))
            if re.fullmatch(pattern, text):
                return True
    return False


def test_counts_per_scope(spec: dict) -> None:
    rest, websocket = _entries(spec, "rest"), _entries(spec, "websocket")
    assert (len(rest), len(websocket)) == (931, 39)
    # 1016 rows; 51502 and 54036 each repeat one row word for word.
    assert sum(len(_texts(e)) for e in rest.values()) == 1014 + 2  # 51000: px, sz filled in
    assert sum(len(_texts(e)) for e in websocket.values()) == 39
    assert sum(len(e.get("meanings", [])) for e in rest.values()) == 5  # 51000, 51412, 59130
    # and the live page's wordings of 51008 and 51502
    assert not any(e.get("deprecated") for e in [*rest.values(), *websocket.values()])


def test_timeouts_leave_the_outcome_unknown(spec: dict) -> None:
    rest = _entries(spec, "rest")
    for code in ("50004", "51149", "52912"):  # OKX: the result of the request is unknown
        assert rest[code]["outcome_unknown"] is True, code
        assert rest[code]["retry"] == "confirm_first", code
        assert rest[code]["category"] == "request_timeout", code
    assert _statuses(rest["50011"]) == {200, 429}


# The sub-code rows of the live page (Error Code, Trade class): 51004_1101 is 51004, sub-code
# 1101. Every one is in the spec, as a documented wording or as one of the live page's own.
SUB_CODES = {
    "51004": [*range(1101, 1108), *range(1111, 1118)],
    "51008": [*range(1000, 1008), 1009, 1010, *range(1015, 1021)],
    "51502": [*range(1030, 1038), 1039, 1040, 1049],
}


def test_every_sub_code_of_the_live_page_is_in_the_spec(spec: dict) -> None:
    rest = _entries(spec, "rest")
    for code, expected in SUB_CODES.items():
        outcomes = [rest[code], *rest[code].get("meanings", [])]
        given = [
            m["sub_code"]
            for o in outcomes
            for m in o.get("messages", [])
            if isinstance(m, dict) and "sub_code" in m
        ]
        assert sorted(given) == [str(number) for number in expected], code
        live = [o for o in outcomes if o.get("document") == LIVE_PAGE]
        assert all(o.get("section") == "Public / Trade Class" for o in live), code
