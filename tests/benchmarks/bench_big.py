"""Huge and hostile bodies classify in bounded time: matching never backtracks and scans only
what it needs."""

from __future__ import annotations

import json
import os

import exchange_errors

from tests.benchmarks.timing import elapsed

MB = 10 * 1024 * 1024


def bodies() -> list[tuple[str, str, object]]:
    x = "x" * MB
    return [
        ("binance", "10 MB message on a known code", json.dumps({"code": -1121, "msg": x})),
        ("binance", "10 MB message on an unknown code", json.dumps({"code": -9999, "msg": x})),
        ("binance", "10 MB of separators", json.dumps({"code": -9999, "msg": ", ;" * (MB // 3)})),
        (
            "kucoin",
            "10 MB near-miss of a template",
            json.dumps(
                {"code": "300001", "msg": "Active order quantity limit exceeded (limit: " + x}
            ),
        ),
        (
            "kraken",
            "10 MB detail after a documented string",
            json.dumps({"error": ["EGeneral:Invalid arguments:" + x]}),
        ),
        ("kraken", "10 MB of code separators", json.dumps({"error": ["E" + ":x" * (MB // 2)]})),
        (
            "kraken",
            "500,000 error strings",
            json.dumps({"error": ["EOrder:Insufficient funds"] * 500_000}),
        ),
        ("kraken", "10 MB of random bytes", os.urandom(MB)),
        ("kraken", "10 MB of HTML", ("<html>" + "<div>x</div>" * (MB // 12)).encode()),
        ("binance", "10 MB of nesting", "[" * (MB // 2) + "]" * (MB // 2)),
    ]


def main() -> dict[str, float]:
    worst = 0.0
    for exchange, label, body in bodies():
        seconds = elapsed(
            lambda exchange=exchange, body=body: exchange_errors.classify(
                exchange, status=400, body=body
            )
        )
        error = exchange_errors.classify(exchange, status=400, body=body)
        name = type(error).__name__ if error is not None else "None"
        worst = max(worst, seconds)
        print(f"  {label:<42} {seconds * 1000:8.1f} ms  -> {name}")
    print(f"slowest: {worst * 1000:.0f} ms")
    return {"worst_seconds": worst}


if __name__ == "__main__":
    main()
