"""How the package fares on the forms documented errors take on the wire beyond the one the
documents show: the words under a code that says nothing, with a detail appended; the same
error in another envelope or as a WebSocket frame; and other exchanges' documented words
under a code whose message decides. Printed by `nox -s accuracy` after the corpus."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import exchange_errors

from generator.project import load_project
from tests.conftest import ROOT
from tests.wire import Case, body_for, cases, shape_of

CATEGORIES: Any = exchange_errors._taxonomy.CATEGORY_CLASSES
# A code no spec documents: the words alone decide.
UNDOCUMENTED = 999_999_999
DETAILS = (": BTC-USDT", " (BTC-USDT)", ", BTC-USDT")


def _exact(case: Case) -> bool:
    """An entry of exact words in an envelope with a code and a message field."""
    return (
        not case.params
        and case.error is not None
        and bool(case.outcome.messages)
        and case.scope.envelope.error_list_field is None
    )


def _undocumented(case: Case, message: str) -> bytes:
    envelope = case.scope.envelope
    code: int | str = UNDOCUMENTED if envelope.code_type == "int" else str(UNDOCUMENTED)
    return body_for(envelope, code, message, shape_of(case.scope))


def _as_documented(case: Case) -> exchange_errors.ExchangeError:
    """The error of the entry's body as the documents show it."""
    error = exchange_errors.classify(
        case.exchange.id, status=400, body=case.body, api=case.scope.id
    )
    assert error is not None
    return error


def _same(case: Case, body: object, expected: exchange_errors.ExchangeError) -> bool:
    found = exchange_errors.classify(case.exchange.id, status=400, body=body, api=case.scope.id)
    return found is not None and type(found) is type(expected)


def details(found: list[Case]) -> Counter[str]:
    """Documented words with a detail appended, under a code that says nothing."""
    tally: Counter[str] = Counter()
    for case in found:
        if not _exact(case):
            continue
        plain = _undocumented(case, case.message)
        alone = exchange_errors.classify(
            case.exchange.id, status=400, body=plain, api=case.scope.id
        )
        if alone is None or alone.rule == "unknown code":
            continue
        for detail in DETAILS:
            detailed = _undocumented(case, case.message.rstrip(".") + detail)
            tally[case.exchange.id + (" same" if _same(case, detailed, alone) else " other")] += 1
    return tally


def _envelopes(case: Case) -> dict[str, object]:
    body = json.loads(case.body)
    forms: dict[str, object] = {
        "text": case.body.decode(),
        "parsed": body,
        "after a BOM": b"\xef\xbb\xbf" + case.body,
        "in a list": json.dumps([body]).encode(),
        "reordered": json.dumps(dict(reversed(list(body.items())))).encode(),
        "with success false": json.dumps({**body, "success": False}).encode(),
    }
    if isinstance(body.get("code"), int):
        forms["code as a string"] = json.dumps({**body, "code": str(body["code"])}).encode()
    flags = [path for path, _ in case.scope.envelope.failure_flags]
    if "code" in body and "msg" in body and ("success",) in flags:
        flagged = {"msg": body["msg"], "success": False}
        forms[f"no code, success false ({case.exchange.id})"] = json.dumps(flagged).encode()
    return forms


def envelopes(found: list[Case]) -> Counter[str]:
    """The same documented error in the other envelopes exchanges send."""
    tally: Counter[str] = Counter()
    for case in found:
        expected = _as_documented(case)
        for form, body in _envelopes(case).items():
            if form.startswith("no code"):
                # without its code, the words can only say the category
                found = exchange_errors.classify(
                    case.exchange.id, status=400, body=body, api=case.scope.id
                )
                kept = isinstance(found, CATEGORIES[expected.category])
            else:
                kept = _same(case, body, expected)
            tally[form + (" same" if kept else " other")] += 1
    return tally


def _frames(case: Case) -> list[bytes]:
    body = json.loads(case.body)
    exchange = case.exchange.id
    if exchange == "binance" and case.scope.id in ("spot", "futures"):
        error = {"code": body["code"], "msg": body["msg"]}
        return [
            json.dumps({"id": "1", "status": 400, "error": error}).encode(),
            json.dumps({"error": error, "id": 1}).encode(),
        ]
    if exchange == "kucoin":
        return [
            json.dumps(
                {"id": "1", "type": "error", "code": body["code"], "data": body["msg"]}
            ).encode()
        ]
    if exchange == "kraken" and case.scope.id == "spot":
        text = body["error"][0]
        return [
            json.dumps(
                {"errorMessage": text, "event": "addOrderStatus", "status": "error"}
            ).encode(),
            json.dumps({"error": text, "method": "add_order", "success": False}).encode(),
        ]
    return []


def websocket(found: list[Case]) -> Counter[str]:
    """The same documented error as a WebSocket frame: still of its category."""
    tally: Counter[str] = Counter()
    for case in found:
        expected = _as_documented(case)
        for frame in _frames(case):
            error = exchange_errors.classify_ws(case.exchange.id, frame)
            kept = error is not None and isinstance(error, CATEGORIES[expected.category])
            tally[case.exchange.id + (" same" if kept else " other")] += 1
    return tally


# A code of each exchange whose message decides what it means.
DECIDING: dict[str, Callable[[str], bytes]] = {
    "binance": lambda words: json.dumps({"code": -2010, "msg": words}).encode(),
    "kucoin": lambda words: json.dumps({"code": "400100", "msg": words}).encode(),
}


def transfer(found: list[Case]) -> dict[str, Counter[str]]:
    """OKX's and Bybit's documented words under Binance's and KuCoin's codes whose message
    decides: right, wrong, or left to the code's own class."""
    words: dict[str, str] = {}
    for case in found:
        if case.exchange.id in ("okx", "bybit") and _exact(case):
            words.setdefault(case.message.lower(), case.outcome.category)
    tally: dict[str, Counter[str]] = {}
    for exchange, body_of in DECIDING.items():
        counts: Counter[str] = Counter()
        for text, category in words.items():
            error = exchange_errors.classify(exchange, status=400, body=body_of(text), api="spot")
            assert error is not None
            if error.rule in ("code", "ambiguous"):
                counts["left to the code"] += 1
            else:
                counts["right" if isinstance(error, CATEGORIES[category]) else "wrong"] += 1
        tally[exchange] = counts
    return tally


def _shares(tally: Counter[str], groups: list[str]) -> str:
    parts = []
    for group in groups:
        same, other = tally[group + " same"], tally[group + " other"]
        parts.append(f"{group} {same}/{same + other}")
    return ", ".join(parts)


def main() -> None:
    project = load_project(ROOT)
    found = cases(project.exchanges)
    print("\nvariants of documented errors (kept: the same class, or for frames the category):")
    tally = details(found)
    exchanges = sorted({key.rsplit(" ", 1)[0] for key in tally})
    print(f"  words + a detail, under a code that says nothing: {_shares(tally, exchanges)}")
    tally = envelopes([c for c in found if _exact(c)])
    forms = sorted({key.rsplit(" ", 1)[0] for key in tally})
    print(f"  other envelopes: {_shares(tally, forms)}")
    tally = websocket([c for c in found if not c.params and c.error is not None])
    exchanges = sorted({key.rsplit(" ", 1)[0] for key in tally})
    print(f"  as WebSocket frames: {_shares(tally, exchanges)}")
    for exchange, counts in transfer(found).items():
        total = sum(counts.values())
        print(
            f"  OKX and Bybit words under {exchange}'s deciding code ({total}): right"
            f" {counts['right']}, wrong {counts['wrong']}, left to the code"
            f" {counts['left to the code']}"
        )
