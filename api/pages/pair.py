"""A later plan against an earlier one: which mandates continue which (by tier), which earlier
mandates have no successor found in the later plan, which later ones have no antecedent found in
the earlier plan — by theme and by area — as a page, a CSV table and JSON.

Only relations are counted (asserted and probable links); candidates the tracer ranked without
linking them are not a finding, and are left to the review page.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from api.errors import UnknownPlan as UnknownPlan
from api.pages.catalog import Catalog, Mandate, Plan
from api.pages.display import calm
from api.pages.links import local
from api.pages.messages import N_
from api.pages.tiers import (
    ASSERTED,
    CONTINUED,
    NOT_FOUND,
    PROBABLE,
    PROBABLY,
    STATES,
    Lineage,
    TierLink,
    state,
)


@dataclass(frozen=True)
class Side:
    mandate: Mandate
    state: str  # one of STATES
    links: list[TierLink]  # to the other plan, asserted then probable


@dataclass(frozen=True)
class Tally:
    key: str  # a theme or area IRI
    label: str
    href: str
    counts: dict[str, int]  # by state, of the earlier plan's mandates
    later_counts: dict[str, int]  # by state, of the later plan's mandates
    lang: str = ""  # the label's language, where known

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def later_total(self) -> int:
        return sum(self.later_counts.values())


@dataclass(frozen=True)
class Pair:
    later: Plan
    earlier: Plan
    links: list[TierLink]  # asserted and probable, between the two plans
    earlier_side: list[Side]
    later_side: list[Side]
    by_theme: list[Tally]
    by_area: list[Tally]
    candidates: int  # ranked candidates between the two plans that are no relation

    def count(self, side: str, which: str) -> int:
        rows = self.earlier_side if side == "earlier" else self.later_side
        return sum(1 for s in rows if s.state == which)

    def tier_count(self, tier: str) -> int:
        return sum(1 for k in self.links if k.tier == tier)


def find_plan(cat: Catalog, plan_id: str) -> Plan:
    """The plan whose identifier is ``plan_id`` (case does not matter)."""
    for p in cat.plans:
        if p.id.casefold() == plan_id.casefold():
            return p
    known = ", ".join(p.id for p in cat.plans)
    raise UnknownPlan(
        N_("no plan %(plan)s in the graph: expected one of %(known)s"),
        {"plan": repr(plan_id), "known": known},
    )


def pair(cat: Catalog, found: Lineage, later_id: str, earlier_id: str, lang: str) -> Pair:
    """``later_id`` against ``earlier_id`` (plan identifiers, the later one first)."""
    later, earlier = find_plan(cat, later_id), find_plan(cat, earlier_id)
    if later.order <= earlier.order:
        raise UnknownPlan(
            N_("%(later)s is not later than %(earlier)s: put the later plan first (%(path)s)"),
            {"later": later.id, "earlier": earlier.id, "path": f"/plans/{earlier.id}/{later.id}"},
        )
    later_mandates = cat.mandates_by_plan.get(later.iri, [])
    earlier_mandates = cat.mandates_by_plan.get(earlier.iri, [])
    in_earlier = {m.iri for m in earlier_mandates}
    links = [
        k
        for m in later_mandates
        for k in found.by_later.get(m.iri, [])
        if k.earlier in in_earlier and k.linked
    ]
    candidates = sum(
        1
        for m in later_mandates
        for k in found.by_later.get(m.iri, [])
        if k.earlier in in_earlier and not k.linked
    )
    forward: dict[str, list[TierLink]] = {}
    back: dict[str, list[TierLink]] = {}
    for k in links:
        forward.setdefault(k.earlier, []).append(k)
        back.setdefault(k.later, []).append(k)
    earlier_side = [
        Side(m, state(forward.get(m.iri, [])), forward.get(m.iri, [])) for m in earlier_mandates
    ]
    later_side = [Side(m, state(back.get(m.iri, [])), back.get(m.iri, [])) for m in later_mandates]

    def tallies(keys_of: Any, keys: list[str]) -> list[Tally]:
        out = []
        for key in keys:
            counts = {s: 0 for s in STATES}
            later_counts = {s: 0 for s in STATES}
            for side in earlier_side:
                if key in keys_of(side.mandate):
                    counts[side.state] += 1
            for side in later_side:
                if key in keys_of(side.mandate):
                    later_counts[side.state] += 1
            if sum(counts.values()) + sum(later_counts.values()):
                out.append(
                    Tally(
                        key,
                        calm(cat.label(key, lang)),
                        local(key),
                        counts,
                        later_counts,
                        cat.label_lang(key, lang),
                    )
                )
        return out

    def top_area(m: Mandate) -> tuple[str, ...]:
        area = cat.areas[m.area]
        while area.parent:
            area = cat.areas[area.parent]
        return (area.iri,)

    by_theme = tallies(lambda m: m.themes, cat.themes)
    by_theme.sort(key=lambda t: (-(t.total + t.later_total), t.label.casefold()))
    areas = [a.iri for a in cat.areas_by_plan.get(earlier.iri, []) if a.parent is None]
    areas += [a.iri for a in cat.areas_by_plan.get(later.iri, []) if a.parent is None]
    by_area = tallies(top_area, areas)
    return Pair(later, earlier, links, earlier_side, later_side, by_theme, by_area, candidates)


# The states' names in the CSV and JSON (English, stable: a program reads them).
STATE_NAMES = {
    ("earlier", CONTINUED): "continued",
    ("earlier", PROBABLY): "probably continued",
    ("earlier", NOT_FOUND): "no successor found",
    ("later", CONTINUED): "continues",
    ("later", PROBABLY): "probably continues",
    ("later", NOT_FOUND): "no antecedent found",
}

CSV_COLUMNS = (
    "earlier_mandate",
    "earlier_number",
    "earlier_area",
    "later_mandate",
    "later_number",
    "later_area",
    "finding",
    "tier",
    "confidence",
    "score",
    "kind",
    "explicit",
    "themes",
)


def _number(m: Mandate) -> str:
    return m.number or str(m.position)


def as_csv(p: Pair, cat: Catalog) -> str:
    """One row per link (asserted, probable) between the plans, one per earlier mandate with no
    successor found, one per later mandate with no antecedent found."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)

    def themes(*ms: Mandate) -> str:
        keys = sorted({t for m in ms for t in m.themes})
        return " ".join(t.rsplit("/", 1)[-1] for t in keys)

    for side in p.earlier_side:
        m = side.mandate
        area = cat.label(m.area, "es")
        if not side.links:
            writer.writerow(
                [m.iri, _number(m), area, "", "", "", STATE_NAMES[("earlier", NOT_FOUND)]]
                + [""] * 5
                + [themes(m)]
            )
        for k in side.links:
            later = cat.mandates[k.later]
            writer.writerow(
                [
                    m.iri,
                    _number(m),
                    area,
                    later.iri,
                    _number(later),
                    cat.label(later.area, "es"),
                    STATE_NAMES[("earlier", CONTINUED if k.tier == ASSERTED else PROBABLY)],
                    k.tier,
                    "" if k.confidence is None else f"{k.confidence:.3f}",
                    f"{k.score:.4f}",
                    k.kind,
                    "true" if k.explicit else "false",
                    themes(m, later),
                ]
            )
    for side in p.later_side:
        if side.state == NOT_FOUND:
            m = side.mandate
            writer.writerow(
                ["", "", "", m.iri, _number(m), cat.label(m.area, "es")]
                + [STATE_NAMES[("later", NOT_FOUND)]]
                + [""] * 5
                + [themes(m)]
            )
    return out.getvalue()


def as_json(p: Pair, cat: Catalog, found: Lineage, lang: str) -> dict[str, Any]:
    """The pair as a JSON document (the states' names in English, labels in ``lang``)."""

    def plan(x: Plan) -> dict[str, Any]:
        return {"id": x.id, "iri": x.iri, "label": cat.label(x.iri, lang), "date": x.date}

    def link(k: TierLink) -> dict[str, Any]:
        evidence, ev_lang = k.evidence_in(lang)
        return {
            "iri": k.iri,
            "later": k.later,
            "earlier": k.earlier,
            "tier": k.tier,
            "method_tier": k.method_tier,
            "confidence": k.confidence,
            "score": k.score,
            "rank": k.rank,
            "kind": k.kind,
            "explicit": k.explicit,
            "evidence": list(evidence),
            "evidence_lang": ev_lang,
            "reviewed": None
            if k.review is None
            else {"verdict": k.review.verdict, "reviewer": k.review.reviewer},
        }

    def side(name: str, s: Side) -> dict[str, Any]:
        return {
            "iri": s.mandate.iri,
            "number": _number(s.mandate),
            "area": cat.label(s.mandate.area, lang),
            "finding": STATE_NAMES[(name, s.state)],
            "themes": list(s.mandate.themes),
            "links": [k.iri for k in s.links],
        }

    def tally(t: Tally) -> dict[str, Any]:
        return {
            "iri": t.key,
            "label": t.label,
            "earlier": {STATE_NAMES[("earlier", s)]: t.counts[s] for s in STATES},
            "later": {STATE_NAMES[("later", s)]: t.later_counts[s] for s in STATES},
        }

    quality = {
        tier: {"precision": q.precision, "recall": q.recall, "support": q.support}
        for tier, q in found.quality.items()
    }
    return {
        "later": plan(p.later),
        "earlier": plan(p.earlier),
        "tiers": {ASSERTED: p.tier_count(ASSERTED), PROBABLE: p.tier_count(PROBABLE)},
        "tier_quality": quality,
        "summary": {
            "earlier": {STATE_NAMES[("earlier", s)]: p.count("earlier", s) for s in STATES},
            "later": {STATE_NAMES[("later", s)]: p.count("later", s) for s in STATES},
            "candidates_not_linked": p.candidates,
        },
        "links": [link(k) for k in p.links],
        "earlier_mandates": [side("earlier", s) for s in p.earlier_side],
        "later_mandates": [side("later", s) for s in p.later_side],
        "by_theme": [tally(t) for t in p.by_theme],
        "by_area": [tally(t) for t in p.by_area],
    }
