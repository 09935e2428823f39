"""A link as a reader sees it: its tier, what its number means (the calibrated confidence, and the
cross-validated precision of its tier), its evidence in the reader's language, and its review."""

from __future__ import annotations

from dataclasses import dataclass

from api.pages.messages import CONTINUATIONS, MEASURED, REVIEWED, TIERS, Translator
from api.pages.tiers import CANDIDATE, TierLink, TierQuality

KINDS = ("reiterates", "reformulates", "followsUp", "extends")


@dataclass(frozen=True)
class Explained:
    link: TierLink
    tier: str  # the tier's name in the reader's language
    kind: str
    number: str  # "0.82"
    number_label: str  # calibrated confidence, or an uncalibrated score
    meaning: str  # what the tier is worth, measured
    evidence: tuple[str, ...]
    evidence_lang: str
    review: str | None  # who confirmed or rejected it, and why
    overridden: str | None  # the method's own tier, when a review changed it


def explain(k: TierLink, t: Translator, quality: dict[str, TierQuality]) -> Explained:
    """``k`` in the words of ``t``'s language."""
    if k.confidence is not None:
        number, label = f"{k.confidence:.2f}", t("calibrated confidence")
    else:
        number, label = f"{k.score:.2f}", t("the tracer's score (not a probability)")
    q = quality.get(k.tier)
    if q is not None:
        meaning = t(MEASURED[k.tier], precision=round(100 * q.precision))
    elif k.tier == CANDIDATE:
        meaning = t("Not a relation.")
    else:
        meaning = t("This graph does not say how precise this tier is.")
    evidence, lang = k.evidence_in(t.lang)
    review = None
    if k.review is not None:
        review = t(
            REVIEWED.get(k.review.verdict, REVIEWED["other"]),
            who=k.review.reviewer,
            date=k.review.date or "",
        )
        if k.review.why:
            review += f" — {k.review.why}"
    return Explained(
        k,
        t(TIERS[k.tier]),
        t(CONTINUATIONS[k.kind]) if k.kind in CONTINUATIONS else k.kind,
        number,
        label,
        meaning,
        evidence,
        lang,
        review,
        t(TIERS[k.method_tier]) if k.method_tier != k.tier else None,
    )
