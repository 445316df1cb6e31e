"""Small timing helpers: the best of several repeats, as operations per second."""

from __future__ import annotations

import time
from collections.abc import Callable


def ops_per_second(run: Callable[[], None], seconds: float = 0.3, repeats: int = 5) -> float:
    """Best rate over `repeats` runs of about `seconds` each (the least disturbed one)."""
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            run()
        elapsed = time.perf_counter() - start
        if elapsed > seconds / 10:
            break
        loops *= 4
    loops = max(1, int(loops * (seconds / elapsed)))
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(loops):
            run()
        best = min(best, time.perf_counter() - start)
    return loops / best


def elapsed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def calibrated_loops(run: Callable[[], None], seconds: float) -> int:
    """How many calls of `run` take about `seconds`, once its first calls (imports, tables
    made on first use) are behind it."""
    for _ in range(100):
        run()
    loops = 1
    while True:
        took = micro_seconds(run, loops) * loops / 1e6
        if took > seconds / 10:
            return max(1, int(loops * seconds / took))
        loops *= 4


def micro_seconds(run: Callable[[], None], loops: int) -> float:
    """Microseconds per call of `run` over `loops` calls."""
    start = time.perf_counter()
    for _ in range(loops):
        run()
    return (time.perf_counter() - start) / loops * 1e6
