"""Every error tells what to do about it and where it is documented."""

from __future__ import annotations

import importlib

import exchange_errors
import pytest

from generator.project import load_project
from tests.conftest import ROOT

PROJECT = load_project(ROOT)


def test_every_category_has_advice() -> None:
    for category in PROJECT.taxonomy.categories:
        assert category.advice, category.id


@pytest.mark.parametrize("exchange", PROJECT.exchanges, ids=lambda e: e.id)
def test_every_documented_error_has_advice_and_a_link(exchange: object) -> None:
    module = importlib.import_module(f"exchange_errors.{exchange.id}")  # type: ignore[attr-defined]
    for outcome in exchange.outcomes:  # type: ignore[attr-defined]
        cls = getattr(module, outcome.class_name)
        assert cls.advice, cls
        if cls.evidence is None and cls.scope_id is not None:
            assert cls.doc_url and cls.doc_url.startswith("https://"), cls


def test_advice_and_link_reach_to_dict() -> None:
    error = exchange_errors.classify("binance", status=400, body=b'{"code":-1021,"msg":"x"}')
    assert error is not None
    data = error.to_dict()
    assert "clock" in data["advice"]
    assert (
        data["doc_url"] == "https://github.com/binance/binance-spot-api-docs/blob/master/errors.md"
    )
