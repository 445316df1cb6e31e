"""The corpus of real responses (tests/fixtures/real/responses.json) and how this package
classifies each one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import exchange_errors

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "responses.json"
WEBSOCKET = "websocket"


@dataclass(frozen=True)
class Case:
    exchange: str
    api: str | None
    status: int | None
    body: str
    expected: str
    source: str
    headers: dict[str, str] | None

    @property
    def is_websocket(self) -> bool:
        return self.api == WEBSOCKET

    @property
    def group(self) -> str:
        return f"{self.exchange} {self.api or 'unknown api'}"


def load() -> list[Case]:
    raw: list[dict[str, Any]] = json.loads(CORPUS.read_text(encoding="utf-8"))
    return [
        Case(
            exchange=entry["exchange"],
            api=entry.get("api"),
            status=entry.get("status"),
            body=entry["body"],
            expected=entry["expected"],
            source=entry["source"],
            headers=entry.get("headers"),
        )
        for entry in raw
    ]


def package_api(case: Case) -> str | None:
    """The `api=` a user of this package passes for the case: its API where the package has
    a scope of that name (COIN-M futures share the USDⓈ-M list), else none."""
    if case.api is None or case.is_websocket:
        return None
    name = "futures" if case.api == "delivery" else case.api
    module = exchange_errors.exchange_module(case.exchange)
    chains = module.TABLES.chains  # type: ignore[attr-defined]
    return name if name in chains else None


def classify(case: Case) -> exchange_errors.ExchangeError | None:
    """This package's answer; an exchange or a WebSocket format it does not know yet raises
    ValueError."""
    if case.is_websocket:
        return exchange_errors.classify_ws(case.exchange, case.body.encode())
    return exchange_errors.classify(
        case.exchange,
        status=case.status,
        body=case.body.encode(),
        api=package_api(case),
        headers=case.headers,
    )


def expected_class(case: Case) -> type[exchange_errors.ExchangeError]:
    found: type[exchange_errors.ExchangeError] = getattr(exchange_errors, case.expected)
    return found


def package_verdict(case: Case) -> str:
    """'right', 'wrong', 'success' (a failure returned as None) or 'unsupported'."""
    try:
        error = classify(case)
    except ValueError:
        return "unsupported"
    if error is None:
        return "success"
    return "right" if isinstance(error, expected_class(case)) else "wrong"
