# Part of the exchange-errors runtime: written by hand in generator/runtime/, shipped verbatim.
"""Matching a (code, message) against an exchange's tables.

Precedence, most specific first: (scope, code, message), then (scope, code), then the exact
message, then message templates. Lookups are hash lookups; templates are literal segments
matched left to right with plain string searches, so no input can make matching backtrack."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import (
    Any,
    Generic,
)

from ._text import (
    E,
    Matching,
    MessageTemplate,
    Ref,
    match_template,
    normalize,
    prefixes,
    quick_key,
)

Code = int | str

# How many levels of a hierarchical string code ("EGeneral:Invalid arguments:x") are tried.
MAX_CODE_DEPTH = 8
# The longest fragment of a fallback rule the screen of their fragments builds a tree for.
MAX_TREE_FRAGMENT = 200
# HTTP statuses are 100-599, but a caller may pass any int: the per-status choice of fallback
# rules is kept for this many.
MAX_STATUSES = 1024
# The key prefix, in an index's categories, of the class of a category of another layer that
# an exchange reports in its answer ("reported request_timeout": a gateway's timeout).
REPORTED = "reported "
REPORTED_TIMEOUT = REPORTED + "request_timeout"


class CodeRule(Generic[E]):
    __slots__ = ("default", "exact", "message_decides", "templates")

    def __init__(
        self,
        default: Ref[E],
        exact: Mapping[str, Ref[E]],
        templates: tuple[MessageTemplate[E], ...] = (),
        message_decides: bool = False,
    ) -> None:
        self.default = default
        self.exact = exact
        self.templates = templates
        # The code says little: an undocumented message is matched exchange-wide first.
        self.message_decides = message_decides


# What a match found: the class, the captured values, the rule that decided, the scope.
Found = tuple[type[E], Mapping[str, str], str, str | None]
# The same before a class named in the tables is created.
Candidate = tuple[Ref[E], Mapping[str, str], str, str | None]


class Index(Generic[E]):
    """The match tables of one exchange."""

    __slots__ = (
        "candidates",
        "categories",
        "code_scopes",
        "codes",
        "default_chain",
        "fallbacks",
        "fallbacks_by_status",
        "matching",
        "messages",
        "parents",
        "resolve",
        "templates",
    )

    def __init__(
        self,
        *,
        matching: Matching,
        categories: Mapping[str, type[E]],
        codes: Mapping[tuple[str, Code], CodeRule[E]],
        messages: Mapping[str, tuple[Ref[E], ...]],
        templates: Mapping[str, tuple[MessageTemplate[E], ...]],
        fallbacks: tuple[Fallback[E], ...] = (),
        default_chain: tuple[str, ...] = (),
        resolve: Callable[[str], type[E]],
        parents: Mapping[str, str | None],
    ) -> None:
        self.matching = matching
        self.categories = categories
        self.codes = codes
        # Each code's APIs, in the tables' order: which APIs document a code nowhere else.
        scopes: dict[Code, tuple[str, ...]] = {}
        for scope, code in codes:
            scopes[code] = (*scopes.get(code, ()), scope)
        self.code_scopes: Mapping[Code, tuple[str, ...]] = scopes
        self.candidates: dict[
            tuple[tuple[str, ...] | None, Code], tuple[tuple[str, CodeRule[E]], ...]
        ] = {}
        self.messages = messages
        self.templates = templates
        self.fallbacks = fallbacks
        self.fallbacks_by_status: dict[int | None, StatusFallbacks[E]] = {}
        # Searched first when no api is given: the exchange's usual API.
        self.default_chain = default_chain
        # The class of a name in the tables (created on first use).
        self.resolve = resolve
        # Each category's parent category, from the taxonomy.
        self.parents = parents


def _class(index: Index[E], ref: Ref[E]) -> type[E]:
    return index.resolve(ref) if isinstance(ref, str) else ref


# A fallback rule: statuses, status ranges, message fragments (normalized), its class.
Fallback = tuple[frozenset[int], tuple[tuple[int, int], ...], tuple[str, ...], type[E]]

# The fallback rules a status allows, and a pattern of their fragments (see _fallbacks_for).
StatusFallbacks = tuple[tuple[Fallback[E], ...], "re.Pattern[str] | None"]

NO_PARAMS: Mapping[str, str] = {}


def _in_rule(index: Index[E], rule: CodeRule[E], text: str, key: str) -> Candidate[E] | None:
    """The meaning a code's messages pick, or None when none of them fits."""
    cls = rule.exact.get(key)
    if cls is not None:
        return (cls, NO_PARAMS, "code+message", None)
    for template in rule.templates:
        params = match_template(template, text, key)
        if params is not None:
            return (template.cls, params, "code+template", None)
    for prefix in prefixes(key, index.matching):
        cls = rule.exact.get(prefix)
        if cls is not None:
            found = (cls, NO_PARAMS, "code+message", None)
            return _narrower_detail(index, found, key[len(prefix) :])
    return None


def _narrower_detail(index: Index[E], found: Candidate[E], detail: str) -> Candidate[E]:
    """Documented words with a detail appended: where the detail's words are a rule's for a
    narrower kind of the same failure ("Parameter err: symbol not exist", "Operation failed:
    insufficient balance"), that kind; the words alone say less."""
    detailed = fallback(index, None, detail)
    if detailed is None:
        return found
    own, narrower = _class(index, found[0]), detailed[0]
    if narrower.category != own.category and own.category in lineage(
        narrower.category, index.parents
    ):
        return (narrower, NO_PARAMS, found[2] + "+detail", found[3])
    return found


def _code_prefixes(code: str, separator: str) -> list[str]:
    """The documented-code candidates of a string code with details appended, longest first."""
    end = code.find(separator)
    if end < 0:  # the usual code: no levels
        return []
    ends: list[int] = []
    while end > 0 and len(ends) < MAX_CODE_DEPTH:
        ends.append(end)
        end = code.find(separator, end + 1)
    return [code[:end] for end in reversed(ends)]


def _candidates(
    index: Index[E], chain: tuple[str, ...] | None, code: Code
) -> tuple[tuple[str, CodeRule[E]], ...]:
    """The documented rules of a code the API (or, without one, the usual API first, then
    every API) lists, remembered per API and code: both are the tables' own, so there are
    only so many."""
    if code not in index.code_scopes:  # a code no API documents: the usual unknown
        return ()
    key = (chain, code)
    found = index.candidates.get(key)
    if found is None:
        found = _rules_of(index, chain, code)
        index.candidates[key] = found
    return found


def _rules_of(
    index: Index[E], chain: tuple[str, ...] | None, code: Code
) -> tuple[tuple[str, CodeRule[E]], ...]:
    codes = index.codes
    if chain is None and index.default_chain:
        found = _rules_of(index, index.default_chain, code)
        if found:
            return found
    if chain is not None:
        for scope in chain:
            rule = codes.get((scope, code))
            if rule is not None:
                return ((scope, rule),)
        return ()
    return tuple((scope, codes[(scope, code)]) for scope in index.code_scopes[code])


def _by_code(
    index: Index[E], chain: tuple[str, ...] | None, code: Code, message: str
) -> Candidate[E] | None:
    matching = index.matching
    # A string code that is its own message (Kraken's "EOrder:Insufficient funds"): once the
    # code is found, its words are the code's, not another code's text.
    own_message = code == message
    sent = code
    if isinstance(code, str):
        code = quick_key(code, matching)
    candidates = _candidates(index, chain, code)
    rule_name = "code"
    if not candidates and isinstance(sent, str):
        # Normalized as sent: a code that is its message is then normalized once for both.
        folded = normalize(sent, matching)[1]
        if folded != code:
            candidates = _candidates(index, chain, folded)
        code = folded
        if not candidates and matching.code_separator:
            for prefix in _code_prefixes(code, matching.code_separator):
                candidates = _candidates(index, chain, prefix)
                if candidates:
                    rule_name = "code prefix"
                    break
    if not candidates:
        return None
    if len(candidates) == 1:
        scope, rule = candidates[0]
        if not rule.exact and not rule.templates:  # the code alone decides (Kraken's strings)
            same = None if own_message else _same_code_elsewhere(index, code, message)
            if same is not None:
                return (same, NO_PARAMS, "code+message elsewhere", _class(index, same).scope_id)
            return (rule.default, NO_PARAMS, rule_name, scope)
        cls = rule.exact.get(quick_key(message, matching))
        if cls is not None:
            return (cls, NO_PARAMS, "code+message", scope)
    text, key = normalize(message, matching)
    by_message: list[Candidate[E]] = []
    for scope, rule in candidates:
        found = _in_rule(index, rule, text, key)
        if found is not None:
            by_message.append((found[0], found[1], found[2], scope))
    if by_message:
        return _agree(index, by_message)
    elsewhere = None if own_message else _documented_elsewhere(index, code, text, key)
    # This very code with these very words in another API's list is that error: the
    # exchange's usual API reuses the number (spot's -2021 is a cancel-replace half done,
    # futures' the words "Order would immediately trigger."). Words documented under other
    # codes count only where the code's own meaning does not leave the outcome unknown (that
    # doubt stays), nor already is what the words say (it says more).
    if elsewhere is not None and (
        _class(index, elsewhere).documented_code == code
        or not any(
            _class(index, rule.default).outcome_unknown
            or _says(index, _class(index, rule.default), _class(index, elsewhere))
            for _, rule in candidates
        )
    ):
        where = candidates[0][0] if len(candidates) == 1 else None
        return (elsewhere, NO_PARAMS, "code+message elsewhere", where)
    if any(rule.message_decides for _, rule in candidates):
        decided = _by_message(index, chain, message) or fallback(index, None, message)
        if decided is not None:
            where = candidates[0][0] if len(candidates) == 1 else None
            return (decided[0], decided[1], "code+" + decided[2], where)
    return _agree(index, [(rule.default, NO_PARAMS, rule_name, s) for s, rule in candidates])


def _same_code_elsewhere(index: Index[E], code: Code, message: str) -> Ref[E] | None:
    """The meaning another API's list gives this very code with these very words, where the
    API asked about documents the code without words (Binance spot's -2021 has none; futures'
    -2021 is "Order would immediately trigger.")."""
    return _of_code(index, index.messages.get(normalize(message, index.matching)[1], ()), code)


def _of_code(index: Index[E], refs: tuple[Ref[E], ...], code: Code) -> Ref[E] | None:
    """The one meaning among `refs` documented under `code`, or None."""
    same = [ref for ref in refs if _class(index, ref).documented_code == code]
    return same[0] if len(same) == 1 else None


def _says(index: Index[E], own: type[E], words: type[E]) -> bool:
    """Whether a code's own class is already what the words mean: their class, or one of
    its category's (a narrower category says more)."""
    return own is words or words.category in lineage(own.category, index.parents)


def _documented_elsewhere(index: Index[E], code: Code, text: str, key: str) -> Ref[E] | None:
    """What a documented code means when its own texts do not match and the text is one the
    exchange documents elsewhere: the meaning another API's list gives this very code with
    this very text (Binance margin's -4015 with futures' "Client order id is not valid."), else
    the category every documented use of the text shares (-1105 "This listenKey does not
    exist.", the text of -1125; COIN-M's -4088 "Maximum time interval is 200 days.", worded
    by USDⓈ-M's template of -4165): the words say more than a number reused for them."""
    refs = index.messages.get(key)
    if not refs:
        fitted = _template_of(index, text, key)
        if fitted is None:
            return None
        refs = (fitted[0].cls,)
    same = _of_code(index, refs, code)
    if same is not None:
        return same
    categories = {_class(index, ref).category for ref in refs}
    if len(categories) != 1:
        return None
    shared = index.categories[categories.pop()]
    if not shared.outcome_unknown and any(_class(index, ref).outcome_unknown for ref in refs):
        # Where the words are documented, they leave the request's outcome open ("Request
        # status unknown."): the reported timeout keeps that doubt and is still caught as the
        # exchange being unavailable.
        reported = index.categories.get(REPORTED_TIMEOUT)
        if reported is not None and any(
            getattr(base, "category", None) == shared.category for base in reported.__mro__
        ):
            return reported
    return shared


def _template_of(
    index: Index[E], text: str, key: str
) -> tuple[MessageTemplate[E], dict[str, str]] | None:
    """The first of the exchange's message templates the text fits and the values it
    captures, or None."""
    word = key.split(" ", 1)[0]
    for template in index.templates.get(word, ()):
        params = match_template(template, text, key)
        if params is not None:
            return template, params
    for template in index.templates.get("", ()):  # templates that open with a value
        if template.groups[0].literal not in key:  # the text after the value is not there
            continue
        params = match_template(template, text, key)
        if params is not None:
            return template, params
    return None


def _by_message(
    index: Index[E], chain: tuple[str, ...] | None, message: str
) -> Candidate[E] | None:
    text, key = normalize(message, index.matching)
    classes = index.messages.get(key)
    if classes:
        return _agree(
            index, [(c, NO_PARAMS, "message", None) for c in _prefer(index, chain, classes)]
        )
    fitted = _template_of(index, text, key)
    if fitted is not None:
        return (fitted[0].cls, fitted[1], "template", None)
    for prefix in prefixes(key, index.matching):
        classes = index.messages.get(prefix)
        if classes:
            picked = _prefer(index, chain, classes)
            found = _agree(index, [(c, NO_PARAMS, "message", None) for c in picked])
            return _narrower_detail(index, found, key[len(prefix) :])
    return None


def _prefer(
    index: Index[E], chain: tuple[str, ...] | None, refs: tuple[Ref[E], ...]
) -> tuple[Ref[E], ...]:
    """A message several scopes document means what the API asked about (or, without one,
    the exchange's usual API) says; the others only where none of those documents it."""
    if len(refs) == 1:
        return refs
    classes = tuple(_class(index, ref) for ref in refs)
    for scope in chain if chain is not None else index.default_chain:
        picked = tuple(c for c in classes if c.scope_id == scope)
        if picked:
            return picked
    return classes


def find(
    index: Index[E], chain: tuple[str, ...] | None, code: Code, message: str
) -> Found[E] | None:
    """What a (code, message) means: by its code first, else by its message alone. A message
    documented for another code gives that meaning's category, not the other code's class: the
    error is not that code."""
    found = _by_code(index, chain, code, message)
    if found is not None:
        return (_class(index, found[0]), found[1], found[2], found[3])
    found = _by_message(index, chain, message)
    if found is None:
        return None
    cls = _class(index, found[0])
    if code != message and cls.documented_code is not None and cls.documented_code != code:
        return (index.categories[cls.category], found[1], found[2], None)
    return (cls, found[1], found[2], found[3])


def find_message(index: Index[E], chain: tuple[str, ...] | None, message: str) -> Found[E] | None:
    """What a message means without a code: the documented texts and templates alone."""
    if not message:
        return None
    found = _by_message(index, chain, message)
    if found is None:
        return None
    return (_class(index, found[0]), found[1], found[2], found[3])


def lineage(category: str, parents: Mapping[str, str | None]) -> list[str]:
    """The category and its ancestors, nearest first."""
    line = [category]
    parent = parents.get(category)
    while parent:
        line.append(parent)
        parent = parents.get(parent)
    return line


def _agree(index: Index[E], found: list[Candidate[E]]) -> Candidate[E]:
    """One answer from several: the same class, or the exchange's class of their nearest
    common category, which is never wrong for any of them."""
    first = found[0]
    if len(found) == 1 or all(f[0] == first[0] for f in found):
        return first
    lineages = [lineage(_class(index, f[0]).category, index.parents) for f in found]
    common = next(c for c in lineages[0] if all(c in line for line in lineages[1:]))
    scopes = {f[3] for f in found}
    scope = scopes.pop() if len(scopes) == 1 else None
    return (index.categories[common], NO_PARAMS, "ambiguous", scope)


def _fallbacks_for(index: Index[E], status: int | None) -> StatusFallbacks[E]:
    """The fallback rules whose status condition a status meets, in priority order, and a
    pattern of all their message fragments when every one of them needs a fragment: most
    messages contain none, and one search says so. Chosen once per status, then looked up."""
    chosen = index.fallbacks_by_status.get(status)
    if chosen is None:
        rules = tuple(
            rule
            for rule in index.fallbacks
            if not (rule[0] or rule[1])
            or (
                status is not None
                and (status in rule[0] or any(low <= status <= high for low, high in rule[1]))
            )
        )
        screen = None
        if rules and all(rule[2] for rule in rules):
            screen = literal_screen({fragment for rule in rules for fragment in rule[2]})
        chosen = (rules, screen)
        if len(index.fallbacks_by_status) < MAX_STATUSES:
            index.fallbacks_by_status[status] = chosen
    return chosen


def literal_screen(fragments: set[str]) -> re.Pattern[str]:
    """A pattern found in a text where any of the fragments is. The fragments share their
    beginnings in a tree of alternatives ("insufficient (?:balance|funds)"), so at each place
    in the text the search follows one branch instead of trying every fragment: three times
    faster than their plain alternation over the rules' 70 fragments. Literals only: linear,
    no backtracking beyond a fragment's length."""
    if any(len(fragment) > MAX_TREE_FRAGMENT for fragment in fragments):
        # The tree is built by recursion, one level per character: a plain alternation
        # serves fragments too long for it.
        return re.compile("|".join(re.escape(fragment) for fragment in sorted(fragments)))
    tree: dict[str, Any] = {}
    for fragment in fragments:
        node = tree
        for char in fragment:
            node = node.setdefault(char, {})
        node[""] = {}  # a fragment ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(pattern(tree))


def fallback(index: Index[E], status: int | None, message: str) -> Found[E] | None:
    """The first fallback rule, by priority, whose status and message conditions hold."""
    rules, screen = _fallbacks_for(index, status)
    if not rules:
        return None
    key: str | None = None
    if screen is not None:
        key = normalize(message, index.matching)[1]
        if screen.search(key) is None:
            return None
    for _statuses, _ranges, contains, cls in rules:
        if contains:
            if key is None:
                key = normalize(message, index.matching)[1]
            for fragment in contains:
                if fragment in key:
                    break
            else:
                continue
        return (cls, NO_PARAMS, "fallback", None)
    return None
