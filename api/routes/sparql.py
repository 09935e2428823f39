"""The SPARQL 1.1 endpoint at ``/sparql``: queries by GET and POST, answered in the negotiated
format by worker processes under a time limit; the service description when there is no query;
the query editor (YASGUI) for browsers.

https://www.w3.org/TR/sparql11-protocol/
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from fastapi.staticfiles import StaticFiles

from api.deps import SettingsDep, StoreDep
from api.pages import language
from api.pages.templating import STATIC_DIR, templates
from api.settings import Settings
from api.sparql import description, editor, formats, precheck, protocol, update, update_dataset
from api.sparql.errors import (
    QueryFailed,
    SparqlError,
    TooLarge,
    Unavailable,
)
from api.sparql.execute import MAX_NESTING, MAX_SLASHES, MEMORY, QueryPool
from api.sparql.lanes import Lanes, client_of
from api.sparql.remote import RemoteQueries
from api.sparql.streaming import PartedResponse
from api.sparql.updater import Updater
from graph.errors import GraphError
from graph.namespaces import PREFIXES
from graph.remote import RemoteStore
from graph.store import Store

ASSETS = "/assets"
MAX_REQUEST_BYTES = 64 * 1024  # a query, or a POST body, longer than this is refused (413)
# Turtle answers spell resources in full: ``id:`` would print their slashes escaped.
OUTPUT_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}
_POOL_LOCK = threading.Lock()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the query workers with the server (so the first query finds them ready), and stop
    them with it."""
    store = app.state.store
    if isinstance(store, RemoteStore) or isinstance(getattr(store, "path", None), Path):
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


def query_pool(app: FastAPI) -> QueryPool | RemoteQueries:
    """What answers the app's queries: worker processes over the embedded store, started on
    first use, or the remote engine."""
    pool: QueryPool | RemoteQueries | None = getattr(app.state, "sparql_pool", None)
    if pool is not None:
        return pool
    with _POOL_LOCK:
        pool = getattr(app.state, "sparql_pool", None)
        if pool is None:
            pool = _start_pool(app.state.store, app.state.settings)
            app.state.sparql_pool = pool
    return pool


def _start_pool(store: Store, settings: Settings) -> QueryPool | RemoteQueries:
    fast = settings.fast_lane or min(8, max(4, os.cpu_count() or 4))
    lanes = Lanes(
        fast=fast,
        slow=settings.slow_lane,
        budget=settings.fast_lane_seconds,
        per_client=settings.client_queries,
        wait=settings.query_timeout,
    )
    if isinstance(store, RemoteStore):
        return RemoteQueries(
            store,
            PREFIXES,
            timeout=settings.query_timeout,
            output_prefixes=OUTPUT_PREFIXES,
            max_bytes=settings.max_answer_bytes,
            lanes=lanes,
        )
    path = getattr(store, "path", None)
    if not isinstance(path, Path):
        raise QueryFailed(
            f"The SPARQL endpoint evaluates queries in worker processes that open the store "
            f"from its folder; the store {store!r} has none."
        )
    return QueryPool(
        # The build the app opened, even if `current` is switched to a newer one meanwhile.
        path.resolve(),
        PREFIXES,
        timeout=settings.query_timeout,
        size=fast + 2,
        # A worker for each place, and four more: under a stream of runaway queries, stopped
        # ones are replaced faster than their replacements start on a busy machine.
        max_size=fast + settings.slow_lane + 4,
        output_prefixes=OUTPUT_PREFIXES,
        max_bytes=settings.max_answer_bytes,
        lanes=lanes,
    )


_GRAPH_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "default-graph-uri",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": {"type": "string", "format": "uri"}},
        "description": "A graph of the query's default graph (repeat for several). With this or "
        "named-graph-uri the protocol's dataset replaces the default one, whose default graph "
        "is the union of every named graph (one per plan, the entities, the ontology, shared).",
        "example": ["https://w3id.org/celac-kg/id/graph/celac-2014"],
    },
    {
        "name": "named-graph-uri",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": {"type": "string", "format": "uri"}},
        "description": "A named graph the query may reach with GRAPH (repeat for several).",
    },
    {
        "name": "format",
        "in": "query",
        "required": False,
        "schema": {
            "type": "string",
            "enum": [*formats.BY_NAME, "html"],
        },
        "description": "The result format, instead of Accept: json, xml, csv or tsv for SELECT "
        "and ASK; turtle, ntriples, jsonld or rdfxml for CONSTRUCT and DESCRIBE (their media "
        "types work too; json and xml mean JSON-LD and RDF/XML for a graph).",
    },
]
_QUERY_PARAMETER: dict[str, Any] = {
    "name": "query",
    "in": "query",
    "required": False,
    "schema": {"type": "string"},
    "description": "A SPARQL 1.1 query: SELECT, ASK, CONSTRUCT or DESCRIBE. The project's "
    "prefixes (" + ", ".join(f"{p}:" for p in PREFIXES) + ") are declared already. Without "
    "it: the service description, or the query editor for a browser.",
    "example": "SELECT ?plan ?title WHERE { ?p a celac:Plan ; dcterms:identifier ?plan ; "
    "dcterms:title ?title }",
}


# What each answer is, for the OpenAPI schema: JSON ones are objects (JSON-LD may be an array).
_SCHEMAS: dict[str, dict[str, Any]] = {
    "application/sparql-results+json": {"type": "object"},
    "application/ld+json": {"type": ["object", "array"]},
}


def _media(kind: str) -> dict[str, Any]:
    return {
        f.media_type: {"schema": _SCHEMAS.get(f.media_type, {"type": "string"})}
        for f in formats.FORMATS[kind]
    }


_ERROR = {"text/plain": {"schema": {"type": "string"}}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The results: SELECT and ASK in a SPARQL 1.1 results format, CONSTRUCT "
        "and DESCRIBE (and the service description) in RDF; the query editor (text/html) for "
        "a browser. A cut answer has the header X-Result-Capped: true.",
        "content": {
            **_media(formats.SOLUTIONS),
            **_media(formats.GRAPH),
            formats.HTML: {"schema": {"type": "string"}},
        },
        "headers": {
            "X-Result-Capped": {
                "description": "true when the answer was cut at the endpoint's maximum of "
                "rows or triples (also X-Result-Limit)",
                "schema": {"type": "string"},
            },
        },
    },
    400: {"description": "Not a protocol request, a malformed query (the parser's "
          f"message, with line and column), or one nested over {MAX_NESTING} levels or "
          f"chaining over {MAX_SLASHES} path steps.", "content": _ERROR},
    401: {"description": "SPARQL Update without the administrator's bearer token, when "
          "updates are enabled (CELAC_KG_UPDATE_TOKEN).", "content": _ERROR},
    403: {"description": "SPARQL Update (the endpoint is read-only, or the token is wrong), "
          "or SERVICE (it makes no requests to other servers).", "content": _ERROR},
    406: {"description": "No format the client accepts fits the query's results.",
          "content": _ERROR},
    415: {"description": "A POST body of another media type.", "content": _ERROR},
    413: {"description": "A query or body over 64 KiB.", "content": _ERROR},
    429: {"description": "The client has as many queries under way as one may have "
          "(Retry-After).", "content": _ERROR},
    503: {"description": "The query ran past the time limit, or needed more than its "
          f"memory ({MEMORY // 2**20} MiB), and was stopped; or every worker is busy.",
          "content": _ERROR},
}  # fmt: skip


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
    responses=_RESPONSES,
    openapi_extra={"parameters": [_QUERY_PARAMETER, *_GRAPH_PARAMETERS]},
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
    responses=_RESPONSES,
    openapi_extra={
        "parameters": _GRAPH_PARAMETERS,
        "requestBody": {
            "required": True,
            "content": {
                protocol.FORM: {
                    "schema": {
                        "type": "object",
                        "required": ["query"],
                        "properties": {
                            "query": {
                                "type": "string",
                                "description": _QUERY_PARAMETER["description"],
                            },
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "format": {"type": "string"},
                        },
                    },
                    "encoding": {
                        "default-graph-uri": {"style": "form", "explode": True},
                        "named-graph-uri": {"style": "form", "explode": True},
                    },
                },
                protocol.QUERY: {
                    "schema": {"type": "string"},
                    "example": _QUERY_PARAMETER["example"],
                },
            },
        },
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
    app = request.app
    with _POOL_LOCK:
        updater = getattr(app.state, "sparql_updater", None)
        if updater is None:
            updater = app.state.sparql_updater = Updater(app.state.settings)
    await updater.apply(app, text)
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
            return _editor(request, None)
        return await _service_description(request, store, settings, fmt)
    checked = await precheck.check_async(sparql.query)
    form = checked.form
    if form is None:  # not a query: the parser will say why, in a format the client takes
        try:
            chosen = formats.choose(formats.SOLUTIONS, accept, sparql.formats)
        except SparqlError:
            chosen = formats.JSON
        if chosen is None:
            return _editor(request, sparql.query)
        solutions = chosen
        graph = _lenient(formats.GRAPH, accept, sparql.formats) or formats.TURTLE
    else:
        kind = formats.KIND_OF_FORM[form]
        chosen = formats.choose(kind, accept, sparql.formats)
        if chosen is None:
            return _editor(request, sparql.query)
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


@lru_cache(maxsize=1)
def _examples() -> tuple[editor.CannedQuery, ...]:
    return tuple(editor.canned_queries(PREFIXES))


_TEXT = {
    "es": {
        "title": "Consultas SPARQL",
        "intro": "Escriba una consulta SPARQL 1.1 o abra un ejemplo; las respuestas vienen de "
        "este servidor, el punto de acceso",
        "prefixes": "Los prefijos del proyecto ya están declarados:",
        "limits": "Solo lectura. Una consulta puede durar {timeout:g} s y usar {memory} MiB, "
        "anidar {nesting} niveles y encadenar {steps} pasos de camino; una respuesta trae a "
        "lo sumo {max_results} filas o tripletas (si se corta, lo dice).",
        "examples": "Ejemplos",
        "missing": "Faltan los archivos del editor de consultas (YASGUI). Instálelos con:",
        "missing_detail": "(ejecuta npm ci en api/assets). Se buscan en",
        "query": "Consulta",
        "run": "Ejecutar",
        "tab": "Consulta",
    },
    "en": {
        "title": "SPARQL queries",
        "intro": "Write a SPARQL 1.1 query or open an example; the answers come from this "
        "server, whose endpoint is",
        "prefixes": "The project's prefixes are declared already:",
        "limits": "Read-only. A query may run for {timeout:g} s and use {memory} MiB, nest "
        "{nesting} levels deep and chain {steps} path steps; an answer holds at most "
        "{max_results} rows or triples (a cut answer says so).",
        "examples": "Examples",
        "missing": "The query editor's files (YASGUI) are not installed. Install them with:",
        "missing_detail": "(it runs npm ci in api/assets). They are looked for in",
        "query": "Query",
        "run": "Run",
        "tab": "Query",
    },
}
DEFAULT_QUERY = """SELECT ?plan ?title WHERE {
  ?p a celac:Plan ; dcterms:identifier ?plan ; dcterms:title ?title .
}
ORDER BY ?plan
"""


def _editor(request: Request, query: str | None) -> Response:
    lang = language.choose(request)
    settings: Settings = request.app.state.settings
    text = dict(_TEXT[lang])
    text["limits"] = text["limits"].format(
        timeout=settings.query_timeout,
        max_results=settings.max_results,
        memory=MEMORY // 2**20,
        nesting=MAX_NESTING,
        steps=MAX_SLASHES,
    )
    endpoint = _endpoint(request)
    default_query = editor.declare_prefixes(query or DEFAULT_QUERY, PREFIXES)
    examples = _examples()
    config = {
        "endpoint": endpoint,
        "tabName": text["tab"],
        "prefixes": PREFIXES,
        "defaultQuery": default_query,
        "query": default_query if query else None,
        "examples": [{"title": e.title, "query": e.text} for e in examples],
    }
    response = templates.TemplateResponse(
        request,
        "sparql.html",
        {
            "lang": lang,
            "text": text,
            "endpoint": endpoint,
            "assets": ASSETS,
            "prefixes": PREFIXES,
            "examples": examples,
            "yasgui": editor.yasgui_installed(),
            "yasgui_dir": editor.yasgui_location(),
            "config": config,
            "default_query": default_query,
            "formats": list(formats.BY_NAME),
        },
        headers={"Vary": "Accept"},
    )
    return language.remember(request, response)


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
