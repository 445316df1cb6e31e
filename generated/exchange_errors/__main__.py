# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""python -m exchange_errors explain <exchange> <code-or-body>: what an error means, for
people at a terminal and, with --json, for tools. `explain --list` names the exchanges and
their APIs. The exit status is 0 for a match (or a success), 1 when nothing documented
matches (with the codes and messages it may have meant), 2 for a wrong argument."""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from ._base import ErrorBase, build_error
from ._engine import body_for_code
from ._match import fallback, find_message
from ._text import normalize

RETRY_ADVICE = {
    "never": "do not retry; fix the request or the account first",
    "backoff": "retry after backing off",
    "after": "retry after the delay below",
    "resync_clock": "resynchronise the clock (or nonce), then retry",
    "confirm_first": "first check whether the request was executed, then retry if it was not",
}
# How many "did you mean" suggestions are given at most.
SUGGESTIONS = 5
# How alike (difflib's ratio) a code or message must be to be suggested.
SIMILARITY = 0.6
_INTEGER = re.compile(r"-?[0-9]+")


def _package() -> Any:
    """The generated package this module ships in: its exchanges and their modules. Imported
    when asked for, so that this module is source the generator's checks can read alone."""
    return importlib.import_module(__package__ or "exchange_errors")


def exchange_module(exchange: str) -> Any:
    return _package().exchange_module(exchange)


def _lineage_names(cls: type) -> list[str]:
    return [c.__name__ for c in cls.__mro__ if issubclass(c, ErrorBase) and c is not ErrorBase]


def _lineage(cls: type) -> str:
    return " < ".join(_lineage_names(cls))


def _tables(exchange: str) -> Any:
    return exchange_module(exchange).TABLES


def describe(error: ErrorBase) -> list[str]:
    cls = type(error)
    if error.code is not None:
        said: object = error.code
    elif error.http_status is not None:
        said = error.http_status
    else:  # a message alone
        said = json.dumps(error.message, ensure_ascii=False)
    lines = [
        f"{error.exchange} {said}: {cls.__name__}",
        f"  classes:      {_lineage(cls)}",
        f"  category:     {error.category}",
        f"  meaning:      {error.description}",
    ]
    if error.advice:
        lines.append(f"  advice:       {error.advice}")
    lines.append(f"  retry:        {RETRY_ADVICE.get(error.retry_policy, error.retry_policy)}")
    if error.retry_after is not None:
        lines.append(f"  retry after:  {error.retry_after:g} s")
    if error.outcome_unknown:
        lines.append("  outcome:      unknown: the request may have been executed")
    if error.partial:
        lines.append("  partial:      part of the request went through")
    lines.append(f"  matched by:   {error.rule}" + (f" (api {error.api})" if error.api else ""))
    if error.code is None and error.documented_code is not None:
        lines.append(f"  code:         {error.documented_code} (documented with these words)")
    if error.params:
        values = ", ".join(f"{k}={v!r}" for k, v in error.params.items())
        lines.append(f"  values:       {values}")
    if error.evidence:
        lines.append(f"  observed:     not documented; seen in {error.evidence}")
    elif error.source:
        lines.append(f"  documented:   {error.source}")
    for text in error.documented_messages:
        lines.append(f"  message:      {text}")
    shown = (*error.documented_messages, str(error.code))
    if error.message and error.message not in shown:
        lines.append(f"  received:     {error.message}")
    return lines


def nothing_matched(error: ErrorBase) -> bool:
    """Whether no documented code, message, rule or status decided: the error is the
    exchange's API root class only because its code is unknown."""
    tables = _tables(error.exchange)
    return error.rule == "unknown code" and type(error) is tables.api_root


def _resolved(index: Any, ref: Any) -> type[ErrorBase]:
    cls: type[ErrorBase] = index.resolve(ref) if isinstance(ref, str) else ref
    return cls


def _preferred(scopes: list[str], first: Sequence[str]) -> str:
    """The scope to show a code of: the first one of the api asked about (or the default
    api), else the first one listing it."""
    for scope in first:
        if scope in scopes:
            return scope
    return scopes[0]


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether two digit strings differ by one digit added, dropped, changed or swapped with
    its neighbour."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return diff == [i, i + 1] and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _near_codes(text: str, codes: Sequence[object]) -> list[object]:
    """Codes a mistyped code may have meant, best first."""
    if text.lstrip("-").isdigit():
        digits = text.lstrip("-")
        same = [c for c in codes if str(c).lstrip("-") == digits]  # a dropped or extra minus
        near = [
            c
            for c in codes
            if str(c).lstrip("-").isdigit() and _one_edit_apart(str(c).lstrip("-"), digits)
        ]
        near.sort(key=lambda c: -difflib.SequenceMatcher(None, str(c), text).ratio())
        return [*same, *near]
    by_text = {str(code).lower(): code for code in codes}
    return [
        by_text[found]
        for found in difflib.get_close_matches(text.lower(), by_text, SUGGESTIONS, SIMILARITY)
    ]


def _suggestion(cls: type[ErrorBase], code: object) -> dict[str, Any]:
    return {
        "code": code,
        "class": cls.__name__,
        "category": cls.category,
        "api": cls.scope_id,
        "description": cls.description,
    }


def suggestions(exchange: str, what: str, api: str | None) -> list[dict[str, Any]]:
    """Documented codes near `what`, as a code (a dropped minus sign, a mistyped digit or
    word) and as a message, best first."""
    tables = _tables(exchange)
    index = tables.index
    chain: Sequence[str] | None = tables.chains.get(api) if api else None
    first: Sequence[str] = chain if chain is not None else index.default_chain
    scopes: dict[object, list[str]] = {}
    for scope, code in index.codes:
        if chain is None or scope in chain:
            scopes.setdefault(code, []).append(scope)
    text = what.strip()
    result: dict[str, dict[str, Any]] = {}
    for code in _near_codes(text, list(scopes)):
        scope = _preferred(scopes[code], first)
        cls = _resolved(index, index.codes[(scope, code)].default)
        shown = cls.documented_code if cls.documented_code is not None else code
        result.setdefault(str(shown), _suggestion(cls, shown))
    if not text.lstrip("-").isdigit():
        key = normalize(text, index.matching)[1]
        for found in difflib.get_close_matches(key, index.messages, SUGGESTIONS, SIMILARITY):
            classes: dict[str, type[ErrorBase]] = {}
            for ref in index.messages[found]:
                cls = _resolved(index, ref)
                if cls.documented_code is not None and cls.scope_id is not None:
                    classes.setdefault(cls.scope_id, cls)
            if chain is not None:
                classes = {scope: cls for scope, cls in classes.items() if scope in chain}
            if classes:
                cls = classes[_preferred(list(classes), first)]
                result.setdefault(str(cls.documented_code), _suggestion(cls, cls.documented_code))
    return list(result.values())[:SUGGESTIONS]


class Explained:
    """What explain found: the error (None for a success), whether something documented
    matched, the meaning per api of an ambiguous code, and suggestions when nothing matched."""

    def __init__(
        self,
        exchange: str,
        what: str,
        error: ErrorBase | None,
        per_api: list[tuple[str, ErrorBase]],
        near: list[dict[str, Any]],
    ) -> None:
        self.exchange = exchange
        self.what = what
        self.error = error
        self.per_api = per_api
        self.matched = error is None or not nothing_matched(error)
        self.suggestions = [] if self.matched else near

    def lines(self) -> list[str]:
        error = self.error
        if error is None:
            if self.what.startswith(("{", "[", "<")) or not self.what:
                return [f"{self.exchange}: a success, not an error"]
            return [f"{self.exchange}: {self.what} means success"]
        if not self.matched:
            return self._unmatched_lines(error)
        lines = describe(error)
        if self.per_api:
            lines.append("  the code means different things per api; pass --api:")
            for scope, found in self.per_api:
                lines.append(f"    {scope}: {type(found).__name__} ({found.category})")
        return lines

    def _unmatched_lines(self, error: ErrorBase) -> list[str]:
        shown = error.code if error.code is not None else self.what
        lines = [
            f"{self.exchange} {shown}: nothing documented matches",
            f"  classify gives: {type(error).__name__}, the exchange's root class"
            " (matched by: unknown code)",
        ]
        if self.what.isdigit() and 100 <= int(self.what) <= 599:
            lines.append(
                f"  an HTTP status? pass it as: explain {self.exchange} '<body>'"
                f" --status {self.what}"
            )
        if not self.suggestions:
            lines.append("  no documented code or message is near it")
            return lines
        lines.append("  did you mean:")
        for item in self.suggestions:
            api = f", api {item['api']}" if item["api"] else ""
            lines.append(
                f"    {item['code']}: {item['class']} ({item['category']}{api})"
                f" {item['description']}"
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        error = self.error
        if error is None:
            return {"matched": True, "success": True, "exchange": self.exchange}
        cls = type(error)
        found: dict[str, Any] = {"matched": self.matched, "success": False}
        found.update(error.to_dict())
        found["lineage"] = _lineage_names(cls)
        found["documented_messages"] = list(cls.documented_messages)
        found["source"] = cls.source
        found["evidence"] = cls.evidence
        if self.per_api:
            found["per_api"] = [
                {"api": scope, "class": type(one).__name__, "category": one.category}
                for scope, one in self.per_api
            ]
        if not self.matched:
            found["suggestions"] = self.suggestions
        return found


def _unique(near: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_code: dict[str, dict[str, Any]] = {}
    for item in near:
        by_code.setdefault(str(item["code"]), item)
    return list(by_code.values())[:SUGGESTIONS]


def examine(exchange: str, what: str, api: str | None, status: int | None) -> Explained:
    """Classify a code or a whole body as explain does."""
    module = exchange_module(exchange)
    tables = _tables(exchange)
    text = what.strip()
    near: list[dict[str, Any]] = []
    if text.startswith(("{", "[", "<")) or not text:
        error = module.classify(status=status, body=what, api=api)
        if error is not None and nothing_matched(error):
            for said in (error.code, error.message):
                if said is not None and str(said):
                    near += suggestions(exchange, str(said), api)
        return Explained(exchange, text, error, [], _unique(near))
    body = body_for_code(tables, text, api)
    if body is None and text.isdigit():
        error = module.classify(status=int(text), body=None, api=api)
    else:
        error = module.classify(status=status, body=body, api=api)
    if error is not None and nothing_matched(error) and not _code_like(tables, text, api):
        # Words where the exchange's codes are numbers: read as the message they are.
        error = _message_error(tables, text, api, status) or error
    per_api: list[tuple[str, ErrorBase]] = []
    if error is not None and error.rule == "ambiguous" and api is None:
        for scope in tables.chains:
            found = module.classify(body=body_for_code(tables, text, scope), api=scope)
            if found is not None and found.scope_id is not None:
                per_api.append((scope, found))
    if error is not None and nothing_matched(error):
        near = suggestions(exchange, text, api)
    return Explained(exchange, text, error, per_api, near)


def _code_like(tables: Any, text: str, api: str | None) -> bool:
    """Whether the text can be one of the exchange's codes: any text where codes are words
    (Kraken's "EOrder:..."), only an integer where they are numbers."""
    envelope = tables.scope_envelopes.get(api, tables.envelope) if api else tables.envelope
    if envelope.code_type == "string":
        return True
    return _INTEGER.fullmatch(text) is not None


def _message_error(
    tables: Any, text: str, api: str | None, status: int | None
) -> ErrorBase | None:
    """The error a message alone means (its documented text, a template or a message rule),
    or None when nothing knows it."""
    chain = tables.chains.get(api) if api else None
    found = find_message(tables.index, chain, text) or fallback(tables.index, status, text)
    if found is None:
        return None
    cls, params, rule, scope = found
    error: ErrorBase = build_error(cls, text, None, status, None, params, rule, scope)
    return error


def examine_ws(exchange: str, message: str) -> Explained:
    """Classify a WebSocket message as explain --websocket does."""
    error = _package().classify_ws(exchange, message)
    return Explained(exchange, message.strip(), error, [], [])


def explain(exchange: str, what: str, api: str | None, status: int | None) -> list[str]:
    return examine(exchange, what, api, status).lines()


def apis(exchange: str) -> dict[str, Any]:
    """An exchange's APIs (scopes): the codes each lists, the scopes it inherits, the URL
    fragments and top-level body fields (a string, or there at all) that choose it without
    api=, and the default one."""
    tables = _tables(exchange)
    index = tables.index
    default = index.default_chain[0] if index.default_chain else None
    counts: dict[str, int] = {}
    for scope, _ in index.codes:
        counts[scope] = counts.get(scope, 0) + 1
    listed = []
    for scope, chain in tables.chains.items():
        listed.append(
            {
                "api": scope,
                "default": scope == default,
                "codes": counts.get(scope, 0),
                "inherits": list(chain[1:]),
                "urls": [fragment for fragment, to in tables.url_patterns if to == scope],
                "body_fields": [
                    {"field": field, "kind": kind}
                    for field, to, kind in tables.shape_fields
                    if to == scope
                ],
            }
        )
    return {"exchange": exchange, "default_api": default, "apis": listed}


def list_lines(listed: list[dict[str, Any]]) -> list[str]:
    lines = []
    for exchange in listed:
        lines.append(f"{exchange['exchange']}")
        width = max((len(item["api"]) for item in exchange["apis"]), default=0)
        for item in exchange["apis"]:
            notes = []
            if item["default"]:
                notes.append("default")
            if item["inherits"]:
                notes.append("also " + ", ".join(item["inherits"]))
            if item["urls"]:
                notes.append("urls " + " ".join(item["urls"]))
            for shape in item["body_fields"]:
                notes.append(f"body field {shape['field']} ({shape['kind']})")
            line = f"  {item['api']:<{width}} {item['codes']:>4} codes"
            lines.append(f"{line}  {'; '.join(notes)}" if notes else line)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exchange_errors", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser(
        "explain",
        help="what an error code or response body means",
        description="What an error code or response body means. Exit status: 0 matched,"
        " 1 nothing documented matches, 2 a wrong argument.",
    )
    command.add_argument("exchange", nargs="?", choices=_package().EXCHANGES)
    command.add_argument(
        "what", nargs="?", help="an error code (-1121, 400100, 'EOrder:...') or a body"
    )
    command.add_argument("--api", help="the API (scope) the response came from")
    command.add_argument("--status", type=int, help="the HTTP status of the response")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument(
        "--websocket", action="store_true", help="the body is a WebSocket message"
    )
    command.add_argument(
        "--list", action="store_true", help="the exchanges (or one) and their APIs"
    )
    args = parser.parse_args(argv)
    if args.list:
        if args.what is not None or args.api is not None or args.status is not None:
            command.error("--list takes at most an exchange")
        chosen = [args.exchange] if args.exchange else _package().EXCHANGES
        listed = [apis(exchange) for exchange in chosen]
        if args.json:
            print(json.dumps({"exchanges": listed}, ensure_ascii=False))
        else:
            print("\n".join(list_lines(listed)))
        return 0
    if args.exchange is None or args.what is None:
        command.error("give an exchange and a code or body, or --list")
    if args.websocket and (args.api is not None or args.status is not None):
        command.error("a WebSocket message has no --api or --status")
    try:
        if args.websocket:
            found = examine_ws(args.exchange, args.what)
        else:
            found = examine(args.exchange, args.what, args.api, args.status)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(found.to_dict(), ensure_ascii=False, default=str))
    else:
        print("\n".join(found.lines()))
    return 0 if found.matched else 1


if __name__ == "__main__":
    sys.exit(main())
