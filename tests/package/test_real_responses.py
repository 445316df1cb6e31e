"""Responses users really got, from public bug reports (tests/fixtures/real/): the package
must be right on well over nine in ten of them."""

from __future__ import annotations

import json
from pathlib import Path

import exchange_errors
import pytest

RESPONSES = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "real" / "responses.json").read_text()
)


def _right(case: dict[str, object]) -> bool:
    api = case.get("api")  # the API the user called, where the report says
    error = exchange_errors.classify(
        str(case["exchange"]),
        status=int(str(case["status"])),
        body=str(case["body"]).encode(),
        api=None if api is None else str(api),
    )
    expected = getattr(exchange_errors, str(case["expected"]))
    return isinstance(error, expected) and error.raw is not None


def test_every_response_names_its_source() -> None:
    assert len(RESPONSES) >= 40
    for case in RESPONSES:
        assert str(case["source"]).startswith("https://github.com/")
        assert issubclass(getattr(exchange_errors, str(case["expected"])), Exception)


def test_well_over_nine_in_ten_are_classified_right() -> None:
    wrong = [case for case in RESPONSES if not _right(case)]
    share = 1 - len(wrong) / len(RESPONSES)
    print(f"real responses classified right: {len(RESPONSES) - len(wrong)}/{len(RESPONSES)}")
    assert share >= 0.9, wrong


@pytest.mark.parametrize("case", RESPONSES, ids=lambda c: f"{c['exchange']}-{c['source']}")
def test_response(case: dict[str, object]) -> None:
    assert _right(case)
