"""The SPARQL 1.1 endpoint at ``/sparql``: queries by GET and POST, answered in the negotiated
format by worker processes under a time limit; the service description when there is no query;
the query editor (YASGUI) for browsers.

https://www.w3.org/TR/sparql11-protocol/
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles

from api.deps import SettingsDep, StoreDep
from api.pages.templating import STATIC_DIR
from api.settings import Settings
from api.sparql import (
    description,
    editor,
    formats,
    openapi,
    precheck,
    protocol,
    runners,
    update,
    update_dataset,
)
from api.sparql.editor_page import ASSETS, editor_page
from api.sparql.errors import (
    SparqlError,
    TooLarge,
    Unavailable,
)
from api.sparql.lanes import client_of
from api.sparql.runners import query_pool
from api.sparql.streaming import PartedResponse
from graph.errors import GraphError
from graph.store import Store

MAX_REQUEST_BYTES = 64 * 1024  # a query, or a POST body, longer than this is refused (413)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the query workers with the server (so the first query finds them ready), and stop
    them with it."""
    await run_in_threadpool(query_pool, app)
    yield
    pool = getattr(app.state, "sparql_pool", None)
    if pool is not None:
        await run_in_threadpool(pool.close)
    updater = getattr(app.state, "sparql_updater", None)
    if updater is not None:
        await run_in_threadpool(updater.close)


router = APIRouter(tags=["sparql"], lifespan=lifespan)
router.mount(
    f"{ASSETS}/yasgui", StaticFiles(directory=editor.YASGUI_DIR, check_dir=False), name="yasgui"
)
router.mount(f"{ASSETS}/sparql", StaticFiles(directory=STATIC_DIR / "sparql"), name="sparql-assets")


async def _sparql(request: Request) -> Response:
    """GET and POST ``/sparql`` as a plain Starlette route, matched before the two FastAPI routes
    below, which document them in the OpenAPI schema: FastAPI's dependency resolution and
    parameter handling cost more per request than a point lookup does."""
    from api.routes import graph_store  # it imports this module

    if graph_store.wants(request):
        return await graph_store.answer(request)
    state = request.app.state
    if request.method == "POST":
        return await sparql_post(request, state.store, state.settings)
    return await sparql_get(request, state.store, state.settings)


router.add_route(
    "/sparql", _sparql, methods=["GET", "POST", "PUT", "DELETE"], include_in_schema=False
)


@router.get(
    "/sparql",
    summary="Query the graph (SPARQL 1.1 Protocol, GET)",
    response_class=Response,
    responses=openapi.RESPONSES,
    openapi_extra={"parameters": [openapi.QUERY_PARAMETER, *openapi.GRAPH_PARAMETERS]},
)
async def sparql_get(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Answer the query in ``query``; with none, describe the service (SPARQL 1.1 Service
    Description), or open the query editor for a browser."""
    try:
        query_string: bytes = request.scope["query_string"]
        if len(query_string) > MAX_REQUEST_BYTES:
            raise TooLarge(_too_large(f"the URL's query string ({len(query_string)} bytes)"))
        sparql = protocol.from_query_string(query_string)
        return await _answer(request, sparql, store, settings)
    except SparqlError as e:
        return _error(e)


@router.post(
    "/sparql",
    summary="Query the graph (SPARQL 1.1 Protocol, POST)",
    response_class=Response,
    responses=openapi.RESPONSES,
    openapi_extra={
        "parameters": openapi.GRAPH_PARAMETERS,
        "requestBody": openapi.POST_BODY,
    },
)
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Answer the query in the form's ``query`` field, or the query that is the body
    (``application/sparql-query``; the dataset parameters then go in the URL)."""
    try:
        body = await _body(request)
        content_type = request.headers.get("content-type")
        params = request.query_params.multi_items()
        if settings.update_token:
            text = update.update_text(content_type, body, params)
            if text is not None:
                update.authorize(request.headers.get("authorization"), settings.update_token)
                dataset = update_dataset.from_params(
                    protocol.request_params(content_type, body, params)
                )
                return await _update(request, update_dataset.apply(text, dataset))
        sparql = protocol.from_post(content_type, body, params)
        return await _answer(request, sparql, store, settings)
    except SparqlError as e:
        return _error(e)


async def _update(request: Request, text: str) -> Response:
    """Apply the update to a working copy (never the build), one at a time; the app then reads
    from it (:mod:`api.sparql.updater`)."""
    await runners.updater(request.app).apply(request.app, text)
    return PlainTextResponse("The update was applied.\n", headers={"Vary": "Accept"})


async def _body(request: Request) -> bytes:
    """The request's body, read no further than ``MAX_REQUEST_BYTES``.

    Raises:
        TooLarge: the body, as declared or as sent, is over the limit.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_REQUEST_BYTES:
        raise TooLarge(_too_large(f"the body ({declared} bytes)"))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise TooLarge(_too_large("the body"))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(what: str) -> str:
    return (
        f"{what[0].upper()}{what[1:]} is over the limit of {MAX_REQUEST_BYTES // 1024} KiB for a "
        "SPARQL request; send a shorter query."
    )


async def _answer(
    request: Request, sparql: protocol.SparqlRequest, store: Store, settings: Settings
) -> Response:
    accept = request.headers.get("accept")
    if sparql.query is None:
        fmt = formats.choose(formats.GRAPH, accept, sparql.formats)
        if fmt is None:
            return editor_page(request, None, _endpoint(request))
        return await _service_description(request, store, settings, fmt)
    checked = await precheck.check_async(sparql.query)
    form = checked.form
    if form is None:  # not a query: the parser will say why, in a format the client takes
        try:
            chosen = formats.choose(formats.SOLUTIONS, accept, sparql.formats)
        except SparqlError:
            chosen = formats.JSON
        if chosen is None:
            return editor_page(request, sparql.query, _endpoint(request))
        solutions = chosen
        graph = _lenient(formats.GRAPH, accept, sparql.formats) or formats.TURTLE
    else:
        kind = formats.KIND_OF_FORM[form]
        chosen = formats.choose(kind, accept, sparql.formats)
        if chosen is None:
            return editor_page(request, sparql.query, _endpoint(request))
        solutions = chosen if kind == formats.SOLUTIONS else formats.JSON
        graph = chosen if kind == formats.GRAPH else formats.TURTLE
    pool = query_pool(request.app)
    job = pool.prepare(
        sparql.query,
        solutions=solutions,
        graph=graph,
        limit=settings.max_results,
        link=_endpoint(request) + description.LIMITS,
        default_graphs=sparql.default_graphs,
        named_graphs=sparql.named_graphs,
        union=not checked.own_dataset,
        checked=True,
    )
    answer = await pool.run_async(job, client_of(request.scope, settings.client_header))
    headers = {"Vary": "Accept"}
    if answer.capped:
        headers["X-Result-Capped"] = "true"
        headers["X-Result-Limit"] = str(settings.max_results)
    return PartedResponse(
        answer.body,
        media_type=answer.format.content_type,
        headers=headers,
        write_timeout=settings.write_timeout,
    )


def _lenient(kind: str, accept: str | None, values: tuple[str, ...]) -> formats.ResultFormat | None:
    try:
        return formats.choose(kind, accept, values)
    except SparqlError:
        return None


async def _service_description(
    request: Request, store: Store, settings: Settings, fmt: formats.ResultFormat
) -> Response:
    counts: description.DatasetCounts | None = getattr(request.app.state, "sparql_counts", None)
    if counts is None:
        try:
            counts = await run_in_threadpool(description.count_triples, store)
        except GraphError as e:
            raise Unavailable(f"The dataset cannot be described now: {e}") from e
        request.app.state.sparql_counts = counts
    triples = description.service_description(
        _endpoint(request),
        counts,
        timeout=settings.query_timeout,
        max_results=settings.max_results,
        update=bool(settings.update_token),
        max_bytes=settings.max_answer_bytes,
    )
    body = description.write(triples, fmt)
    return Response(body, media_type=fmt.content_type, headers={"Vary": "Accept"})


def _endpoint(request: Request) -> str:
    """The endpoint's absolute URL, on the configured public URL (never the Host header)."""
    settings: Settings = request.app.state.settings
    return settings.public_url + "sparql"


def _error(error: SparqlError) -> Response:
    headers = {"Vary": "Accept"}
    if error.retry_after is not None:
        headers["Retry-After"] = str(error.retry_after)
    elif isinstance(error, Unavailable) and error.__class__ is Unavailable:
        headers["Retry-After"] = "1"
    if isinstance(error, update.Unauthorized):
        headers["WWW-Authenticate"] = update.REALM
    return PlainTextResponse(error.message + "\n", status_code=error.status, headers=headers)
