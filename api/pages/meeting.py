"""The pages of a meeting (its series, number, dates, place, and the mandates that call it or
refer to it) and of a meeting series (its meetings, in order)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from api.pages.display import calm
from api.pages.links import local
from api.pages.mandate import MandateRef, mandate_ref
from api.pages.page import Page, lines
from api.pages.rows import iri_ref, select, text
from api.pages.statements import Value
from graph.labels import natural_key

CALLS = {
    "https://w3id.org/celac-kg/ontology#convenes": "called",
    "https://w3id.org/celac-kg/ontology#refersTo": "referred",
    "https://w3id.org/celac-kg/ontology#adoptedAt": "adopted",
}


@dataclass(frozen=True)
class When:
    edtf: str
    precision: str
    begin: str | None
    end: str | None


@dataclass(frozen=True)
class SeriesMember:
    iri: str
    href: str
    label: str
    ordinal: int | None
    when: str | None
    plans: list[str]  # ids of the plans whose texts name it
    current: bool


def item_ref(page: Page, iri: str) -> MandateRef:
    """A mandate, an area or a plan, as a line in a list."""
    cat = page.cat
    if iri in cat.mandates:
        return mandate_ref(page, iri)
    plan = cat.plan_of(iri)
    return MandateRef(
        iri,
        local(iri),
        plan.id if plan else "",
        plan.years if plan else "",
        calm(page.label(iri)),
        "",
        cat.label_lang(iri, page.lang),
    )


def _sort_key(page: Page, iri: str) -> tuple[Any, ...]:
    cat = page.cat
    if iri in cat.mandates:
        return (0, *cat.mandate_key(iri))
    plan = cat.plan_of(iri)
    return (1, plan.order if plan else 99, natural_key(iri))


def _members(page: Page, series: str, current: str | None) -> list[SeriesMember]:
    rows = select(
        page.store,
        f"""SELECT ?m ?ord ?edtf ?caller WHERE {{
          ?m celac:inSeries {iri_ref(series)} .
          OPTIONAL {{ ?m celac:ordinal ?ord }}
          OPTIONAL {{ ?m time:hasTime/celac:edtf ?edtf }}
          OPTIONAL {{ ?caller celac:convenes|celac:refersTo|celac:adoptedAt ?m }}
        }}""",
    )
    found: dict[str, tuple[int | None, str | None]] = {}
    plans: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        m = text(r["m"])
        found[m] = (
            int(text(r["ord"])) if "ord" in r else None,
            text(r["edtf"]) if "edtf" in r else None,
        )
        if "caller" in r:
            plan = page.cat.plan_of(text(r["caller"]))
            if plan:
                plans[m].add(plan.id)
    order = {p.id: p.order for p in page.cat.plans}
    members = [
        SeriesMember(
            m,
            local(m),
            page.label(m),
            ordinal,
            when,
            sorted(plans[m], key=lambda p: order[p]),
            m == current,
        )
        for m, (ordinal, when) in found.items()
    ]
    members.sort(key=lambda s: (s.ordinal is None, s.ordinal or 0, s.label))
    return members


def context(page: Page) -> dict[str, Any]:
    ref = iri_ref(page.iri)
    times = select(
        page.store,
        f"""SELECT ?edtf ?precision ?begin ?end WHERE {{
          {ref} time:hasTime ?t .
          OPTIONAL {{ ?t celac:edtf ?edtf }} OPTIONAL {{ ?t celac:precision ?precision }}
          OPTIONAL {{ ?t time:hasBeginning/time:inXSDDate ?begin }}
          OPTIONAL {{ ?t time:hasEnd/time:inXSDDate ?end }}
        }}""",
    )
    when = [
        When(
            text(r["edtf"]) if "edtf" in r else "",
            text(r["precision"]) if "precision" in r else "",
            text(r["begin"]) if "begin" in r else None,
            text(r["end"]) if "end" in r else None,
        )
        for r in times
    ]
    callers: dict[str, list[str]] = defaultdict(list)
    for r in select(
        page.store,
        f"""SELECT DISTINCT ?s ?p WHERE {{
          VALUES ?p {{ celac:convenes celac:refersTo celac:adoptedAt }} ?s ?p {ref} }}""",
    ):
        callers[CALLS[text(r["p"])]].append(text(r["s"]))
    series: list[Value] = page.values("celac:inSeries")
    return {
        "when": when[0] if when else None,
        "series": series,
        "ordinal": lines(page, "celac:ordinal"),
        "kind_printed": lines(page, "celac:kind"),
        "names": lines(page, "schema:name"),
        "places": page.values("celac:heldIn"),
        "calls": {
            role: [item_ref(page, s) for s in sorted(found, key=lambda s: _sort_key(page, s))]
            for role, found in callers.items()
        },
        "members": _members(page, series[0].iri, page.iri) if series and series[0].iri else [],
    }


def series_context(page: Page) -> dict[str, Any]:
    return {"members": _members(page, page.iri, None)}
