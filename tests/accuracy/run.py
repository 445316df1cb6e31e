"""`nox -s accuracy`: the share of the real corpus classified right by this package and by
ccxt, per exchange and API, and the cases where they disagree with the expected category."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from importlib.metadata import version

from tests.accuracy import ccxt_peer, variants
from tests.accuracy.corpus import Case, load, package_verdict


def _share(verdicts: Counter[str]) -> str:
    judged = sum(n for v, n in verdicts.items() if v != "unsupported")
    if not judged:
        return "n/a"
    return f"{verdicts['right']}/{judged} {100 * verdicts['right'] / judged:.0f}%"


def main() -> int:
    cases = load()
    print(f"corpus: {len(cases)} real responses; ccxt {version('ccxt')}")
    ours: dict[str, Counter[str]] = defaultdict(Counter)
    theirs: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[tuple[Case, str, str]] = []
    for case in cases:
        mine, peer = package_verdict(case), ccxt_peer.verdict(case)
        groups = [case.group, case.exchange, "all"]
        if peer != "unsupported":  # the cases both classify: REST
            groups.append("all REST (both)")
        for group in groups:
            ours[group][mine] += 1
            theirs[group][peer] += 1
        if mine != "right":
            misses.append((case, mine, peer))
    print(
        f"\n{'exchange / api':<28}{'cases':>6}  {'exchange-errors':>18}  {'ccxt':>18}"
        f"  {'ours as success':>15}"
    )
    for group in sorted(ours, key=lambda g: (g.startswith("all"), " " not in g, g)):
        count = sum(ours[group].values())
        print(
            f"{group:<28}{count:>6}  {_share(ours[group]):>18}  {_share(theirs[group]):>18}"
            f"  {ours[group]['success']:>15}"
        )
    print("\nmisses of this package (verdict, ccxt's verdict, expected, source):")
    for case, mine, peer in misses:
        print(f"  {mine:<11} ccxt {peer:<11} {case.group:<22} {case.expected:<20} {case.source}")
    variants.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
