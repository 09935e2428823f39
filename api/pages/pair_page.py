"""The plan × plan view as a page, as CSV and as JSON (by ``?format=`` or the ``Accept`` header),
and the index of every pair of plans."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from api.conneg import negotiate
from api.pages import language
from api.pages.catalog import Catalog, catalog
from api.pages.display import calm, shorten
from api.pages.explain import Explained, explain
from api.pages.links import compare_url, local, pair_url
from api.pages.mandate import MandateRef
from api.pages.messages import Translator
from api.pages.page import render
from api.pages.pair import UnknownPlan, as_csv, as_json, pair
from api.pages.tiers import (
    ASSERTED,
    CONTINUED,
    NOT_FOUND,
    PROBABLE,
    PROBABLY,
    Lineage,
    lineage,
)
from graph.store import Store

FORMATS = {"html": "text/html", "csv": "text/csv", "json": "application/json"}


@dataclass(frozen=True)
class Cell:
    later: str
    earlier: str
    href: str
    asserted: int
    probable: int


def ref(cat: Catalog, iri: str, lang: str, width: int = 180) -> MandateRef:
    """A mandate as a line in a list, in ``lang``."""
    m = cat.mandates[iri]
    plan = cat.plan(m.plan)
    return MandateRef(
        iri,
        local(iri),
        plan.id,
        plan.years,
        f"{calm(cat.label(m.area, lang))} · {m.number or m.position}",
        shorten(m.text, width),
        cat.label_lang(m.area, lang),
        m.text_lang,
    )


def choose_format(request: Request, asked: str | None) -> str | None:
    """``asked`` (``?format=``) if given, else the best of :data:`FORMATS` for ``Accept``; None if
    neither offers one of ours."""
    if asked is not None:
        return asked if asked in FORMATS else None
    chosen = negotiate(request.headers.get("accept"), list(FORMATS.values()))
    return next((k for k, v in FORMATS.items() if v == chosen), None)


def pair_response(
    request: Request, store: Store, later_id: str, earlier_id: str, asked: str | None = None
) -> Response:
    """The plan × plan view in the format ``asked`` for (``?format=``), else by ``Accept``."""
    fmt = choose_format(request, asked)
    if fmt is None:
        detail = (
            f"format={asked!r} is not offered: expected one of {', '.join(FORMATS)}"
            if asked is not None
            else f"none of {', '.join(FORMATS.values())} is acceptable to Accept: {request.headers.get('accept')}"
        )
        return JSONResponse({"detail": detail}, status_code=400 if asked is not None else 406)
    lang = language.choose(request)
    cat = catalog(store)
    found = lineage(store)
    try:
        p = pair(cat, found, later_id, earlier_id, lang)
    except UnknownPlan as e:
        if fmt == "html":
            return render(request, "error.html", {"message": e.say(Translator(lang))}, 404)
        return JSONResponse({"detail": str(e)}, status_code=404)
    vary = {"Vary": "Accept, Accept-Language, Cookie"}
    if fmt == "csv":
        name = f"{p.later.id}--{p.earlier.id}.csv"
        return Response(
            as_csv(p, cat),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'inline; filename="{name}"', **vary},
        )
    if fmt == "json":
        return JSONResponse(as_json(p, cat, found, lang), headers=vary)
    t = Translator(lang)

    def explained(k_later: str, k_earlier: str) -> Explained:
        k = found.pair(k_later, k_earlier)
        assert k is not None
        return explain(k, t, found.quality)

    rows = [
        (
            ref(cat, s.mandate.iri, lang),
            s.state,
            [
                (
                    ref(cat, k.later, lang),
                    explained(k.later, k.earlier),
                    compare_url(k.later, k.earlier),
                )
                for k in s.links
            ],
        )
        for s in p.earlier_side
    ]
    orphans = [ref(cat, s.mandate.iri, lang) for s in p.later_side if s.state == NOT_FOUND]
    response = render(
        request,
        "pair.html",
        {
            "p": p,
            "later_label": cat.label(p.later.iri, lang),
            "earlier_label": cat.label(p.earlier.iri, lang),
            "rows": rows,
            "orphans": orphans,
            "states": (CONTINUED, PROBABLY, NOT_FOUND),
            "asserted": ASSERTED,
            "probable": PROBABLE,
            "quality": found.quality,
            "calibrated": found.calibrated,
            "csv_url": pair_url(p.later.id, p.earlier.id, "csv"),
            "json_url": pair_url(p.later.id, p.earlier.id, "json"),
            "review_url": f"/review/{quote(p.later.id)}/{quote(p.earlier.id)}",
            "pairs": cells(cat, found),
        },
    )
    response.headers["Vary"] = "Accept, " + response.headers.get("Vary", "")
    return response


def cells(cat: Catalog, found: Lineage) -> list[Cell]:
    """Every pair of plans, the later first, with its count of links by tier."""
    plan_of = {m.iri: m.plan for m in cat.mandates.values()}
    out = []
    for later in cat.plans:
        for earlier in cat.plans:
            if earlier.order >= later.order:
                continue
            links = [
                k
                for k in found.links
                if plan_of.get(k.later) == later.iri and plan_of.get(k.earlier) == earlier.iri
            ]
            out.append(
                Cell(
                    later.id,
                    earlier.id,
                    pair_url(later.id, earlier.id),
                    sum(k.tier == ASSERTED for k in links),
                    sum(k.tier == PROBABLE for k in links),
                )
            )
    return out


def plans_page(request: Request, store: Store) -> HTMLResponse:
    """Every pair of plans, each opening its plan × plan view."""
    lang = language.choose(request)
    cat = catalog(store)
    return render(
        request,
        "plans.html",
        {
            "pairs": cells(cat, lineage(store)),
            "labels": {p.id: cat.label(p.iri, lang) for p in cat.plans},
        },
    )
