"""The HTML page of one resource of the graph, by its kind: mandate, area, plan, meeting, series,
actor or partner, theme; any other resource gets the general page. Every page also shows all
that the graph says about the resource — properties, outgoing and incoming links — and links to
its data in each format and to its canonical IRI."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.pages import actor, area, language, mandate, meeting, plan, theme
from api.pages.catalog import catalog
from api.pages.links import DATA_FORMATS, format_url, local
from api.pages.messages import Translator
from api.pages.page import Page, render
from api.pages.rows import NotAnIRI, iri_ref
from api.pages.statements import described, incoming, outgoing, resource_label
from api.settings import Settings
from graph.store import Store

VIEWS: dict[str, tuple[str, Callable[[Page], dict[str, Any]]]] = {
    "mandate": ("mandate.html", mandate.context),
    "area": ("area.html", area.context),
    "plan": ("plan.html", plan.context),
    "meeting": ("meeting.html", meeting.context),
    "series": ("series.html", meeting.series_context),
    "actor": ("actor.html", actor.context),
    "partner": ("actor.html", actor.context),
    "theme": ("theme.html", theme.context),
}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings  # create_app sets them; there is no fallback
    return settings


def error_page(request: Request, message: str, status_code: int = 400) -> HTMLResponse:
    """A page that says what was wrong with the request."""
    return render(request, "error.html", {"message": message}, status_code)


def not_found_page(request: Request, iri: str) -> HTMLResponse:
    """The 404 page for ``iri``, with a search for the last words of its path."""
    words = iri.rstrip("/#").rsplit("/", 1)[-1].replace("-", " ")
    return render(
        request,
        "not_found.html",
        {"iri": iri, "search": words, "search_url": f"/search?{urlencode({'q': words})}"},
        404,
    )


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    try:
        number = int(raw)
    except ValueError:
        raise ValueError(f"page={raw!r} is not a page number: expected an integer from 1") from None
    if number < 1:
        raise ValueError(f"page={raw!r} is not a page number: pages count from 1")
    return number


def resource_page(request: Request, store: Store, iri: str) -> HTMLResponse:
    """The page of ``iri``; a 404 page when the graph says nothing about it, a 400 page when
    ``iri`` is not an IRI or ``?page=`` is not a page number."""
    try:
        iri_ref(iri)
        number = _page_number(request)
    except (NotAnIRI, ValueError) as e:
        return error_page(request, str(e))
    lang = language.choose(request)
    cat = catalog(store)
    settings = _settings(request)
    properties = outgoing(store, cat, iri, lang)
    links_in = incoming(store, cat, iri, lang, number, settings.page_size)
    if not properties and not links_in.total:
        return not_found_page(request, iri)
    kind = cat.kind(iri)
    page = Page(request, store, cat, iri, lang, Translator(lang), properties, settings.data)
    template, view = VIEWS.get(kind or "", ("resource.html", lambda _: {}))
    context: dict[str, Any] = {
        "iri": iri,
        "href": local(iri),
        "kind": kind or "resource",
        "label": resource_label(cat, iri, lang),
        "label_lang": cat.label_lang(iri, lang),
        "types": page.values("rdf:type"),
        "properties": properties,
        "incoming": links_in,
        "described": described(store, cat, iri, lang),
        "formats": [(fmt, format_url(iri, fmt)) for fmt in DATA_FORMATS],
        "anchors": set(),  # the fragments the view's own sections use as ids
    }
    context.update(view(page))
    return render(request, template, context)
