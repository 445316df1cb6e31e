"""Formatting with the pinned black, once per distinct text.

black is the formatter of record, and formatting the large exchange modules is most of what
generation costs. Its output depends only on its version, its mode and the text, so a result is
kept in the generator's cache under the hash of all three, and texts the cache does not hold
are formatted in parallel processes.
"""

from __future__ import annotations

import importlib.metadata
import os
from concurrent.futures import ProcessPoolExecutor

import black
from black.mode import TargetVersion

from . import cache

MODE = black.Mode(
    target_versions={TargetVersion.PY310},
    line_length=99,
    string_normalization=True,
    magic_trailing_comma=True,
)

BLACK_VERSION = importlib.metadata.version("black")

# Below this many characters a text is formatted in this process: starting a worker costs more.
PARALLEL_FROM = 200_000


def _format(text: str) -> str:
    return black.format_str(text, mode=MODE)


def _cached(name: str) -> str | None:
    data = cache.read("black", name)
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def format_python(texts: dict[str, str]) -> dict[str, str]:
    """Each text formatted by black, by the same keys."""
    keys = {path: cache.key(BLACK_VERSION, repr(MODE), text) for path, text in texts.items()}
    done: dict[str, str] = {}
    missing: list[str] = []
    for path, name in keys.items():
        found = _cached(name)
        if found is None:
            missing.append(path)
        else:
            done[path] = found
    large = [path for path in missing if len(texts[path]) >= PARALLEL_FROM]
    workers = min(len(large), os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(_format, [texts[path] for path in large])
            done.update(zip(large, results, strict=True))
    for path in missing:
        if path not in done:
            done[path] = _format(texts[path])
        cache.write("black", keys[path], done[path].encode("utf-8"))
    return {path: done[path] for path in texts}
