"""Carry-over tracing: for every mandate of a later plan, find the mandates of every earlier plan
that it may continue, weigh the evidence, and decide.

The stages, each a module of this package: ``items`` (what the tracer knows of each mandate),
``candidates`` (blocking, and the best k of each earlier plan), ``features`` (the evidence typed by
kind), ``model`` (the decision model, fitted on the annotated pairs and calibrated by
cross-validation; its parameters are data, ``model.json``), ``decision`` (the three tiers, and
reviews) and ``evidence`` (the reasons in words, in Spanish and English).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extract.entities.register import read_register
from extract.records import Mandate, Plan
from extract.text import fold
from extract.trace import candidates, evidence
from extract.trace.decision import EXPLICIT_ASSERTED, decide, floor_of
from extract.trace.features import Pair, pair_features, set_hub, set_lead, set_rank
from extract.trace.items import Index, Item
from extract.trace.model import Model, read_model
from extract.trace.names import Bodies, Instrument, read_generic, read_instruments
from extract.trace.references import named_plans
from extract.trace.series import Aliases, read_aliases

METHOD = "celac-kg tracer"
VERSION = "0.3"
REITERATES = 0.55  # lexical similarity from which a link "reiterates"


@dataclass
class Link:
    """A candidate antecedent, with its confidence, tier and the evidence for it."""

    later: Mandate
    earlier: Mandate
    score: float  # the model's probability before calibration
    confidence: float  # calibrated: about this share of such links are true
    rank: int
    kind: str
    explicit: bool
    tier: str  # "asserted", "probable" or "candidate"
    method_tier: str = ""  # the method's own tier (differs from ``tier`` only after a review)
    evidence_es: list[str] = field(default_factory=list)
    evidence_en: list[str] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)
    review: object | None = None  # the review that set ``tier``, if any

    @property
    def asserted(self) -> bool:
        return self.tier == "asserted"

    @property
    def evidence(self) -> list[str]:
        return self.evidence_en


def kind_of(values: Mapping[str, float]) -> str:
    if values["explicit"] or values["series_next"] or values["called"]:
        return "followsUp"
    if values["lexical"] >= REITERATES:
        return "reiterates"
    if values["names"] > 0 or values["series_same"] > 0:
        return "reformulates"
    return "extends"


class Tracer:
    """Compares and decides; one instance per build."""

    def __init__(
        self,
        plans: Sequence[Plan],
        themes: Mapping[int, list[str]] | None = None,
        instruments: Sequence[Instrument] | None = None,
        speakers: Iterable[str] = ("celac",),
        aliases: Aliases | None = None,
        model: Model | None = None,
    ) -> None:
        self.plans = list(plans)
        register = read_register()
        self.partners = {a.key for a in register.values() if a.partner}
        speakers = set(speakers)
        self.patterns = {
            a.key: [
                re.compile(rf"\b{re.escape(fold(n))}\b")
                for n in (*a.names, *a.acronyms)
                if len(n) > 2
            ]
            for a in register.values()
            if a.key not in speakers
        }
        self._owners: dict[str, set[str]] = {}
        bodies = Bodies.from_register(
            {a.key: a.kind for a in register.values()}, speakers, read_generic()
        )
        self.index = Index(
            self.plans,
            themes or {},
            instruments if instruments is not None else read_instruments(),
            aliases or read_aliases(),
            bodies,
            self.owners_of,
        )
        self.model = model
        self.items = self.index.items
        self.rare_limit = candidates.rare_limit(len(self.items))
        specs = [p.spec for p in self.plans]
        self.named = {
            i: {n for n in named_plans(item.mandate.text, specs) if n < item.plan}
            for i, item in enumerate(self.items)
            if item.plan
        }

    def owners_of(self, name: str) -> set[str]:
        """The register bodies a folded name names."""
        if name not in self._owners:
            self._owners[name] = {
                key for key, ps in self.patterns.items() if any(p.search(name) for p in ps)
            }
        return self._owners[name]

    def _similarity(self, later: Item, earlier: Item) -> float:
        from extract.trace.lexical import cosine

        return cosine(later.vector, earlier.vector, later.norm, earlier.norm)

    def pairs(self) -> dict[int, list[Pair]]:
        """Every blocked pair with its features, by later item (position in ``items``)."""
        items = self.items
        met = candidates.blocks(items, self.index.weights)
        self._explicit = candidates.callers(items, self.owners_of, self.partners, self._similarity)
        self._follows = candidates.callers(
            items, self.owners_of, self.partners, self._similarity, referred=False
        )
        found: dict[int, list[Pair]] = {}
        for i, later in enumerate(items):
            if later.plan == 0:
                continue
            near = (
                met.get(i, set()) | set(self._explicit.get(i, {})) | set(self._follows.get(i, {}))
            )
            found[i] = self.rows_of(i, near)
        set_hub(found)
        return found

    def rows_of(self, i: int, near: Iterable[int]) -> list[Pair]:
        """The pairs of the later item ``i`` with the earlier items ``near`` (and the closest
        mandate of each earlier plan its text names), with their features."""
        rows = [self._pair(i, j) for j in sorted(near)]
        by_plan: dict[int, list[Pair]] = {}
        for p in rows:
            by_plan.setdefault(p.earlier.plan, []).append(p)
        for plan in sorted(self.named.get(i, set())):
            added = self._refer(i, plan, by_plan.setdefault(plan, []))
            if added is not None:
                rows.append(added)
        for in_plan in by_plan.values():
            set_lead(in_plan)
        set_rank(rows)
        return rows

    def _refer(self, i: int, plan: int, in_plan: list[Pair]) -> Pair | None:
        """The later mandate ``i`` names the earlier ``plan``: its closest mandate of that plan (by
        first-pass score; among all the plan's mandates if none was blocked, then added to
        ``in_plan`` and returned) is an explicit reference."""
        added = None
        if not in_plan:
            mine = (self._pair(i, j) for j, item in enumerate(self.items) if item.plan == plan)
            added = max(mine, key=lambda p: p.first_pass, default=None)
            if added is None:
                return None
            in_plan.append(added)
        best = max(in_plan, key=lambda p: p.first_pass)
        best.values["explicit"] = max(best.values["explicit"], EXPLICIT_ASSERTED)
        best.named_plan = self.plans[plan].spec.title
        return added

    def _pair(self, i: int, j: int) -> Pair:
        later, earlier = self.items[i], self.items[j]
        return pair_features(
            later,
            earlier,
            self.index.name_df,
            self.index.area_vectors[earlier.area],
            4 if later.referred & earlier.convened else self._explicit.get(i, {}).get(j, 0),
            self._follows.get(i, {}).get(j, 0),
            self.index.weights.df,
            self.rare_limit,
        )

    def trace(
        self, model: Model | None = None, reviews: Sequence[tuple[Any, Mandate, Mandate]] = ()
    ) -> list[Link]:
        """The candidates of every later mandate (the best of each earlier plan), ranked by
        confidence, each with its tier; then the reviews' verdicts applied."""
        model = model or self.model or read_model()
        links: dict[int, list[Link]] = {}
        all_pairs = self.pairs()
        for i, rows in all_pairs.items():
            scored = [(model.probability(p.vector()), p) for p in rows]
            kept = _keep(scored)
            decided = decide(
                [(model.calibrated(s), p) for s, p in kept],
                model.thresholds,
                [floor_of(p.values["explicit"]) for _, p in kept],
            )
            links[i] = [
                _link(p, raw, confidence, rank, tier)
                for rank, ((raw, p), (confidence, tier)) in enumerate(
                    zip(kept, decided, strict=True), start=1
                )
            ]
        if reviews:
            position = {id(item.mandate): n for n, item in enumerate(self.items)}
            for review, later, earlier in reviews:
                i, j = position[id(later)], position[id(earlier)]
                mine = links.setdefault(i, [])
                link = next((x for x in mine if x.earlier is earlier), None)
                if link is None:
                    # Not among the method's candidates: its features and confidence all the same.
                    p = self._pair(i, j)
                    same_plan = [
                        x for x in all_pairs.get(i, []) if x.earlier.plan == p.earlier.plan
                    ]
                    set_lead([*same_plan, p])
                    raw = model.probability(p.vector())
                    link = _link(p, raw, model.calibrated(raw), len(mine) + 1, "candidate")
                    mine.append(link)
                apply_review(link, review)
        return [x for i in sorted(links) for x in links[i]]


def _link(p: Pair, raw: float, confidence: float, rank: int, tier: str) -> Link:
    es, en = evidence.lines(p)
    return Link(
        p.later.mandate,
        p.earlier.mandate,
        round(raw, 4),
        round(confidence, 4),
        rank,
        kind_of(p.values),
        bool(p.values["explicit"]),
        tier,
        tier,
        es,
        en,
        dict(p.values),
    )


def apply_review(link: Link, review: Any) -> None:
    """A confirmed link is asserted, a rejected one a candidate; the method's tier stays."""
    link.tier = "asserted" if review.verdict == "confirmed" else "candidate"
    link.review = review


def _keep(scored: list[tuple[float, Pair]]) -> list[tuple[float, Pair]]:
    """The best of each earlier plan, ranked by score, best first."""
    positions = {id(p): n for n, (_, p) in enumerate(scored)}
    kept = candidates.keep_best((s, p.earlier.plan, positions[id(p)]) for s, p in scored)
    rows = [scored[n] for _, n in kept]
    rows.sort(key=lambda r: (-r[0], r[1].earlier.plan))
    return rows
