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
