"""Formatting with the pinned black, once per distinct text.

black is the formatter of record, and formatting the large exchange modules is most of what
generation costs. Its output depends only on its version, its mode and the text, so a result is
kept in a cache outside the repository, keyed by the hash of all three, and texts the cache does
not hold are formatted in parallel processes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import black
from black.mode import TargetVersion

MODE = black.Mode(
    target_versions={TargetVersion.PY310},
    line_length=99,
    string_normalization=True,
    magic_trailing_comma=True,
)

BLACK_VERSION = importlib.metadata.version("black")

# Below this many characters a text is formatted in this process: starting a worker costs more.
PARALLEL_FROM = 200_000

CACHE_VARIABLE = "EXCHANGE_ERRORS_CACHE"


def cache_folder() -> Path | None:
    """Where formatted texts are kept: $EXCHANGE_ERRORS_CACHE, else the user's cache folder;
    None when the variable is set to the empty string (no cache)."""
    configured = os.environ.get(CACHE_VARIABLE)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "exchange-errors" / "black"


def _key(text: str) -> str:
    digest = hashlib.sha256()
    for part in (BLACK_VERSION, repr(MODE), text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _format(text: str) -> str:
    return black.format_str(text, mode=MODE)


def _cached(folder: Path | None, key: str) -> str | None:
    if folder is None:
        return None
    try:
        return (folder / key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _keep(folder: Path | None, key: str, text: str) -> None:
    """Store a result; a cache that cannot be written only costs time."""
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
        os.replace(temporary, folder / key)
    except OSError:
        pass


def format_python(texts: dict[str, str]) -> dict[str, str]:
    """Each text formatted by black, by the same keys."""
    folder = cache_folder()
    keys = {path: _key(text) for path, text in texts.items()}
    done: dict[str, str] = {}
    missing: list[str] = []
    for path, key in keys.items():
        found = _cached(folder, key)
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
    for path in missing:
        _keep(folder, keys[path], done[path])
    return {path: done[path] for path in texts}
