"""Every identifier rule in one place: how spec names become Python names."""

from __future__ import annotations

import keyword
import re

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
    """Why a derived name cannot be a Python identifier, or None."""
    if not identifier or not identifier.isidentifier():
        return f"{identifier!r} is not a valid Python identifier"
    if keyword.iskeyword(identifier) or keyword.issoftkeyword(identifier):
        return f"{identifier!r} is a Python keyword"
    if identifier[0].isdigit():
        return f"{identifier!r} starts with a digit"
    return None


def collision_key(identifier: str) -> str:
    """Names that differ only in case or underscores are too close to tell apart."""
    return identifier.replace("_", "").lower()
