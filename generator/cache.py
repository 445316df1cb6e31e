"""The generator's cache on disk, outside the repository: results that depend only on their
inputs (black's formatting of a text, the parse of a spec file), kept under the hash of those
inputs so that generation redoes only what changed. A cache that cannot be read or written
only costs time."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

VARIABLE = "EXCHANGE_ERRORS_CACHE"


def folder(kind: str) -> Path | None:
    """Where results of one kind are kept: under $EXCHANGE_ERRORS_CACHE, else the user's cache
    folder; None when the variable is set to the empty string (no cache)."""
    configured = os.environ.get(VARIABLE)
    if configured is not None:
        return Path(configured) / kind if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "exchange-errors" / kind


def key(*parts: bytes | str) -> str:
    """The hash of every input a result depends on."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def read(kind: str, name: str) -> bytes | None:
    where = folder(kind)
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def write(kind: str, name: str, data: bytes, keep: int | None = None) -> None:
    """Store a result atomically: a reader never sees half of it. With `keep`, only that many
    of the kind's newest results stay (large ones: whole builds)."""
    where = folder(kind)
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, where / name)
        if keep is not None:
            stored = sorted(
                (p for p in where.iterdir() if not p.name.startswith(".")),
                key=lambda p: p.stat().st_mtime,
                reverse=True,
            )
            for old in stored[keep:]:
                old.unlink(missing_ok=True)
    except OSError:
        pass
