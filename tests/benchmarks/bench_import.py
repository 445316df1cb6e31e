"""Import time of exchange_errors and of one exchange module, against `import ccxt`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import exchange_errors

RUNS = 15


def import_seconds(statement: str) -> float:
    """The least total import time of `statement` over fresh interpreters (-X importtime),
    with bytecode cached as an installed package has it (the first run writes it)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", statement], env=env, check=True)
    best = float("inf")
    for _ in range(RUNS):
        stderr = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", statement],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stderr
        total = 0
        for line in stderr.splitlines():
            parts = line.split("|")
            if not line.startswith("import time:") or len(parts) != 3:
                continue
            name = parts[2][1:]  # one space follows the bar; deeper imports indent further
            cumulative = parts[1].strip()
            if cumulative.isdigit() and not name.startswith(" "):
                total += int(cumulative)
        best = min(best, total / 1e6)
    return best


def largest_module() -> str:
    """The exchange whose package module is the largest (the heaviest one to import: its
    APIs' modules of records are imported only when one of their meanings is needed)."""
    package = Path(exchange_errors.__file__).parent
    return max(
        exchange_errors.EXCHANGES, key=lambda e: (package / e / "__init__.py").stat().st_size
    )


def largest_api_module() -> str:
    """The API module of records that is the largest, as exchange.api."""
    package = Path(exchange_errors.__file__).parent
    paths = [p for e in exchange_errors.EXCHANGES for p in (package / e).glob("[!_]*.py")]
    largest = max(paths, key=lambda p: p.stat().st_size)
    return f"{largest.parent.name}.{largest.stem}"


def main() -> dict[str, float]:
    figures: dict[str, float] = {}
    largest = largest_module()
    for label, baseline in (
        ("in a fresh interpreter", "pass"),
        ("in an application that already imports typing, json and re", "import typing, json, re"),
    ):
        base = import_seconds(baseline)
        ours = import_seconds(f"{baseline}; import exchange_errors") - base
        one = import_seconds(f"{baseline}; import exchange_errors.{largest}") - base
        records = largest_api_module()
        api = import_seconds(f"{baseline}; import exchange_errors.{records}") - base
        ccxt = import_seconds(f"{baseline}; import ccxt") - base
        verdict = "met" if ccxt / one >= 20 else "missed"
        print(f"{label}:")
        print(f"  import exchange_errors          {ours * 1000:7.1f} ms")
        module = f"exchange_errors.{largest}"
        print(f"  import {module:<24} {one * 1000:7.1f} ms (the largest exchange module)")
        module = f"exchange_errors.{records}"
        print(f"  import {module:<24} {api * 1000:7.1f} ms (with the largest API's records)")
        print(f"  import ccxt                     {ccxt * 1000:7.1f} ms")
        print(
            f"  ccxt is {ccxt / ours:.0f}x heavier than exchange_errors, {ccxt / one:.0f}x heavier"
            f" than it with an exchange module (goal 20x: {verdict})"
        )
        figures[label] = ccxt / one
    return figures


if __name__ == "__main__":
    main()
