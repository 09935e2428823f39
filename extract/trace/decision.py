"""The three tiers, from the calibrated confidence.

- asserted: confidence at least ``thresholds["asserted"]``, and among the mandate's three most
  confident asserted links (a mandate continues at most three earlier ones);
- probable: confidence at least ``thresholds["probable"]`` (and not asserted);
- candidate: the rest, kept and ranked, no relation.
The thresholds are chosen on cross-validation (``train.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")

TIERS = ("asserted", "probable", "candidate")
MAX_ASSERTED = 3


def tier_of(confidence: float, thresholds: Mapping[str, float]) -> str:
    if confidence >= thresholds["asserted"]:
        return "asserted"
    if confidence >= thresholds["probable"]:
        return "probable"
    return "candidate"


def decide(
    scored: Sequence[tuple[float, T]], thresholds: Mapping[str, float]
) -> list[tuple[float, str]]:
    """The tier of each (confidence, pair) of one later mandate, in the order given; beyond
    MAX_ASSERTED, the less confident asserted ones are probable."""
    order = sorted(range(len(scored)), key=lambda n: -scored[n][0])
    tiers = [tier_of(c, thresholds) for c, _ in scored]
    asserted = 0
    for n in order:
        if tiers[n] == "asserted":
            asserted += 1
            if asserted > MAX_ASSERTED:
                tiers[n] = "probable"
    return [(c, t) for (c, _), t in zip(scored, tiers, strict=True)]
