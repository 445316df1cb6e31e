"""A fuzz run: hundreds of thousands of broken, mutated and random bodies through classify,
counting every exception other than a returned error object (there must be none)."""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import exchange_errors

from tests.benchmarks.payloads import PAYLOADS

COUNT = 300_000
SEED = 20261121
FIELDS = ["code", "msg", "error", "result", "data", "success", "retCode", "sCode"]


def _value(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 4 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.randint(-(2**70), 2**70)
    if kind == 3:
        return rng.choice([0.5, float("nan"), float("inf"), -0.0, 1e308])
    if kind in (4, 5):
        return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(12)))
    if kind == 6:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(FIELDS): _value(rng, depth + 1) for _ in range(rng.randrange(4))}


def _mutate(rng: random.Random, body: bytes) -> bytes:
    data = bytearray(body)
    for _ in range(rng.randrange(1, 4)):
        action = rng.randrange(4)
        position = rng.randrange(len(data) + 1)
        if action == 0 and data:
            data[min(position, len(data) - 1)] = rng.randrange(256)
        elif action == 1:
            data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 5)))
        elif action == 2:
            del data[position : position + rng.randrange(1, 6)]
        else:
            del data[position:]
    return bytes(data)


def inputs(rng: random.Random, count: int) -> Iterator[tuple[str, int | None, Any]]:
    bodies = [p.body for p in PAYLOADS]
    for _ in range(count):
        exchange = rng.choice(exchange_errors.EXCHANGES)
        status = rng.choice(
            [None, 200, 400, 418, 429, 500, 503, 520, 1020, rng.randrange(-5, 1200)]
        )
        kind = rng.randrange(5)
        if kind == 0:
            body: Any = bytes(rng.randrange(256) for _ in range(rng.randrange(64)))
        elif kind == 1:
            body = _mutate(rng, rng.choice(bodies))
        elif kind == 2:
            body = _value(rng)
        elif kind == 3:
            body = {f: _value(rng, 1) for f in rng.sample(FIELDS, rng.randrange(1, 4))}
        else:
            body = json.dumps({f: _value(rng, 1) for f in rng.sample(FIELDS, 2)}, allow_nan=True)
        yield exchange, status, body


def main(count: int = COUNT) -> dict[str, int]:
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    failures: list[str] = []
    start = time.perf_counter()
    for exchange, status, body in inputs(rng, count):
        try:
            error = exchange_errors.classify(exchange, status=status, body=body)
        except Exception as exc:  # the point of the run: there must be none
            failures.append(f"{exchange} {status} {body!r:.80}: {type(exc).__name__}: {exc}")
            continue
        if error is None:
            outcomes["success (None)"] += 1
        elif error.raw is not body:
            failures.append(f"{exchange} {status} {body!r:.80}: raw body not kept")
        else:
            outcomes[error.category] += 1
    elapsed = time.perf_counter() - start
    print(f"{count:,} inputs in {elapsed:.1f} s ({count / elapsed:,.0f}/s), seed {SEED}")
    print(f"exceptions other than a returned error: {len(failures)}")
    for line in failures[:10]:
        print(f"  {line}")
    for category, number in outcomes.most_common():
        print(f"  {category:<22} {number:>8,}")
    return {"inputs": count, "failures": len(failures)}


if __name__ == "__main__":
    main()
