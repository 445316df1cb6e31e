"""Classifications per second, ours against ccxt's and python-kraken-sdk's error handling, on
the same payloads in one process, from the raw body to a caught exception."""

from __future__ import annotations

import math

from tests.benchmarks import peers
from tests.benchmarks.payloads import PAYLOADS, variants
from tests.benchmarks.timing import ops_per_second

GOALS = {"kraken": 1.5, "kucoin": 1.5, "binance": 10.0}


def main() -> dict[str, float]:
    print("first sight: every body distinct; repeated: the same body again (remembered)")
    print(
        f"{'payload':<18} {'ccxt/s':>9} {'first sight/s':>14} {'ratio':>6}"
        f" {'repeated/s':>11} {'ratio':>6} {'kraken-sdk/s':>13} {'ratio':>6}"
        f" {'floor/s':>9} {'ratio':>6} {'goal/s':>10}"
    )
    ratios: dict[str, dict[str, list[float]]] = {}
    for payload in PAYLOADS:
        ring = variants(payload.body)
        ccxt = ops_per_second(peers.ccxt_handler(payload, ring))
        cold = ops_per_second(peers.ours_handler(payload, ring))
        warm = ops_per_second(peers.ours_handler(payload, [payload.body]))
        floor = ops_per_second(peers.floor_handler(payload, ring))
        sdk_run = peers.kraken_sdk_handler(payload, ring)
        sdk = ops_per_second(sdk_run) if sdk_run else None
        mine = ratios.setdefault(payload.exchange, {"cold": [], "warm": []})
        mine["cold"].append(cold / ccxt)
        mine["warm"].append(warm / ccxt)
        sdk_text = f"{sdk:>13,.0f} {cold / sdk:>5.1f}x" if sdk else f"{'-':>13} {'-':>6}"
        name = f"{payload.exchange} {payload.kind}"
        print(
            f"{name:<18} {ccxt:>9,.0f} {cold:>14,.0f} {cold / ccxt:>5.1f}x"
            f" {warm:>11,.0f} {warm / ccxt:>5.1f}x {sdk_text}"
            f" {floor:>9,.0f} {floor / ccxt:>5.1f}x {GOALS[payload.exchange] * ccxt:>10,.0f}"
        )
    print()
    print(
        "floor: decode, json.loads, one dict lookup, raise and catch: the least any Python"
        " classifier does per body; goal/s: the rate the goal asks for."
    )
    print(
        f"raising and catching one exception alone: {ops_per_second(peers.raise_handler()):,.0f}/s"
    )
    summary = {}
    print()
    for exchange, modes in ratios.items():
        cold_mean, warm_mean = (_geomean(modes[m]) for m in ("cold", "warm"))
        summary[exchange] = cold_mean
        goal = GOALS[exchange]
        print(
            f"{exchange}: {cold_mean:.1f}x ccxt on first sight, {warm_mean:.1f}x repeated"
            f" (geometric means; goal {goal}x: {_verdict(cold_mean, goal)} on first sight,"
            f" {_verdict(warm_mean, goal)} repeated)"
        )
    print()
    print("What each side gives for the Binance template payload:")
    template = next(p for p in PAYLOADS if p.exchange == "binance" and p.kind == "template")
    print(f"  ccxt: {peers.ccxt_message(template)}")
    import exchange_errors

    error = exchange_errors.classify("binance", status=template.status, body=template.body)
    assert error is not None
    print(
        f"  ours: {type(error).__name__} code={error.code} category={error.category}"
        f" params={error.params} retryable={error.retryable} raw kept={error.raw is template.body}"
    )
    return summary


def _geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def _verdict(value: float, goal: float) -> str:
    return "met" if value >= goal else "missed"


if __name__ == "__main__":
    main()
