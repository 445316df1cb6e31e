"""The steps from specs to the finished output files: load, render, format."""

from __future__ import annotations

import json
import sys
from importlib import metadata
from pathlib import Path

from . import cache
from .project import load_project
from .render import environment, plan, render
from .write import format_files

GENERATOR = Path(__file__).resolve().parent
TEMPLATES = GENERATOR.parent / "templates"
RUNTIME = GENERATOR / "runtime"
# Whole builds kept in the cache, newest first: enough for a branch or two and a diff's base.
BUILDS_KEPT = 8
# The tools whose versions shape the output.
TOOLS = ("black", "jinja2", "ruamel.yaml")


def runtime_files(package: str) -> dict[str, str]:
    """The hand-written runtime modules, by their path in the output, exactly as written."""
    return {
        f"{package}/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted(RUNTIME.glob("_*.py"))
        if path.name != "__init__.py"
    }


def inputs_key(root: Path) -> str:
    """The hash of everything a build reads: the specs, the templates, the generator's own
    source with its runtime, and the versions of Python and of the tools it uses."""
    parts: list[bytes | str] = [sys.version]
    parts += [f"{tool} {metadata.version(tool)}" for tool in TOOLS]
    for folder, pattern in ((root / "spec", "*"), (TEMPLATES, "*"), (GENERATOR, "*.py")):
        for path in sorted(folder.rglob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return cache.key(*parts)


def build_files(root: Path, *, fresh: bool = False) -> dict[str, str]:
    """Every output file's text, by path relative to generated/. Raises SpecError. A build
    whose every input is unchanged since an earlier one is read from the cache, unless
    `fresh` asks to build it again."""
    name = inputs_key(root)
    stored = None if fresh else cache.read("builds", name)
    if stored is not None:
        try:
            files = json.loads(stored)
        except ValueError:  # a damaged entry only costs the time to build again
            files = None
        if isinstance(files, dict):
            return files
    files = _build(root)
    cache.write("builds", name, json.dumps(files).encode("utf-8"), keep=BUILDS_KEPT)
    return files


def _build(root: Path) -> dict[str, str]:
    project = load_project(root)
    outputs = plan(project)
    files = format_files(render(environment(TEMPLATES), outputs))
    files.update(runtime_files(project.package.import_name))
    return dict(sorted(files.items()))
