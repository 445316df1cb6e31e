"""Realistic wire bodies built from the specs: one per documented message, with sample values
filled into its placeholders."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.ir import Envelope, ErrorCode, Exchange, Message, Outcome, Scope
from generator.patterns import split_placeholders

SAMPLES = {"number": "12.5", "word": "BTCUSDT", "text": "sample value"}


@dataclass(frozen=True)
class Case:
    exchange: Exchange
    scope: Scope
    error: ErrorCode | None  # None: a message table's meaning that no documented code carries
    outcome: Outcome
    message: str
    params: dict[str, str]
    body: bytes
    code: int | str  # as sent: where each error string is its own code, the string

    @property
    def id(self) -> str:
        code = self.error.code if self.error is not None else "table"
        return f"{self.exchange.id}-{self.scope.id}-{code}-{self.outcome.name}"


def fill(exchange: Exchange, message: Message) -> tuple[str, dict[str, str]]:
    """The message with a distinct sample value per placeholder, and the values by name."""
    if message.template is None:
        return message.text, {}
    names = [n for g in message.template.groups for n in g.names]
    kinds = [k for g in message.template.groups for k in g.kinds]
    values = iter(zip(names, kinds, strict=True))
    text, params = [], {}
    for index, part in enumerate(split_placeholders(message.text, exchange.placeholders)):
        if not part.placeholder:
            text.append(part.literal)
            continue
        name, kind = next(values)
        value = SAMPLES[kind] if kind != "text" else f"value{index}"
        if kind == "number":
            value = f"1{index}.5"
        params[name] = value
        text.append(value)
    return "".join(text), params


def _put(body: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        body = body.setdefault(key, {})
    body[path[-1]] = value


def sent_code(envelope: Envelope, code: int | str, message: str) -> int | str:
    """The code a body carries: where each error string is its own code (Kraken), the string
    sent, which is a documented message with values filled in when the code has one."""
    return message if envelope.error_list_field is not None else code


def shape_of(scope: Scope) -> dict[str, str]:
    """The fields by which the scope's bodies are told apart (Kraken Futures' string result,
    OKX v1's result)."""
    return {field: "error" for field, _kind in scope.shape_fields}


def body_for(
    envelope: Envelope, code: int | str, message: str, shape: dict[str, str] | None = None
) -> bytes:
    body: dict[str, Any] = {}
    if envelope.error_list_field is not None:
        _put(body, envelope.error_list_field, [sent_code(envelope, code, message)])
        _put(body, ("result",), {})
        body.update(shape or {})
    else:
        assert envelope.code_field is not None and envelope.message_field is not None
        _put(body, envelope.code_field, code)
        _put(body, envelope.message_field, message)
        for field, value in (shape or {}).items():
            body.setdefault(field, value)
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _first_carrier(scope: Scope, outcome: Outcome) -> ErrorCode | None:
    return next((e for e in scope.errors if outcome in e.shared), None)


def cases(exchanges: tuple[Exchange, ...]) -> list[Case]:
    found = []
    for exchange in exchanges:
        for scope in exchange.scopes:
            for error in scope.errors:
                # A meaning of a message table is tested with the first code that carries it.
                shared = [o for o in error.shared if error is _first_carrier(scope, o)]
                for outcome in (*error.outcomes, *shared):
                    messages = outcome.messages or (None,)
                    for message in messages:
                        text, params = (
                            fill(exchange, message) if message else (str(error.code), {})
                        )
                        body = body_for(scope.envelope, error.code, text, shape_of(scope))
                        code = sent_code(scope.envelope, error.code, text)
                        found.append(
                            Case(exchange, scope, error, outcome, text, params, body, code)
                        )
            # A table no documented code carries is met with its message alone: as its own
            # error string where each string is its code (Kraken), else under no code at all.
            for outcome in scope.tables:
                if _first_carrier(scope, outcome) is not None:
                    continue
                for message in outcome.messages:
                    text, params = fill(exchange, message)
                    body = body_for(scope.envelope, text, text, shape_of(scope))
                    code = sent_code(scope.envelope, text, text)
                    found.append(Case(exchange, scope, None, outcome, text, params, body, code))
    return found


def by_scope(found: list[Case]) -> dict[str, list[Case]]:
    """The cases of each exchange's API, in order: one test each checks all of its entries
    (a test per entry costs pytest a millisecond more than the check itself)."""
    groups: dict[str, list[Case]] = {}
    for case in found:
        groups.setdefault(f"{case.exchange.id}-{case.scope.id}", []).append(case)
    return groups


def assert_each(cases: list[Any], check: Callable[[Any], None], limit: int = 20) -> None:
    """Run `check` on every case and fail with each case that failed (its id and why), not
    only the first."""
    failed = []
    for case in cases:
        try:
            check(case)
        except AssertionError as error:
            failed.append(f"{getattr(case, 'id', case)}: {error}")
    assert not failed, f"{len(failed)} of {len(cases)} failed:\n" + "\n".join(failed[:limit])
