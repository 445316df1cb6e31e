"""The one Jinja environment, and the plan of which template renders which output file."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from . import class_views, docs, package_views, views
from .ir import Project


def pyliteral(value: Any) -> str:
    """A spec value as Python source, on one line. Strings always go through repr, never into
    quotes; a class_views.Name is written as the name it holds."""
    if isinstance(value, class_views.Name):
        return value.name
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, str):
        return repr(str(value))
    if isinstance(value, int):
        return repr(int(value))
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, (set, frozenset)):
        return f"frozenset({pyliteral(tuple(sorted(value, key=repr)))})"
    if isinstance(value, tuple):
        inner = ", ".join(pyliteral(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(pyliteral(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{pyliteral(k)}: {pyliteral(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Python literal for {type(value).__name__}")


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyliteral"] = pyliteral
    env.filters["md"] = docs.markdown_cell
    return env


@dataclass(frozen=True)
class Output:
    path: str  # relative to the output folder
    template: str
    view: object | None  # a frozen dataclass whose fields are the template's variables


def variables(view: object | None) -> dict[str, object]:
    """A view's fields by name, as they are (not copied into dicts as asdict would)."""
    if view is None:
        return {}
    return {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}  # type: ignore[arg-type]


def plan(project: Project) -> list[Output]:
    """Every generated file: (output path, template, context). Static files have no context."""
    pkg = project.package.import_name
    outputs = [
        Output(
            f"{pkg}/__init__.py",
            "exchange_errors/__init__.py.jinja",
            package_views.package_view(project),
        ),
        Output(
            f"{pkg}/_taxonomy.py",
            "exchange_errors/_taxonomy.py.jinja",
            package_views.taxonomy_view(project),
        ),
        Output(f"{pkg}/py.typed", "exchange_errors/py.typed.jinja", None),
        Output("pyproject.toml", "pyproject.toml.jinja", package_views.metadata_view(project)),
        Output("README.md", "README.md.jinja", package_views.readme_view(project)),
    ]
    for exchange in project.exchanges:
        outputs.append(
            Output(
                f"{pkg}/{exchange.id}/__init__.py",
                "exchange_errors/exchange.py.jinja",
                views.exchange_view(project, exchange),
            )
        )
        outputs.append(
            Output(
                f"{pkg}/{exchange.id}/_index.py",
                "exchange_errors/exchange_index.py.jinja",
                views.index_view(project, exchange),
            )
        )
        outputs += [
            Output(
                f"{pkg}/{exchange.id}/{module.api}.py",
                "exchange_errors/exchange_api.py.jinja",
                module,
            )
            for module in views.api_module_views(project, exchange)
        ]
    outputs += [
        Output(
            f"docs/{exchange.id}.md",
            "docs/exchange.md.jinja",
            docs.exchange_page(project, exchange),
        )
        for exchange in project.exchanges
    ]
    outputs.append(
        Output("docs/categories.md", "docs/categories.md.jinja", docs.categories_page(project))
    )
    outputs.append(Output("LICENSE", "LICENSE.jinja", package_views.metadata_view(project)))
    return sorted(outputs, key=lambda o: o.path)


def render(env: jinja2.Environment, outputs: list[Output]) -> dict[str, str]:
    return {o.path: env.get_template(o.template).render(**variables(o.view)) for o in outputs}
