"""Tiers from the calibrated confidence, and at most three asserted antecedents."""

from __future__ import annotations

from extract.trace.decision import MAX_ASSERTED, decide, floor_of, tier_of

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


def test_decision_an_explicit_reference_to_a_called_meeting_is_asserted_whatever_its_confidence() -> (
    None
):
    # Level 2 of 4 (called meetings under a heading naming the subject) and above: asserted.
    assert floor_of(2 / 4) == floor_of(1.0) == "asserted"
    tiers = [t for _, t in decide([(0.05, "x"), (0.5, "y")], T, ["asserted", "candidate"])]
    assert tiers == ["asserted", "probable"]


def test_decision_a_weak_explicit_reference_is_probable_at_least() -> None:
    # Level 1 (meetings called in an area that names the subject somewhere): probable, not more.
    assert floor_of(1 / 4) == "probable"
    assert floor_of(0.0) == "candidate"
    assert [t for _, t in decide([(0.01, "x")], T, [floor_of(0.25)])] == ["probable"]
    assert [t for _, t in decide([(0.95, "x")], T, [floor_of(0.25)])] == ["asserted"]


def test_decision_the_rule_goes_first_under_the_cap_of_three() -> None:
    scored = [(0.99, "a"), (0.98, "b"), (0.97, "c"), (0.1, "d")]
    floors = ["candidate", "candidate", "candidate", "asserted"]
    tiers = [t for _, t in decide(scored, T, floors)]
    assert tiers == ["asserted", "asserted", "probable", "asserted"]
