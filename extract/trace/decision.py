"""The three tiers, from the calibrated confidence and one rule of the genre.

- asserted: confidence at least ``thresholds["asserted"]``, or an explicit reference (below), and
  among the mandate's three most confident asserted links (a mandate continues at most three
  earlier ones);
- probable: confidence at least ``thresholds["probable"]``, or a weak explicit reference (and not
  asserted);
- candidate: the rest, kept and ranked, no relation.
The thresholds are chosen on cross-validation (``train.py``).

Explicit references are a rule, not a weight: a later mandate that refers to a meeting already held
("dar seguimiento a las recomendaciones de la II Reunión sobre Migraciones", "de conformidad con la
Declaración de Quito adoptada en la II Reunión de Ministros de Finanzas") continues the earlier
mandate that called that meeting. How surely the earlier mandate called it is ``series.called``'s
level (4 convened the series, 3 entrusted its body, 2 called meetings under a heading that names
its subject, 1 called meetings in an area whose text names it somewhere); the feature ``explicit``
is that level over 4. From level 2 the link is asserted; level 1 only makes it probable: a general
call for meetings in an area that mentions a subject in passing is not that subject's series.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")

TIERS = ("asserted", "probable", "candidate")
MAX_ASSERTED = 3
EXPLICIT_ASSERTED = 0.5  # the feature ``explicit`` (level / 4) from which the rule asserts


def tier_of(confidence: float, thresholds: Mapping[str, float]) -> str:
    if confidence >= thresholds["asserted"]:
        return "asserted"
    if confidence >= thresholds["probable"]:
        return "probable"
    return "candidate"


def floor_of(explicit: float) -> str:
    """The least tier the explicit-reference rule gives a pair whose ``explicit`` feature is this."""
    if explicit >= EXPLICIT_ASSERTED:
        return "asserted"
    if explicit > 0:
        return "probable"
    return "candidate"


def higher(a: str, b: str) -> str:
    return a if TIERS.index(a) <= TIERS.index(b) else b


def decide(
    scored: Sequence[tuple[float, T]],
    thresholds: Mapping[str, float],
    floors: Sequence[str] | None = None,
) -> list[tuple[float, str]]:
    """The tier of each (confidence, pair) of one later mandate, in the order given, at least its
    floor (``floor_of``) if given; beyond MAX_ASSERTED, the less sure asserted ones (by rule first,
    then by confidence) are probable."""
    floors = floors or ["candidate"] * len(scored)
    tiers = [higher(tier_of(c, thresholds), f) for (c, _), f in zip(scored, floors, strict=True)]
    order = sorted(range(len(scored)), key=lambda n: (floors[n] != "asserted", -scored[n][0]))
    asserted = 0
    for n in order:
        if tiers[n] == "asserted":
            asserted += 1
            if asserted > MAX_ASSERTED:
                tiers[n] = "probable"
    return [(c, t) for (c, _), t in zip(scored, tiers, strict=True)]
