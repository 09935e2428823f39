"""The plan page: its areas, what it carries over from each earlier plan, where its mandates come
from and what became of them — continued, probably continued, or no continuation found — and
its pairs with every other plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from api.pages.became import traces
from api.pages.catalog import Area, Catalog
from api.pages.display import calm
from api.pages.links import local, pair_url
from api.pages.mandate import MandateRef, mandate_ref
from api.pages.page import Page
from api.pages.tiers import ASSERTED, CONTINUED, NOT_FOUND, PROBABLE, PROBABLY, lineage, state


@dataclass(frozen=True)
class AreaRow:
    iri: str
    href: str
    title: str
    number: str | None
    mandates: int
    depth: int
    title_lang: str = ""  # the language of title, where known


@dataclass(frozen=True)
class CarryOver:
    plan: str  # the earlier plan's id
    plan_href: str
    plan_label: str
    later: int  # mandates of this plan that continue one of the earlier plan's
    earlier: int  # mandates of the earlier plan they continue
    pairs: list[tuple[MandateRef, MandateRef]]
    asserted: int  # links
    probable: int
    view: str  # the plan × plan view


def area_rows(page: Page, areas: list[Area]) -> list[AreaRow]:
    cat = page.cat
    return [
        AreaRow(
            a.iri,
            local(a.iri),
            calm(page.label(a.iri)),
            a.number,
            cat.mandate_count(a.iri),
            len(cat.area_key(a.iri)) - 1,
            cat.label_lang(a.iri, page.lang),
        )
        for a in areas
    ]


def carried_over(page: Page, cat: Catalog, plan_iri: str) -> list[CarryOver]:
    found = lineage(page.store)
    pairs: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for m in cat.mandates_by_plan.get(plan_iri, []):
        for k in found.antecedents(m.iri):
            if k.earlier in cat.mandates:
                pairs[cat.mandates[k.earlier].plan].append((m.iri, k.earlier, k.tier))
    out = []
    this = cat.plan(plan_iri)
    for p in cat.plans:
        if p.order >= this.order:
            break
        here = sorted(pairs.get(p.iri, []), key=lambda x: (x[2] != ASSERTED, cat.mandate_key(x[1])))
        out.append(
            CarryOver(
                p.id,
                local(p.iri),
                page.label(p.iri),
                len({later for later, _, _ in here}),
                len({earlier for _, earlier, _ in here}),
                [
                    (mandate_ref(page, later, 160), mandate_ref(page, earlier, 160))
                    for later, earlier, tier in here
                    if tier == ASSERTED
                ],
                sum(tier == ASSERTED for _, _, tier in here),
                sum(tier == PROBABLE for _, _, tier in here),
                pair_url(this.id, p.id),
            )
        )
    return out


def context(page: Page) -> dict[str, Any]:
    cat, iri = page.cat, page.iri
    plan = cat.plan(iri)
    mandates = cat.mandates_by_plan.get(iri, [])
    first = plan.order == 0
    last = plan.order == len(cat.plans) - 1
    found = lineage(page.store)
    came = {m.iri: state(found.antecedents(m.iri)) for m in mandates}
    became = {m.iri: state(found.successors(m.iri)) for m in mandates}
    trace = traces(page.store)
    others = [
        (
            f"{p.id} × {plan.id}" if p.order > plan.order else f"{plan.id} × {p.id}",
            page.label(p.iri),
            pair_url(p.id, plan.id) if p.order > plan.order else pair_url(plan.id, p.id),
        )
        for p in cat.plans
        if p.iri != iri
    ]
    return {
        "plan": plan,
        "titles": page.values("dcterms:title"),
        "adopted": page.values("celac:adoptedAt"),
        "sources": page.values("dcterms:source"),
        "areas": area_rows(page, cat.areas_by_plan.get(iri, [])),
        "area_count": len(cat.areas_by_plan.get(iri, [])),
        "mandate_count": len(mandates),
        "first": first,
        "last": last,
        "carried": [] if first else carried_over(page, cat, iri),
        "came": {s: sum(v == s for v in came.values()) for s in (CONTINUED, PROBABLY, NOT_FOUND)},
        "became": {
            s: sum(v == s for v in became.values()) for s in (CONTINUED, PROBABLY, NOT_FOUND)
        },
        "starts": []
        if first
        else [mandate_ref(page, m.iri, 160) for m in mandates if came[m.iri] == NOT_FOUND],
        "drops": []
        if last
        else [
            (mandate_ref(page, m.iri, 160), [x.kind for x in trace.get(m.iri, [])])
            for m in mandates
            if became[m.iri] == NOT_FOUND
        ],
        "traced": sum(1 for m in mandates if became[m.iri] == NOT_FOUND and trace.get(m.iri)),
        "others": others,
    }
