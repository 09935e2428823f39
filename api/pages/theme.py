"""The theme page: the theme across the plans as a picture — its mandates in each plan's column,
and the continuations among them — and the lists behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.pages.columns import HEADER, WIDTH, Column, columns
from api.pages.display import calm, shorten
from api.pages.links import local
from api.pages.mandate import MandateRef, mandate_ref
from api.pages.messages import CONTINUATIONS, TIERS
from api.pages.page import Page
from api.pages.tiers import ASSERTED, lineage

STEP = 19  # between the dots of a column, one mandate under the other in the plan's order
RADIUS = 7
MARGIN = 24


@dataclass(frozen=True)
class Dot:
    iri: str
    href: str
    x: float
    y: float
    carried: bool  # continues an earlier plan (asserted)
    tooltip: str
    lang: str = ""  # the tooltip's language (the mandate's text), where known


@dataclass(frozen=True)
class Line:
    path: str
    asserted: bool
    tooltip: str


@dataclass(frozen=True)
class ThemePicture:
    width: float
    height: float
    radius: float
    columns: list[Column]
    counts: list[int]
    dots: list[Dot]
    lines: list[Line]


@dataclass(frozen=True)
class PlanColumn:
    plan: str
    href: str
    label: str
    year: str
    mandates: list[MandateRef]
    areas: list[tuple[str, str]]


def _links(page: Page) -> list[tuple[str, str, str, float, str]]:
    """The relations (asserted, probable) between two mandates of the theme; candidates are not
    a relation and are not drawn."""
    found = lineage(page.store)
    theme = page.iri
    out = []
    for k in found.links:
        a, b = page.cat.mandates.get(k.earlier), page.cat.mandates.get(k.later)
        if k.linked and a and b and theme in a.themes and theme in b.themes:
            number = k.confidence if k.confidence is not None else k.score
            out.append((k.later, k.earlier, k.kind, number, k.tier))
    return out


def picture(page: Page, by_plan: dict[str, list[str]]) -> ThemePicture:
    cat = page.cat
    cols = columns(cat, page.lang)
    tallest = max([len(v) for v in by_plan.values()] + [1])
    top = HEADER + 24 + MARGIN
    height = top + (tallest - 1) * STEP + MARGIN
    dots: dict[str, Dot] = {}
    for col in cols:
        members = by_plan.get(col.plan, [])
        for i, m in enumerate(members):
            info = cat.mandates[m]
            dots[m] = Dot(
                m,
                local(m),
                col.center,
                top + i * STEP,
                m in cat.antecedents,
                f"{col.id} · {calm(page.label(info.area))} · {page.cat.printed_number(info.iri)}: "
                f"{shorten(info.text, 240)}",
                info.text_lang,
            )
    lines = []
    for later, earlier, kind, score, tier in _links(page):
        if later not in dots or earlier not in dots:
            continue
        a, b = dots[earlier], dots[later]
        x1, x2 = a.x + RADIUS, b.x - RADIUS
        bend = (x2 - x1) / 2
        lines.append(
            Line(
                f"M{x1:.1f},{a.y:.1f} C{x1 + bend:.1f},{a.y:.1f} {x2 - bend:.1f},{b.y:.1f} {x2:.1f},{b.y:.1f}",
                tier == ASSERTED,
                f"{page.t(CONTINUATIONS[kind])} · {score:.2f} · {page.t(TIERS[tier])}",
            )
        )
    lines.sort(key=lambda line: line.asserted)
    counts = [len(by_plan.get(c.plan, [])) for c in cols]
    return ThemePicture(WIDTH, height, RADIUS, cols, counts, list(dots.values()), lines)


def context(page: Page) -> dict[str, Any]:
    cat, iri = page.cat, page.iri
    by_plan: dict[str, list[str]] = {p.iri: [] for p in cat.plans}
    for m in sorted(cat.mandates, key=cat.mandate_key):
        if iri in cat.mandates[m].themes:
            by_plan[cat.mandates[m].plan].append(m)
    plan_columns = []
    for p in cat.plans:
        areas = [
            (calm(page.label(a.iri)), local(a.iri))
            for a in cat.areas_by_plan.get(p.iri, [])
            if iri in a.themes
        ]
        plan_columns.append(
            PlanColumn(
                p.id,
                local(p.iri),
                page.label(p.iri),
                p.years,
                [mandate_ref(page, m, 200) for m in by_plan[p.iri]],
                areas,
            )
        )
    definitions = page.values("skos:definition")
    chosen = next(
        (d for d in definitions if d.lang == page.lang), definitions[0] if definitions else None
    )
    return {
        "definition": chosen,
        "sdgs": page.values("skos:closeMatch"),
        "picture": picture(page, by_plan),
        "plan_columns": plan_columns,
        "total": sum(len(v) for v in by_plan.values()),
    }
