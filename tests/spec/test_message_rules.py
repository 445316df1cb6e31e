"""The message rules every exchange shares (spec/messages.yaml) say what the exchanges'
documents say: the documented messages holding a rule's words mean the rule's category (or a
narrower or broader one of its line), so a rule generalizes what the documents agree on."""

from __future__ import annotations

import pytest

from generator.ir import Fallback
from generator.project import WORDS_PRIORITY, load_project
from tests.conftest import ROOT

PROJECT = load_project(ROOT)
# The share of the documented messages with a rule's words that must agree with it; the last
# rule is the loosest (it answers only what nothing else knows) and says so in its evidence.
AGREEMENT = 0.85
LAST_RULE_AGREEMENT = 0.5


def _lineage(category: str) -> list[str]:
    line = [category]
    parent = PROJECT.taxonomy.category(category).parent
    while parent:
        line.append(parent)
        parent = PROJECT.taxonomy.category(parent).parent
    return line


def _documented() -> dict[tuple[str, str], tuple[str, bool]]:
    """Each exchange's documented texts (lower case), with their category and whether they
    leave the outcome unknown."""
    found = {}
    for exchange in PROJECT.exchanges:
        for scope in exchange.scopes:
            outcomes = [o for error in scope.errors for o in error.outcomes] + list(scope.tables)
            for outcome in outcomes:
                for message in outcome.messages:
                    found[(exchange.id, message.text.lower())] = (
                        outcome.category,
                        outcome.outcome_unknown,
                    )
    return found


DOCUMENTED = _documented()
SHARED: list[Fallback] = [
    rule for rule in PROJECT.exchanges[0].fallbacks if rule.priority >= WORDS_PRIORITY
]


def _agrees(rule: Fallback, category: str, outcome_unknown: bool) -> bool:
    own = rule.outcome.category
    if own in _lineage(category) or category in _lineage(own):
        return True
    # A rule that keeps a doubt agrees with any message whose outcome stays unknown.
    return rule.outcome.outcome_unknown and outcome_unknown


def test_there_are_shared_rules() -> None:
    assert len(SHARED) >= 20


@pytest.mark.parametrize("rule", SHARED, ids=lambda rule: rule.outcome.name)
def test_documented_messages_with_a_rules_words_mean_what_it_says(rule: Fallback) -> None:
    words = [word.lower() for word in rule.contains]
    holding = [
        meaning for (_, text), meaning in DOCUMENTED.items() if any(w in text for w in words)
    ]
    agreeing = [meaning for meaning in holding if _agrees(rule, *meaning)]
    least = LAST_RULE_AGREEMENT if rule is SHARED[-1] else AGREEMENT
    assert len(agreeing) >= least * len(
        holding
    ), f"{len(agreeing)} of {len(holding)} documented messages with these words agree"
