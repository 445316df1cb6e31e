"""Writing the output tree all at once, its Python formatted by black."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .formatting import format_python

# Files in the output folder that generation does not own, carried over on every write.
PRESERVED = ("CHANGELOG.md",)


def format_files(files: dict[str, str]) -> dict[str, str]:
    formatted = format_python({p: t for p, t in files.items() if p.endswith(".py")})
    return {path: formatted.get(path, text) for path, text in files.items()}


def _write_tree(folder: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))


def replace_tree(out: Path, files: dict[str, str]) -> None:
    """Write `files` as the whole of `out`. On any failure `out` is left as it was: the new
    tree is built beside it and swapped in by two renames."""
    out = out.resolve()
    _recover(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        _write_tree(staging, files)
        for name in PRESERVED:
            if (out / name).is_file() and name not in files:
                shutil.copy2(out / name, staging / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = out.parent / f".{out.name}.old"
    if out.exists():
        out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)


def _recover(out: Path) -> None:
    """Undo what an interrupted run left: a swap stopped between its two renames, staging
    folders of runs that were killed."""
    retired = out.parent / f".{out.name}.old"
    if retired.exists() and not out.exists():
        retired.rename(out)
    elif retired.exists():
        shutil.rmtree(retired, ignore_errors=True)
    for staging in out.parent.glob(f".{out.name}.new-*"):
        shutil.rmtree(staging, ignore_errors=True)


def tree_differences(expected: dict[str, str], folder: Path) -> list[str]:
    """Paths (relative to `folder`) that differ from `expected`, are missing or are extra."""
    problems = []
    for relative, text in sorted(expected.items()):
        target = folder / relative
        if not target.is_file():
            problems.append(f"missing: {relative}")
        elif target.read_bytes() != text.encode("utf-8"):
            problems.append(f"changed: {relative}")
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in expected and not _ignored(relative):
                problems.append(f"extra: {relative}")
    return problems


def _ignored(relative: str) -> bool:
    parts = relative.split("/")
    return relative in PRESERVED or any(
        p in ("__pycache__", "dist", "build", ".mypy_cache") or p.endswith(".egg-info")
        for p in parts
    )
