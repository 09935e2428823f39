"""The search page: the search box, the filters with their counts, the hits a page at a time."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.pages import language
from api.pages.catalog import catalog
from api.pages.links import local
from api.pages.messages import N_, Translator
from api.pages.page import render
from api.pages.search import SearchError, search
from graph.store import Store

FILTERS = ("plan", "type", "theme")


def _int(raw: str | None, name: str) -> int:
    if raw is None or raw == "":
        return 1
    try:
        return int(raw)
    except ValueError:
        raise SearchError(
            name, N_("%(value)r is not a page number: expected an integer from 1"), value=raw
        ) from None


def search_page(request: Request, store: Store, page_size: int) -> HTMLResponse:
    """The search page for ``request``'s ``q``, ``plan``, ``type``, ``theme`` and ``page``; a
    400 page that names the parameter when one cannot be used."""
    lang = language.choose(request)
    t = Translator(lang)
    params = request.query_params
    q = params.get("q", "")
    chosen = {name: params.get(name) or None for name in FILTERS}
    cat = catalog(store)
    try:
        results = search(
            cat,
            q,
            plan=chosen["plan"],
            kind=chosen["type"],
            theme=chosen["theme"],
            page=_int(params.get("page"), "page"),
            page_size=page_size,
            lang=lang,
        )
    except SearchError as e:
        return render(
            request,
            "search.html",
            {"q": q, "chosen": chosen, "results": None, "error": e.said(t)},
            400,
        )

    def url(**changes: str | int | None) -> str:
        values: dict[str, str | int | None] = {"q": q or None, **chosen, "page": None}
        values.update(changes)
        kept = {k: v for k, v in values.items() if v is not None and v != ""}
        if kept.get("page") == 1:
            del kept["page"]
        return "/search" + (f"?{urlencode(kept)}" if kept else "")

    return render(
        request,
        "search.html",
        {
            "q": q,
            "chosen": chosen,
            "results": results,
            "error": None,
            "page_url": lambda n: url(page=n),
            "clear_url": url(plan=None, type=None, theme=None),
            "hrefs": {h.iri: local(h.iri) for h in results.hits},
            "plan_years": {p.id: p.years for p in cat.plans},
            "filtered": any(chosen.values()),
        },
    )
