"""`python -m exchange_errors explain`: what an error means, for people at a terminal."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from exchange_errors import EXCHANGES

from tests.conftest import ROOT


def explain(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exchange_errors", "explain", *args],
        cwd=ROOT / "generated",
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_code() -> None:
    result = explain("binance", "-1121")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "binance -1121: SpotBadSymbolError"
    assert "  category:     bad_symbol" in lines
    assert "  retry:        do not retry; fix the request or the account first" in lines
    assert "  matched by:   code (api spot)" in lines
    assert "  message:      Invalid symbol." in lines


def test_a_message_where_codes_are_numbers() -> None:
    result = explain("binance", "Invalid symbol.")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == 'binance "Invalid symbol.": SpotBadSymbolError'
    assert "  code:         -1121 (documented with these words)" in lines
    assert "  category:     bad_symbol" in lines
    templated = explain(
        "binance", "Too many new orders; current limit is 50 orders per 10 SECOND."
    )
    assert "category:     rate_limited" in templated.stdout
    ruled = explain("okx", "Your available balance is too low")  # a shared message rule
    assert "category:     insufficient_funds" in ruled.stdout
    unknown = explain("binance", "Nothing anybody documents")
    assert unknown.returncode == 1
    assert "nothing documented matches" in unknown.stdout


def test_a_body_with_values_and_timing() -> None:
    body = '{"code":-1015,"msg":"Too many new orders; current limit is 50 orders per 10 SECOND."}'
    out = explain("binance", body, "--api", "options").stdout
    assert "TooManyOrdersError" in out
    assert "matched by:   code+template" in out
    assert "values:       limit='50', interval='10 SECOND'" in out
    lockout = explain("kraken", "EGeneral:Temporary lockout").stdout
    assert "retry after:  900 s" in lockout


def test_a_status_and_an_unknown_outcome() -> None:
    out = explain("kraken", "<html>520</html>", "--status", "520").stdout
    assert "CloudflareError" in out
    assert "outcome:      unknown: the request may have been executed" in out
    assert "userref" in out


def test_an_ambiguous_code_lists_its_meanings_per_api() -> None:
    out = explain("kucoin", "200002").stdout
    assert "matched by:   ambiguous" in out
    assert "    spot: OrderCancelSuspendedError (market_closed)" in out
    assert "    futures: FuturesRequestLimitedError (exchange_error)" in out
    narrowed = explain("kucoin", "200002", "--api", "spot").stdout
    assert narrowed.startswith("kucoin 200002: OrderCancelSuspendedError")


def test_success_and_mistakes() -> None:
    assert explain("kucoin", "200000").stdout.strip() == "kucoin: 200000 means success"
    wrong = explain("kucoin", "1", "--api", "nope")
    assert wrong.returncode == 2 and "unknown api 'nope'" in wrong.stderr
    assert explain("nosuch", "1").returncode == 2


def explain_json(*args: str) -> tuple[int, dict[str, Any]]:
    result = explain(*args, "--json")
    assert len(result.stdout.splitlines()) == 1, result.stdout  # one object, one line
    return result.returncode, json.loads(result.stdout)


# -- nothing matches: exit status 1 and "did you mean" -----------------------------------------


def test_a_dropped_minus_sign_is_suggested() -> None:
    result = explain("binance", "1121")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "binance 1121: nothing documented matches"
    assert "BinanceAPIError, the exchange's root class" in lines[1]
    at = lines.index("  did you mean:")
    assert lines[at + 1].startswith("    -1121: SpotBadSymbolError (bad_symbol, api spot)")


def test_a_mistyped_digit_and_a_status_are_suggested() -> None:
    out = explain("kucoin", "4001000").stdout
    assert "    400100: ParameterError (bad_request, api spot)" in out
    teapot = explain("binance", "418")
    assert teapot.returncode == 1
    assert "an HTTP status? pass it as: explain binance '<body>' --status 418" in teapot.stdout


def test_a_misspelt_string_code_is_suggested() -> None:
    result = explain("kraken", "EOrder:Insufficent funds")
    assert result.returncode == 1
    suggested = result.stdout.split("  did you mean:\n")[1].splitlines()
    assert suggested[0].startswith("    EOrder:Insufficient funds: OrderInsufficientFundsError")
    futures = explain("kraken", "EOrder:Insufficent funds", "--api", "futures").stdout
    assert "EOrder:" not in futures.split("did you mean:")[1]
    assert "insufficientFunds: FuturesInsufficientFundsError" in futures


def test_a_mistyped_message_suggests_its_code() -> None:
    result = explain("binance", "Invalid symbl.")
    assert result.returncode == 1
    assert "    -1121: SpotBadSymbolError (bad_symbol, api spot)" in result.stdout


def test_nothing_near() -> None:
    result = explain("kraken", "nonsense")
    assert result.returncode == 1
    assert "  no documented code or message is near it" in result.stdout


def test_a_status_or_a_message_is_a_match() -> None:
    # An unknown code whose status or message decides is not "nothing matches".
    assert explain("binance", "-99999", "--status", "429").returncode == 0
    body = '{"code":-99999,"msg":"Invalid symbol."}'
    assert explain("binance", body).returncode == 0


# -- --json ---------------------------------------------------------------------------------


def test_json_of_a_match() -> None:
    status, found = explain_json("binance", "-1121")
    assert status == 0
    assert found["matched"] is True and found["success"] is False
    assert found["class"] == "SpotBadSymbolError"
    assert found["code"] == -1121 and found["category"] == "bad_symbol"
    assert found["api"] == "spot" and found["rule"] == "code"
    assert found["retry_policy"] == "never" and found["retryable"] is False
    assert found["lineage"][:3] == ["SpotBadSymbolError", "BinanceBadSymbol", "BinanceBadRequest"]
    assert found["lineage"][-1] == "ExchangeError"
    assert found["documented_messages"] == ["Invalid symbol."]
    assert found["source"].startswith("Error codes for Binance (Spot API)")
    assert found["evidence"] is None
    assert "suggestions" not in found


def test_json_of_a_body_with_values_and_of_an_observed_error() -> None:
    body = '{"code":-1015,"msg":"Too many new orders; current limit is 50 orders per 10 SECOND."}'
    _, found = explain_json("binance", body, "--api", "options")
    assert found["params"] == {"limit": "50", "interval": "10 SECOND"}
    assert found["raw"] == body
    _, observed = explain_json("kraken", "EAuth:Failed")
    assert observed["evidence"].startswith("https://github.com/")


def test_json_when_nothing_matches() -> None:
    status, found = explain_json("binance", "1121")
    assert status == 1
    assert found["matched"] is False
    assert found["class"] == "BinanceAPIError" and found["rule"] == "unknown code"
    first = found["suggestions"][0]
    assert first == {
        "code": -1121,
        "class": "SpotBadSymbolError",
        "category": "bad_symbol",
        "api": "spot",
        "description": first["description"],
    }
    body = '{"code":-99999,"msg":"Invlid symbol"}'
    status, from_body = explain_json("binance", body)
    assert status == 1 and from_body["code"] == -99999
    assert from_body["suggestions"][0]["code"] == -1121


def test_json_of_an_ambiguous_code_and_of_a_success() -> None:
    status, found = explain_json("kucoin", "200002")
    assert status == 0 and found["rule"] == "ambiguous"
    assert {
        "api": "futures",
        "class": "FuturesRequestLimitedError",
        "category": "exchange_error",
    } in (found["per_api"])
    status, success = explain_json("kucoin", "200000")
    assert status == 0
    assert success == {"matched": True, "success": True, "exchange": "kucoin"}


# -- --list ---------------------------------------------------------------------------------


def test_list_of_exchanges_and_apis() -> None:
    result = explain("--list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line for line in lines if not line.startswith(" ")] == list(EXCHANGES)
    spot = next(line for line in lines if line.split()[0] == "spot")
    assert spot.endswith("codes  default; also margin")
    assert any(
        line.split()[0] == "futures" and "urls fapi.binance.com /fapi/" in line for line in lines
    )
    assert any(line.split()[0] == "margin_hf" and "also margin, spot" in line for line in lines)


def test_list_as_json() -> None:
    status, listed = explain_json("--list")
    assert status == 0
    by_id = {exchange["exchange"]: exchange for exchange in listed["exchanges"]}
    assert list(by_id) == list(EXCHANGES)
    assert by_id["binance"]["default_api"] == "spot"
    apis = {api["api"]: api for api in by_id["binance"]["apis"]}
    assert list(apis) == ["options", "spot", "futures", "margin"]
    assert apis["margin"]["inherits"] == ["spot"] and "/sapi/" in apis["margin"]["urls"]
    assert all(api["codes"] > 0 for api in apis.values())
    kraken = {api["api"]: api for api in by_id["kraken"]["apis"]}
    assert kraken["futures"]["body_fields"] == [
        {"field": "result", "kind": "string"},
        {"field": "elements", "kind": "present"},
        {"field": "logs", "kind": "present"},
        {"field": "candles", "kind": "present"},
    ]
    status, one = explain_json("--list", "kucoin")
    assert [exchange["exchange"] for exchange in one["exchanges"]] == ["kucoin"]


def test_list_and_explain_mistakes() -> None:
    assert explain("--list", "binance", "1").returncode == 2
    assert explain("--list", "--api", "spot").returncode == 2
    missing = explain("binance")
    assert missing.returncode == 2 and "give an exchange and a code or body" in missing.stderr
    assert explain().returncode == 2


def test_an_error_that_comes_with_part_of_the_request_done_says_so() -> None:
    out = explain("binance", "-2021").stdout
    assert "  partial:      part of the request went through" in out
    assert "partial" not in explain("binance", "-2022").stdout


def test_a_websocket_message() -> None:
    frame = (
        '{"id":"1","status":400,"error":{"code":-2010,'
        '"msg":"Account has insufficient balance for requested action."}}'
    )
    result = explain("binance", frame, "--websocket")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "binance -2010: BinanceTradingError[SpotAccountInsufficientBalanceError]"
    )
    assert explain("okx", "pong", "--websocket").stdout.strip() == "okx: pong means success"
    assert explain("binance", frame, "--websocket", "--status", "400").returncode == 2
