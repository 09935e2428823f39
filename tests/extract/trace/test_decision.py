"""Tiers from the calibrated confidence, and at most three asserted antecedents."""

from __future__ import annotations

from extract.trace.decision import MAX_ASSERTED, decide, tier_of

T = {"asserted": 0.8, "probable": 0.4}


def test_decision_tiers_by_threshold() -> None:
    assert tier_of(0.9, T) == "asserted"
    assert tier_of(0.8, T) == "asserted"
    assert tier_of(0.5, T) == "probable"
    assert tier_of(0.39, T) == "candidate"


def test_decision_at_most_three_asserted_the_least_confident_become_probable() -> None:
    scored = [(0.81, "a"), (0.95, "b"), (0.9, "c"), (0.85, "d"), (0.3, "e")]
    tiers = [t for _, t in decide(scored, T)]
    assert tiers.count("asserted") == MAX_ASSERTED == 3
    assert tiers == ["probable", "asserted", "asserted", "asserted", "candidate"]
