"""Checks of envelopes and codes: an envelope that says where errors live, status fields
that can be followed, code patterns that cannot explode, codes of the envelope's wire type."""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any

from ..ir import Envelope
from ..specmodel.exchange import EnvelopeSpec, StatusFieldSpec

# A code_pattern is run by Python's backtracking matcher, whose time can grow exponentially
# with the text (nested quantifiers, alternatives under a quantifier, backreferences) or as a
# power of it (many quantifiers in a row). Patterns that can do the first are refused; the
# second is bounded by the number of quantifiers and alternatives and the length of a code
# checked, which keeps the worst code to milliseconds.
MAX_PATTERN_LENGTH = 200
MAX_PATTERN_CHOICES = 3
MAX_CHECKED_CODE = 100
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_SIMPLER = "a code pattern checks the shape of a code, such as ^[EW][A-Za-z]+:; keep it simple"


def envelope_problem(spec: EnvelopeSpec, has_statuses: bool) -> tuple[str, str] | None:
    """(problem, hint) when the envelope cannot be used as written, or None."""
    has_codes = bool(spec.code_field or spec.error_list_field or spec.item_list_field)
    if not has_codes and not has_statuses:
        return (
            "the envelope names no code_field, error_list_field or item_list_field",
            "say where errors live in a body, or declare http_statuses for a status-only API",
        )
    if has_codes and spec.code_type is None:
        return (
            "the envelope has codes but no code_type",
            "add code_type: int, numeric_string or string",
        )
    as_codes = [entry for entry in spec.status_fields if entry.message is None]
    if as_codes and (spec.code_type or "int") != "string":
        return (
            "status_fields without a message need code_type: string",
            "their values are looked up as codes; give message: <path of the failure's text>",
        )
    if spec.item_list_field and not spec.item_code_field:
        return ("item_list_field needs item_code_field", "name the code's path inside each item")
    if spec.code_pattern is not None:
        return pattern_problem(spec.code_pattern)
    return None


@functools.cache
def pattern_problem(pattern: str) -> tuple[str, str] | None:
    """(problem, hint) when a code_pattern is not a regular expression, or is one whose
    matching time can explode; None when every code can be checked against it quickly."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        return (
            f"code_pattern is {len(pattern)} characters long",
            f"a code pattern has at most {MAX_PATTERN_LENGTH} characters",
        )
    try:
        re.compile(pattern)
        parsed = _regex_parser().parse(pattern)
    except re.error as exc:
        return (f"code_pattern is not a regular expression: {exc}", "")
    except (RecursionError, OverflowError, ValueError) as exc:
        return (f"code_pattern is not a regular expression: {exc}", "")
    choices: list[str] = []
    problem = _backtracking_problem(parsed, choices)
    if problem:
        return (f"code_pattern can backtrack catastrophically: {problem}", _SIMPLER)
    if len(choices) > MAX_PATTERN_CHOICES:
        return (
            f"code_pattern has {len(choices)} quantifiers and alternations, more than"
            f" {MAX_PATTERN_CHOICES}",
            _SIMPLER,
        )
    return None


def _regex_parser() -> Any:
    """The standard library's parser of regular expressions (re._parser, sre_parse before
    Python 3.11), which compile() uses too."""
    try:
        return importlib.import_module("re._parser")
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse")


def _parts(op: str, argument: Any) -> list[Any]:
    """The sub-patterns of one parsed regex item."""
    if op in _REPEATS:
        return [argument[2]]
    if op == "BRANCH":
        return list(argument[1])
    if op in ("SUBPATTERN", "ASSERT", "ASSERT_NOT"):
        return [argument[-1]]
    if op == "ATOMIC_GROUP":
        return [argument]
    return []


def _can_choose(pattern: Any) -> bool:
    """Whether a sub-pattern has a quantifier of variable count or an alternation."""
    for op_code, argument in pattern:
        op = str(op_code)
        if op == "BRANCH" or (op in _REPEATS and argument[0] != argument[1]):
            return True
        if any(_can_choose(part) for part in _parts(op, argument)):
            return True
    return False


def _backtracking_problem(pattern: Any, choices: list[str]) -> str | None:
    """Why a parsed pattern can take exponential time, or None; counts its choice points."""
    for op_code, argument in pattern:
        op = str(op_code)
        if op in ("GROUPREF", "GROUPREF_EXISTS"):
            return "a backreference"
        if op in _REPEATS:
            low, high, body = argument
            if low != high:
                choices.append(op)
            if high > 1 and _can_choose(body):
                return "a quantifier or alternation inside a repeated group, as in (a+)+"
        elif op == "BRANCH":
            choices.append(op)
        for part in _parts(op, argument):
            problem = _backtracking_problem(part, choices)
            if problem:
                return problem
    return None


def status_field_problems(spec: EnvelopeSpec) -> list[tuple[StatusFieldSpec, str, str]]:
    """(entry, problem, hint) for each status field whose path cannot be followed."""
    problems = []
    for entry in spec.status_fields:
        if any(s in ("", "[]") for s in entry.field.split(".")):
            problems.append(
                (
                    entry,
                    f"status field {entry.field!r} has an empty segment",
                    "write a dotted path such as sendStatus.status or batchStatus[].status",
                )
            )
    return problems


def code_problem(code: object, envelope: Envelope) -> tuple[str, str] | None:
    """(problem, hint) when a code does not have the envelope's wire type, or None."""
    kind = envelope.code_type
    if kind == "int" and not (isinstance(code, int) and not isinstance(code, bool)):
        return (f"code {code!r} is not an integer", "this envelope's code_type is int")
    if kind == "numeric_string" and not (isinstance(code, str) and code.isdigit()):
        return (
            f"code {code!r} is not a string of digits",
            'this envelope\'s code_type is numeric_string: quote it, e.g. "400100"',
        )
    if kind == "string":
        if not isinstance(code, str):
            return (f"code {code!r} is not a string", "this envelope's code_type is string")
        pattern = envelope.code_pattern
        # A pattern with a problem is reported with the envelope and never run.
        if pattern and pattern_problem(pattern) is None:
            if len(code) > MAX_CHECKED_CODE:
                return (
                    f"code of {len(code)} characters is too long to check against code_pattern",
                    f"codes of an envelope with a code_pattern have at most {MAX_CHECKED_CODE}"
                    " characters",
                )
            if not re.search(pattern, code):
                return (f"code {code!r} does not match {pattern}", "")
    return None
