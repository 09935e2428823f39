"""The mandate page: its text, the passage it was read from, its lineage and the evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.pages import lineage
from api.pages.display import calm, shorten
from api.pages.links import local
from api.pages.page import Page, lines
from api.pages.passage import passages, source_texts

KINDS = ("reiterates", "reformulates", "followsUp", "extends")


@dataclass(frozen=True)
class MandateRef:
    """Another mandate, as a line in a list."""

    iri: str
    href: str
    plan: str  # plan id
    year: str
    title: str  # area · number
    text: str


@dataclass(frozen=True)
class LinkRow:
    link: lineage.Link
    other: MandateRef
    kind: str  # in the page's language


def mandate_ref(page: Page, iri: str, width: int = 220) -> MandateRef:
    m = page.cat.mandates[iri]
    plan = page.cat.plan(m.plan)
    area = calm(page.label(m.area))
    return MandateRef(
        iri,
        local(iri),
        plan.id,
        str(plan.year or ""),
        f"{area} · {m.number or m.position}",
        shorten(m.text, width),
    )


def context(page: Page) -> dict[str, Any]:
    cat, iri = page.cat, page.iri
    m = cat.mandates[iri]
    plan = cat.plan(m.plan)
    crumbs: list[tuple[str, str]] = []
    area: str | None = m.area
    while area:
        crumbs.insert(0, (calm(page.label(area)), local(area)))
        area = cat.areas[area].parent
    kinds = {k: page.t(f"continuation.{k}") for k in KINDS}
    found = lineage.links(page.store, cat, iri)

    def rows(selected: list[lineage.Link], other_end: str) -> list[LinkRow]:
        return [
            LinkRow(k, mandate_ref(page, getattr(k, other_end)), kinds.get(k.kind, k.kind))
            for k in selected
            if getattr(k, other_end) in cat.mandates
        ]

    antecedents = [k for k in found if k.later == iri]
    successors = [k for k in found if k.earlier == iri]
    further = [k for k in found if iri not in (k.later, k.earlier)]
    read_from = passages(page.store, iri, source_texts(page.data))
    return {
        "anchors": {k.anchor for k in antecedents} | {p.anchor for p in read_from},
        "mandate": m,
        "plan": plan,
        "plan_label": page.label(plan.iri),
        "crumbs": crumbs,
        "number": m.number or str(m.position),
        "themes": [(page.label(t), local(t)) for t in m.themes],
        "involves": page.values("celac:involves"),
        "convenes": page.values("celac:convenes"),
        "refers": page.values("celac:refersTo"),
        "notes": lines(page, "skos:note"),
        "passages": read_from,
        "picture": lineage.picture(cat, iri, found, page.lang, kinds) if found else None,
        "antecedents": rows(antecedents, "earlier"),
        "successors": rows(successors, "later"),
        "further": [
            (
                mandate_ref(page, k.later, 120),
                LinkRow(k, mandate_ref(page, k.earlier, 120), kinds.get(k.kind, k.kind)),
            )
            for k in further
            if k.later in cat.mandates and k.earlier in cat.mandates
        ],
    }
