"""The steps from specs to the finished output files: load, render, format."""

from __future__ import annotations

from pathlib import Path

from .project import load_project
from .render import environment, plan, render
from .write import format_files

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
RUNTIME = Path(__file__).resolve().parent / "runtime"


def runtime_files(package: str) -> dict[str, str]:
    """The hand-written runtime modules, by their path in the output, exactly as written."""
    return {
        f"{package}/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted(RUNTIME.glob("_*.py"))
        if path.name != "__init__.py"
    }


def build_files(root: Path) -> dict[str, str]:
    """Every output file's text, by path relative to generated/. Raises SpecError."""
    project = load_project(root)
    outputs = plan(project)
    files = format_files(render(environment(TEMPLATES), outputs))
    files.update(runtime_files(project.package.import_name))
    return dict(sorted(files.items()))
