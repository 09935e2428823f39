"""Candidates: the best k of each earlier plan, so a pair that skips a plan is never crowded out."""

from __future__ import annotations

from extract.trace.candidates import keep_best


def test_candidates_best_k_of_each_plan() -> None:
    # Plan 1 has five strong pairs; plan 0 one weaker pair: it is kept all the same.
    scored = [(0.9, 1, 10), (0.8, 1, 11), (0.7, 1, 12), (0.6, 1, 13), (0.5, 1, 14), (0.2, 0, 3)]
    kept = keep_best(scored, k=3)
    assert (0, 3) in kept
    assert [j for plan, j in kept if plan == 1] == [10, 11, 12]
