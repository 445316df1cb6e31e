"""Generation time for the real specs and for synthetic specs 10 and 100 times larger, and
classification speed in the packages generated from them: generation should grow linearly,
classification not at all."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.pipeline import TEMPLATES, runtime_files
from generator.project import load_project
from generator.render import environment, plan, render
from generator.write import format_files

ROOT = Path(__file__).resolve().parents[2]

CATEGORIES = ["bad_request", "invalid_order", "insufficient_funds", "rate_limited", "bad_symbol"]

CLASSIFY = """
import json, time, sys
from exchange_errors import synthetic
n = int(sys.argv[1])
known, tpl, other = n // 2, n // 5 * 5, n // 3
bodies = {
    "known code": '{"code": %d, "msg": "Synthetic failure number %d happened."}' % (known, known),
    "template": '{"code": %d, "msg": "Limit %d exceeded: current 7 of 9."}' % (tpl, tpl),
    "message only": '{"code": -1, "msg": "Synthetic failure number %d happened."}' % other,
    "unknown": '{"code": -1, "msg": "nothing like it"}',
}
spaces = [b" ", b"\\t", b"\\n", b"\\r"]
result = {}
for name, body in bodies.items():
    raw = body.encode()
    variants = [
        b"{" + b"".join(spaces[(i >> (2 * d)) & 3] for d in range(6)) + raw[1:]
        for i in range(2048)
    ]
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for i in range(50_000):
            synthetic.classify(body=variants[i & 2047])
        best = min(best, time.perf_counter() - start)
    result[name] = 50_000 / best
print(json.dumps(result))
"""


def synthetic_spec(codes: int) -> str:
    lines = [
        "id: synthetic",
        "name: Synthetic",
        "documents: [{id: docs, title: Synthetic codes}]",
        "envelope: {code_field: code, code_type: int, message_field: msg,"
        " code_absent_means_success: true}",
        'matching: {trailing_punctuation: "."}',
        'placeholders: ["%s"]',
        "scopes:",
        "  - id: main",
        "    title: Main",
        "    document: docs",
        "    errors:",
    ]
    for i in range(1, codes + 1):
        if i % 5 == 0:
            message = (
                f'{{text: "Limit {i} exceeded: current %s of %s.", params: [current, limit]}}'
            )
        else:
            message = f'"Synthetic failure number {i} happened."'
        lines += [
            f"      - code: {i}",
            f"        name: synthetic_error_{i}",
            f"        category: {CATEGORIES[i % len(CATEGORIES)]}",
            f"        messages: [{message}]",
            f"        description: Synthetic error {i}.",
        ]
    return "\n".join(lines) + "\n"


def _timed_generation(root: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.perf_counter()
    project = load_project(root)
    times["load and check"] = time.perf_counter() - start
    start = time.perf_counter()
    rendered = render(environment(TEMPLATES), plan(project))
    times["render"] = time.perf_counter() - start
    start = time.perf_counter()
    files = format_files(rendered)
    times["format"] = time.perf_counter() - start
    files.update(runtime_files(project.package.import_name))
    times["total"] = sum(times.values())
    times["bytes"] = sum(len(text) for text in files.values())
    out = root / "generated"
    out.mkdir(exist_ok=True)
    for path, text in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)
    return times


def _project(folder: Path, codes: int | None) -> Path:
    (folder / "spec" / "exchanges").mkdir(parents=True)
    for name in ("taxonomy.yaml", "package.yaml"):
        shutil.copy(ROOT / "spec" / name, folder / "spec")
    if codes is None:
        for spec in (ROOT / "spec" / "exchanges").glob("*.yaml"):
            shutil.copy(spec, folder / "spec" / "exchanges")
    else:
        (folder / "spec" / "exchanges" / "synthetic.yaml").write_text(synthetic_spec(codes))
    return folder


def main() -> dict[str, object]:
    real = load_project(ROOT)
    real_codes = sum(len(s.errors) for e in real.exchanges for s in e.scopes)
    sizes = [("real specs", None, real_codes)]
    sizes += [(f"synthetic {k}x", real_codes * k, real_codes * k) for k in (1, 10, 100)]
    print(
        f"{'specs':<16} {'codes':>7} {'load':>8} {'render':>8} {'format':>8} {'total':>8}"
        f" {'per 1000':>9} {'output':>9}"
    )
    report: dict[str, object] = {}
    speeds = {}
    for label, synthetic, codes in sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = _project(Path(folder), synthetic)
            t = _timed_generation(root)
            print(
                f"{label:<16} {codes:>7,} {t['load and check']:>7.2f}s {t['render']:>7.2f}s"
                f" {t['format']:>7.2f}s {t['total']:>7.2f}s {t['total'] / codes * 1000:>8.2f}s"
                f" {t['bytes'] / 1e6:>7.1f}MB"
            )
            report[label] = t
            if synthetic is not None:
                out = subprocess.run(
                    [sys.executable, "-c", CLASSIFY, str(codes)],
                    cwd=root / "generated",
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                speeds[label] = json.loads(out)
    print()
    print(
        "classifications per second in the generated package (each body seen for the first time):"
    )
    kinds = list(next(iter(speeds.values())))
    print(f"{'specs':<16} " + " ".join(f"{k:>13}" for k in kinds))
    for label, values in speeds.items():
        print(f"{label:<16} " + " ".join(f"{values[k]:>13,.0f}" for k in kinds))
    report["classification"] = speeds
    return report


if __name__ == "__main__":
    main()
