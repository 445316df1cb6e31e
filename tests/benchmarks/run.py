"""The benchmark suite (`nox -s bench`): prints the machine and every figure."""

from __future__ import annotations

import os
import platform
import sys
from importlib.metadata import version

from tests.benchmarks import bench_big, bench_fuzz, bench_generation, bench_import, bench_speed


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {sys.version.split()[0]} on {platform.system()}"


def main() -> None:
    print(f"machine: {machine()}")
    print(f"peers: ccxt {version('ccxt')}, python-kraken-sdk {version('python-kraken-sdk')}")
    for title, bench in (
        ("classification speed against the peers", bench_speed.main),
        ("import time", bench_import.main),
        ("fuzz run", bench_fuzz.main),
        ("huge and hostile bodies", bench_big.main),
        ("generation time and classification as the specs grow", bench_generation.main),
    ):
        print(f"\n== {title} ==")
        bench()


if __name__ == "__main__":
    main()
