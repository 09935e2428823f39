"""The area page: its mandates and themes, and the same themes in the other plans."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from api.pages.display import calm
from api.pages.links import local
from api.pages.mandate import mandate_ref
from api.pages.page import Page, lines
from api.pages.plan import area_rows


@dataclass(frozen=True)
class Elsewhere:
    """One theme of the area in one other plan."""

    plan: str  # id
    plan_href: str
    year: str
    mandates: int  # the plan's mandates with the theme
    areas: list[tuple[str, str]]  # the plan's areas with the theme: title, href


def context(page: Page) -> dict[str, Any]:
    cat, iri = page.cat, page.iri
    area = cat.areas[iri]
    plan = cat.plan(area.plan)
    crumbs: list[tuple[str, str, str]] = []  # label, path, its language
    parent = area.parent
    while parent:
        crumbs.insert(
            0, (calm(page.label(parent)), local(parent), cat.label_lang(parent, page.lang))
        )
        parent = cat.areas[parent].parent
    per_plan: dict[tuple[str, str], int] = Counter(
        (m.plan, t) for m in cat.mandates.values() for t in m.themes
    )
    areas_with: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for other in cat.areas.values():
        for t in other.themes:
            areas_with[(other.plan, t)].append((calm(page.label(other.iri)), local(other.iri)))
    themes = []
    for t in area.themes:
        elsewhere = [
            Elsewhere(p.id, local(p.iri), p.years, per_plan[(p.iri, t)], areas_with[(p.iri, t)])
            for p in cat.plans
            if p.iri != plan.iri and (per_plan[(p.iri, t)] or areas_with[(p.iri, t)])
        ]
        themes.append((page.label(t), local(t), elsewhere))
    return {
        "area": area,
        "plan": plan,
        "plan_label": page.label(plan.iri),
        "crumbs": crumbs,
        "subareas": area_rows(page, cat.subareas.get(iri, [])),
        "objectives": lines(page, "celac:objective"),
        "axes": lines(page, "celac:thematicAxis"),
        "responsible": lines(page, "celac:responsibleBody"),
        "mandates": [mandate_ref(page, m.iri, 600) for m in cat.mandates_by_area.get(iri, [])],
        "themes": themes,
    }
