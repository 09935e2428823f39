"""The evidence for one (later, earlier) pair of mandates, typed by kind, each in [0, 1].

- ``explicit``: the later text refers to a meeting the earlier mandate called, by how surely it
  called it (``series.called``'s level over 4; 1 where it names that very meeting), or names the
  earlier plan and this is its closest mandate of that plan (``references``; 0.5); the decision
  takes it as a rule (``decision.floor_of``);
- ``series_next``: both name one meeting series, the later a later edition ("II Reunión" →
  "III Reunión"); ``series_same``: the same series, no order known;
- ``called``: the later mandate convenes a meeting of a series the earlier one called;
- ``names``: the specific named things both are about (instruments, initiatives, bodies; longest
  match; generic names left out), weighted by their rarity in the corpus; ``context_names``: the
  same where one side names it only in its area's heading or objectives; ``support``: bodies
  either names only in support;
- ``rare``: how many rare lemmas (a corpus share at most ``candidates.RARE``) the two share, out
  of RARE_SHARED ("analfabetismo", "OPANAL", "corrupción" say more than a cosine over long texts);
- ``lexical``: similarity of the weighted content lemmas; ``clause``: that of the best pair of
  clauses (for mandates that enumerate several actions); ``coverage``: how much of the later text
  the earlier holds; ``area``: similarity of the later mandate with the earlier one's whole area;
- ``heading``: the share of heading words the two mandates' areas have in common ("Migraciones"
  and "Migración" meet); ``themes``: the share of themes in common; ``short``: how short the shorter text is (shared words
  in short texts say less);
- ``lead``: the pair's first-pass score over the best first-pass score of the later mandate in the
  same earlier plan (1 for the best): a clear best, not one of several alike; ``rank``: 1 over its
  rank by first-pass score among all the later mandate's pairs;
- ``hub``: the share of the later plan's mandates that have the earlier mandate among their three
  best first-pass pairs (a mandate that everything resembles says little about any one).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from extract.trace import lexical
from extract.trace.items import Item

NAMES = (
    "explicit",
    "series_next",
    "series_same",
    "called",
    "names",
    "context_names",
    "support",
    "rare",
    "lexical",
    "clause",
    "coverage",
    "area",
    "heading",
    "themes",
    "short",
    "lead",
    "rank",
    "hub",
)
# The first-pass score that ranks candidates within a plan before the model decides (and gives
# ``lead``): the plain sum of the signals of each kind of evidence.
FIRST_PASS = ("explicit", "series_next", "called", "names", "lexical", "clause", "coverage")
NAMES_GAIN = 1.5  # rarity-weighted shared names that make the signal whole
SHORT = 6  # content lemmas under which a text is short
RARE_SHARED = 3  # shared rare lemmas that make the signal whole


@dataclass
class Pair:
    """A candidate pair with its features and what they rest on."""

    later: Item
    earlier: Item
    values: dict[str, float]
    shared_names: list[str] = field(default_factory=list)
    shared_series: list[str] = field(default_factory=list)
    shared_support: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    clause_pair: tuple[tuple[int, int], tuple[int, int]] | None = None
    named_plan: str = ""  # the title of the earlier plan the later text names (``references``)

    @property
    def first_pass(self) -> float:
        return sum(self.values[k] for k in FIRST_PASS)

    def vector(self) -> list[float]:
        return [self.values[k] for k in NAMES]


def shared_names(
    later: Mapping[str, str],
    earlier: Mapping[str, str],
    df: Mapping[str, int],
) -> tuple[float, list[str]]:
    """Rarity-weighted names in common (1/sqrt of how many mandates name each), the three
    weightiest summed, and their readable names."""
    shared = sorted(
        ((1.0 / math.sqrt(max(1, df.get(k, 1))), later[k]) for k in later if k in earlier),
        reverse=True,
    )
    if not shared:
        return 0.0, []
    labels: list[str] = []
    for _, name in shared:
        if name not in labels:
            labels.append(name)
    return min(1.0, sum(w for w, _ in shared[:3]) * NAMES_GAIN), labels[:4]


def shared_rare(
    later: Mapping[str, int], earlier: Mapping[str, int], df: Mapping[str, int], limit: int
) -> int:
    """How many whole lemmas both hold that at most ``limit`` mandates of the corpus hold."""
    return sum(
        1
        for k in later
        if k in earlier and not k.startswith(lexical.PIECE_MARK) and 0 < df.get(k, 0) <= limit
    )


def series_signals(later: Item, earlier: Item) -> tuple[float, float, list[str]]:
    """(next edition, same series, the series shared)."""
    nxt = same = 0.0
    shared: list[str] = []
    for series, ordinals in later.series.items():
        if series in earlier.series:
            shared.append(series)
            before = [o for o in earlier.series[series] if o and o < max(ordinals)]
            if before:
                nxt = 1.0
            else:
                same = 1.0
    return nxt, same, shared


def best_clauses(
    later: Item, earlier: Item
) -> tuple[float, tuple[tuple[int, int], tuple[int, int]] | None]:
    """The similarity of the best pair of clauses, and their offsets; the whole texts stand for
    a mandate that states one action."""
    ls = later.clause_vectors or [(later.vector, later.norm)]
    es = earlier.clause_vectors or [(earlier.vector, earlier.norm)]
    best, where = 0.0, None
    for i, (a, na) in enumerate(ls):
        for j, (b, nb) in enumerate(es):
            s = lexical.cosine(a, b, na, nb)
            if s > best:
                best = s
                where = (
                    later.spans[i] if later.clause_vectors else (0, len(later.mandate.text)),
                    earlier.spans[j] if earlier.clause_vectors else (0, len(earlier.mandate.text)),
                )
    return best, where


def pair_features(
    later: Item,
    earlier: Item,
    name_df: Mapping[str, int],
    area: tuple[dict[str, float], float],
    explicit: int,
    called: int,
    lemma_df: Mapping[str, int] | None = None,
    rare_limit: int = 0,
) -> Pair:
    """``explicit``: how surely the earlier mandate called a meeting the later one refers to as
    held; ``called``: how surely it called a series the later one convenes (both 4 … 0, see
    ``series.called``); ``lemma_df``: each lemma's count of mandates, rare up to ``rare_limit``."""
    names, labels = shared_names(later.names, earlier.names, name_df)
    context, context_labels = shared_names(
        {**later.names, **later.context}, {**earlier.names, **earlier.context}, name_df
    )
    support = [v for k, v in later.support.items() if k in earlier.support or k in earlier.names]
    support += [v for k, v in earlier.support.items() if k in later.names]
    nxt, same, series = series_signals(later, earlier)
    lex = lexical.cosine(later.vector, earlier.vector, later.norm, earlier.norm)
    clause, where = best_clauses(later, earlier)
    values = {
        "explicit": explicit / 4,
        "series_next": nxt,
        "series_same": same,
        "called": called / 4,
        "names": names,
        "context_names": max(0.0, context - names),
        "support": min(1.0, float(len(support))),
        "rare": min(
            1.0, shared_rare(later.lemmas, earlier.lemmas, lemma_df or {}, rare_limit) / RARE_SHARED
        ),
        "lexical": lex,
        "clause": clause,
        "coverage": lexical.coverage(later.vector, earlier.vector),
        "area": lexical.cosine(later.vector, area[0], later.norm, area[1]),
        "heading": len(later.caller.heading & earlier.caller.heading)
        / len(later.caller.heading | earlier.caller.heading)
        if later.caller.heading and earlier.caller.heading
        else 0.0,
        "themes": len(later.themes & earlier.themes) / len(later.themes | earlier.themes)
        if later.themes and earlier.themes
        else 0.0,
        "short": 1.0 if min(later.words, earlier.words) < SHORT else 0.0,
        "lead": 1.0,
        "rank": 1.0,
        "hub": 0.0,
    }
    return Pair(
        later,
        earlier,
        values,
        shared_names=labels or [n for n in context_labels if n not in labels],
        shared_series=series,
        shared_support=sorted(set(support)),
        terms=lexical.shared_terms(later.vector, earlier.vector),
        clause_pair=where,
    )


def set_lead(pairs: list[Pair]) -> None:
    """``lead`` for the pairs of one later mandate and one earlier plan."""
    top = max((p.first_pass for p in pairs), default=0.0)
    for p in pairs:
        p.values["lead"] = p.first_pass / top if top else 0.0


def set_rank(pairs: list[Pair]) -> None:
    """``rank`` for the pairs of one later mandate."""
    ordered = sorted(range(len(pairs)), key=lambda n: -pairs[n].first_pass)
    for r, n in enumerate(ordered, start=1):
        pairs[n].values["rank"] = 1.0 / r


def set_hub(found: Mapping[int, list[Pair]], top: int = 3) -> None:
    """``hub`` for every pair: how many of the later plan's mandates have the earlier mandate among
    their ``top`` first-pass pairs, over how many mandates the later plan has."""
    near: dict[tuple[int, int], int] = {}
    mandates: dict[int, int] = {}
    for rows in found.values():
        if not rows:
            continue
        plan = rows[0].later.plan
        mandates[plan] = mandates.get(plan, 0) + 1
        for p in sorted(rows, key=lambda p: -p.first_pass)[:top]:
            k = (plan, id(p.earlier))
            near[k] = near.get(k, 0) + 1
    for rows in found.values():
        for p in rows:
            plan = p.later.plan
            p.values["hub"] = near.get((plan, id(p.earlier)), 0) / max(1, mandates.get(plan, 1))
