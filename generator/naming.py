"""Every identifier rule in one place: how spec names become Python names."""

from __future__ import annotations

import ast
import builtins
import functools
import keyword
import re
from pathlib import Path

_GENERATOR = Path(__file__).resolve().parent
RUNTIME = _GENERATOR / "runtime"
PACKAGE_TEMPLATES = _GENERATOR.parent / "templates" / "exchange_errors"
# Added to builtins by the site module, so present in most interpreters but not all.
SITE_BUILTINS = ("copyright", "credits", "exit", "help", "license", "quit")
BUILTINS = frozenset((*dir(builtins), *SITE_BUILTINS))
# Modules of the package whose names come from the specs: what they import is no fixed name.
_SPEC_MODULES = (None, "_taxonomy")
_JINJA_NAME = "_jinja_"

_WORD = re.compile(r"[A-Za-z0-9]+")


def words(name: str) -> list[str]:
    return _WORD.findall(name.replace("_", " "))


def pascal(name: str) -> str:
    """bad_symbol, BAD_SYMBOL, bad-symbol -> BadSymbol."""
    return "".join(w[:1].upper() + w[1:].lower() for w in words(name))


def upper_snake(name: str) -> str:
    """Enum member name: BAD_SYMBOL, general_invalid_arguments -> GENERAL_INVALID_ARGUMENTS."""
    return "_".join(w.upper() for w in words(name))


def error_class(prefix: str, name: str) -> str:
    """Class of one documented meaning: always ends in a single "Error"."""
    base = pascal(name)
    if base.endswith("Error"):
        base = base[: -len("Error")]
    return f"{prefix}{base}Error"


def exchange_prefix(exchange_id: str) -> str:
    return pascal(exchange_id)


def code_enum(exchange_id: str, scope_id: str, single_scope: bool) -> str:
    middle = "" if single_scope else pascal(scope_id)
    return f"{exchange_prefix(exchange_id)}{middle}Code"


def identifier_problem(identifier: str) -> str | None:
    """Why a name from a spec cannot be a Python name in the generated package, or None: not
    an identifier, a keyword, a builtin, or a name the package's modules define or import
    themselves (a class `Index` or an exchange module `importlib` breaks the code using it)."""
    problem = name_problem(identifier)
    if problem is None and identifier in package_names():
        return f"{identifier!r} is a name the generated package uses"
    return problem


def name_problem(identifier: str) -> str | None:
    """Why a name from a spec that the package uses as a string (a scope id, a parameter
    name) is still no good as a Python name, or None: not an identifier, a keyword or a
    builtin."""
    if not identifier or not identifier.isidentifier():
        return f"{identifier!r} is not a valid Python identifier"
    if keyword.iskeyword(identifier) or keyword.issoftkeyword(identifier):
        return f"{identifier!r} is a Python keyword"
    if identifier[0].isdigit():
        return f"{identifier!r} starts with a digit"
    if identifier in BUILTINS:
        return f"{identifier!r} is a Python builtin"
    return None


@functools.cache
def package_names() -> frozenset[str]:
    """Every fixed top-level name of the package's modules that spec names share a namespace
    with: what the module templates define or import, and the runtime modules' names. Read
    from the templates when first asked, so that a name added to one is reserved at once."""
    names = {path.stem for path in RUNTIME.glob("_*.py") if path.name != "__init__.py"}
    for path in sorted(PACKAGE_TEMPLATES.glob("*.py.jinja")):
        stem = path.name.removesuffix(".py.jinja")
        if stem.startswith("_"):
            names.add(stem)
        names |= _top_level_names(_python_of_template(path.read_text(encoding="utf-8")))
    names.discard(_JINJA_NAME)
    return frozenset(names)


def _python_of_template(text: str) -> str:
    """A Jinja template of a Python module as Python: macros, comments and statements
    dropped, every expression replaced by one placeholder name."""
    text = re.sub(r"\{%-?\s*macro\b.*?\{%-?\s*endmacro\s*-?%\}", "", text, flags=re.S)
    text = re.sub(r"\{#.*?#\}", "", text, flags=re.S)
    text = re.sub(r"^[ \t]*\{%.*?%\}[ \t]*\n", "", text, flags=re.M)
    text = re.sub(r"\{%.*?%\}", "", text, flags=re.S)
    return re.sub(r"\{\{.*?\}\}", _JINJA_NAME, text, flags=re.S)


def _top_level_names(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        # A template this reading cannot follow: fall back to its plain definitions.
        found = re.findall(r"^(?:async def|def|class|import)\s+(\w+)|^(\w+)\s*[:=]", source, re.M)
        return {a or b for a, b in found}
    names: set[str] = set()
    _bound_in(tree.body, names)
    return names


def _bound_in(statements: list[ast.stmt], names: set[str]) -> None:
    for statement in statements:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(statement.name)
        elif isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = (
                statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            )
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(statement, ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in statement.names)
        elif isinstance(statement, ast.ImportFrom):
            if statement.level and statement.module in _SPEC_MODULES:
                continue
            names.update(a.asname or a.name for a in statement.names if a.name != "*")
        elif isinstance(statement, ast.If | ast.While | ast.For | ast.With):
            _bound_in(statement.body, names)
            _bound_in(getattr(statement, "orelse", []), names)
        elif isinstance(statement, ast.Try):
            for block in (statement.body, statement.orelse, statement.finalbody):
                _bound_in(block, names)
            for handler in statement.handlers:
                _bound_in(handler.body, names)


def collision_key(identifier: str) -> str:
    """Names that differ only in case or underscores are too close to tell apart."""
    return identifier.replace("_", "").lower()
