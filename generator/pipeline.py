"""The steps from specs to the finished output files: load, render, format."""

from __future__ import annotations

from pathlib import Path

from .project import load_project
from .render import environment, plan, render
from .write import format_files

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def build_files(root: Path) -> dict[str, str]:
    """Every output file's text, by path relative to generated/. Raises SpecError."""
    project = load_project(root)
    outputs = plan(project)
    return format_files(render(environment(TEMPLATES), outputs))
