"""The plan page: its areas, what it carries over from each earlier plan, what it starts and
what it drops."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from api.pages.catalog import Area, Catalog
from api.pages.display import calm
from api.pages.links import local
from api.pages.mandate import MandateRef, mandate_ref
from api.pages.page import Page


@dataclass(frozen=True)
class AreaRow:
    iri: str
    href: str
    title: str
    number: str | None
    mandates: int
    depth: int


@dataclass(frozen=True)
class CarryOver:
    plan: str  # the earlier plan's id
    plan_href: str
    plan_label: str
    later: int  # mandates of this plan that continue one of the earlier plan's
    earlier: int  # mandates of the earlier plan they continue
    pairs: list[tuple[MandateRef, MandateRef]]


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
        )
        for a in areas
    ]


def carried_over(page: Page, cat: Catalog, plan_iri: str) -> list[CarryOver]:
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for m in cat.mandates_by_plan.get(plan_iri, []):
        for earlier in sorted(cat.antecedents.get(m.iri, ()), key=cat.mandate_key):
            pairs[cat.mandates[earlier].plan].append((m.iri, earlier))
    out = []
    this = cat.plan(plan_iri)
    for p in cat.plans:
        if p.order >= this.order:
            break
        found = pairs.get(p.iri, [])
        out.append(
            CarryOver(
                p.id,
                local(p.iri),
                page.label(p.iri),
                len({later for later, _ in found}),
                len({earlier for _, earlier in found}),
                [
                    (mandate_ref(page, later, 160), mandate_ref(page, earlier, 160))
                    for later, earlier in found
                ],
            )
        )
    return out


def context(page: Page) -> dict[str, Any]:
    cat, iri = page.cat, page.iri
    plan = cat.plan(iri)
    mandates = cat.mandates_by_plan.get(iri, [])
    first = plan.order == 0
    last = plan.order == len(cat.plans) - 1
    starts = [m for m in mandates if m.iri not in cat.antecedents]
    drops = [m for m in mandates if m.iri not in cat.successors]
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
        "starts": [] if first else [mandate_ref(page, m.iri, 160) for m in starts],
        "drops": [] if last else [mandate_ref(page, m.iri, 160) for m in drops],
    }
