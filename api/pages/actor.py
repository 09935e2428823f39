"""The page of an actor or partner: what it is asked to do in each plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.pages.display import calm
from api.pages.links import local
from api.pages.mandate import MandateRef, mandate_ref
from api.pages.page import Page
from api.pages.rows import iri_ref, select, text


@dataclass(frozen=True)
class PlanGroup:
    plan: str  # id
    href: str
    label: str
    year: str
    mandates: list[MandateRef]
    areas: list[tuple[str, str]]  # title, href


def context(page: Page) -> dict[str, Any]:
    cat = page.cat
    involving = [
        text(r["s"])
        for r in select(
            page.store, f"SELECT DISTINCT ?s WHERE {{ ?s celac:involves {iri_ref(page.iri)} }}"
        )
    ]
    mandates = sorted((s for s in involving if s in cat.mandates), key=cat.mandate_key)
    areas = sorted((s for s in involving if s in cat.areas), key=cat.area_key)
    groups = []
    for plan in cat.plans:
        in_plan = [mandate_ref(page, m, 400) for m in mandates if cat.mandates[m].plan == plan.iri]
        plan_areas = [
            (calm(page.label(a)), local(a)) for a in areas if cat.areas[a].plan == plan.iri
        ]
        if in_plan or plan_areas:
            groups.append(
                PlanGroup(
                    plan.id,
                    local(plan.iri),
                    page.label(plan.iri),
                    plan.years,
                    in_plan,
                    plan_areas,
                )
            )
    return {
        "groups": groups,
        "kinds": page.values("dcterms:type"),
        "acronyms": [v.text for v in page.values("skos:altLabel")],
        "same_as": page.values("owl:sameAs"),
        "total": len(mandates),
    }
