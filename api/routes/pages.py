"""Pages for people: the home page, search (and its JSON twin), the language switch, and the
static files (``/static``: styles, fonts, scripts) every page uses. The page of each resource
is served by the linked-data routes at ``/id/…``, through :func:`api.pages.resource.resource_page`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from api.deps import SettingsDep, StoreDep
from api.pages import language
from api.pages.catalog import catalog
from api.pages.compare import compare_page
from api.pages.flow import flow_page
from api.pages.home import home_page
from api.pages.links import local
from api.pages.pair_page import pair_response, plans_page
from api.pages.review import review_page
from api.pages.search import TYPES, Results, Segments, index, search
from api.pages.search_page import search_page
from api.pages.templating import STATIC_DIR


@asynccontextmanager
async def warm(app: FastAPI) -> AsyncIterator[None]:
    """Read the catalog and build the search index at start-up, not on the first request."""
    store = getattr(app.state, "store", None)
    if store is not None:
        await run_in_threadpool(lambda: index(catalog(store)))
    yield


router = APIRouter(lifespan=warm)
router.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, store: StoreDep) -> HTMLResponse:
    """The four plans on a timeline, a search box, example questions."""
    return home_page(request, store)


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_html(request: Request, store: StoreDep, settings: SettingsDep) -> HTMLResponse:
    """Full-text search, as a page."""
    return search_page(request, store, settings.page_size)


@router.get("/plans", response_class=HTMLResponse, include_in_schema=False)
def plans(request: Request, store: StoreDep) -> HTMLResponse:
    """Every pair of plans, each opening its plan × plan view."""
    return plans_page(request, store)


@router.get(
    "/plans/{later}/{earlier}",
    tags=["lineage"],
    summary="A later plan against an earlier one",
    responses={
        200: {
            "description": "The view",
            "content": {"text/html": {}, "text/csv": {}, "application/json": {}},
        },
        400: {"description": "A format that is not offered"},
        404: {"description": "No such plan, or the first is not the later one"},
        406: {"description": "None of the formats is acceptable"},
    },
)
def plan_pair(
    request: Request,
    store: StoreDep,
    later: str,
    earlier: str,
    format: Annotated[
        str | None, Query(description="html, csv or json; else by the Accept header")
    ] = None,
) -> Response:
    """Which mandates of ``later`` continue which of ``earlier`` (asserted and probable links),
    which earlier mandates have no successor found there, which later ones no antecedent found,
    by theme and by area. HTML, CSV or JSON: by ``?format=html|csv|json`` or the Accept header."""
    return pair_response(request, store, later, earlier, format)


@router.get("/themes/flow", response_class=HTMLResponse, include_in_schema=False)
def theme_flow(request: Request, store: StoreDep) -> HTMLResponse:
    """The themes across the plans, as an alluvial picture."""
    return flow_page(request, store)


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare(request: Request, store: StoreDep, later: str = "", earlier: str = "") -> HTMLResponse:
    """A mandate and an antecedent side by side."""
    return compare_page(request, store, later, earlier)


@router.get("/review/{later}/{earlier}", response_class=HTMLResponse, include_in_schema=False)
def review(request: Request, store: StoreDep, later: str, earlier: str) -> HTMLResponse:
    """The links of a plan pair to review; the verdicts are exported by the browser."""
    return review_page(request, store, later, earlier)


@router.get("/lang/{code}", include_in_schema=False)
def switch_language(code: str, next: str = "/") -> Response:
    """Remember the reader's language in a cookie and go back to the page they were on."""
    if code not in language.LANGUAGES:
        return JSONResponse(
            {
                "detail": f"language {code!r} is not offered: expected one of {', '.join(language.LANGUAGES)}"
            },
            status_code=400,
        )
    # Only a path on this site: never an open redirect to another one.
    target = (
        next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    )
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(language.COOKIE, code, max_age=language.COOKIE_MAX_AGE, samesite="lax")
    return response


class Hit(BaseModel):
    iri: str = Field(description="The resource's IRI")
    url: str = Field(description="Its page on this site")
    type: str = Field(description=f"One of: {', '.join(TYPES)}")
    plan: str | None = Field(description="The plan id, for plans, areas and mandates")
    title: str
    title_marks: list[tuple[int, int]] = Field(description="[start, end) of each match in title")
    snippet: str = Field(description="The mandate text (or the name) around the first match")
    snippet_marks: list[tuple[int, int]] = Field(
        description="[start, end) of each match in snippet"
    )
    score: float


class Facet(BaseModel):
    value: str = Field(description="The value to pass as the filter")
    label: str
    count: int = Field(description="Matches with this value, under the other filters")
    selected: bool


class SearchResults(BaseModel):
    query: str
    total: int
    page: int
    pages: int
    page_size: int
    hits: list[Hit]
    facets: dict[str, list[Facet]] = Field(description="Counts by plan, type and theme")


class SearchProblem(BaseModel):
    detail: str
    parameter: str


def _flatten(segments: Segments) -> tuple[str, list[tuple[int, int]]]:
    text, marks, at = "", [], 0
    for part, hit in segments:
        if hit:
            marks.append((at, at + len(part)))
        text += part
        at += len(part)
    return text, marks


def _json(results: Results) -> SearchResults:
    hits = []
    for h in results.hits:
        title, title_marks = _flatten(h.title)
        snippet, snippet_marks = _flatten(h.snippet)
        hits.append(
            Hit(
                iri=h.iri,
                url=local(h.iri),
                type=h.kind,
                plan=h.plan,
                title=title,
                title_marks=title_marks,
                snippet=snippet,
                snippet_marks=snippet_marks,
                score=round(h.score, 3),
            )
        )
    return SearchResults(
        query=results.query,
        total=results.total,
        page=results.page,
        pages=results.pages,
        page_size=results.page_size,
        hits=hits,
        facets={
            name: [
                Facet(value=f.value, label=f.label, count=f.count, selected=f.selected)
                for f in facets
            ]
            for name, facets in results.facets.items()
        },
    )


@router.get(
    "/api/search",
    response_model=SearchResults,
    responses={400: {"model": SearchProblem, "description": "A parameter cannot be used"}},
    tags=["search"],
    summary="Search labels and mandate texts",
)
def search_json(
    store: StoreDep,
    settings: SettingsDep,
    q: Annotated[
        str,
        Query(
            description="Words; each must begin a word of the label or text. Accents and case do not matter."
        ),
    ] = "",
    plan: Annotated[str | None, Query(description="A plan id, e.g. CELAC-2014")] = None,
    type: Annotated[str | None, Query(description=f"One of: {', '.join(TYPES)}")] = None,
    theme: Annotated[str | None, Query(description="A theme key, e.g. food-security")] = None,
    page: Annotated[int, Query(description="From 1")] = 1,
    lang: Annotated[str, Query(description="Language of the labels: es or en")] = "es",
) -> SearchResults | JSONResponse:
    """Full-text search over the labels of every plan, area, meeting, series, actor, place and
    theme, and over the mandates' texts: accent- and case-insensitive, every word of ``q`` must
    begin a word. Filters by plan, type and theme; the facets count the matches for each value.
    With an empty ``q``, whatever the filters let through; with neither, nothing."""
    if lang not in language.LANGUAGES:
        return JSONResponse(
            {
                "detail": f"lang={lang!r} is not offered: expected one of {', '.join(language.LANGUAGES)}",
                "parameter": "lang",
            },
            status_code=400,
        )
    results = search(  # a SearchError is a 400 naming the parameter: api/errors.py
        catalog(store),
        q,
        plan=plan or None,
        kind=type or None,
        theme=theme or None,
        page=page,
        page_size=settings.page_size,
        lang=lang,
    )
    return _json(results)
