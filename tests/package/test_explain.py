"""`python -m exchange_errors explain`: what an error means, for people at a terminal."""

from __future__ import annotations

import subprocess
import sys

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
