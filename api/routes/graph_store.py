"""The Graph Store HTTP Protocol's requests: to ``/sparql`` (``?graph=<iri>``, ``?default``, and
RDF POSTed to the endpoint), and to ``/rdf-graphs`` (the same, and ``/rdf-graphs/…``, whose URL
names the graph); answered here, on the same query pool and update path as the SPARQL
protocol's.

https://www.w3.org/TR/sparql11-http-rdf-update/
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from starlette.routing import Route

from api.routes.sparql import _body, _endpoint, _error, _update
from api.settings import Settings
from api.sparql import formats, graph_store, update
from api.sparql.errors import BadRequest, SparqlError, UpdateForbidden
from api.sparql.graph_store import Target
from api.sparql.runners import query_pool

READ_ONLY = (
    "This Graph Store is read-only: GET and HEAD read a graph; PUT, POST and DELETE are for the "
    "administrator, and only when updates are enabled."
)
NOT_FOUND = "There is no {graph} in this Graph Store."

# Documentation only: the requests reach answer() through /sparql's plain route
# (api.routes.sparql._sparql), matched first.
router = APIRouter(tags=["graph store"])
_TEXT = {"text/plain": {"schema": {"type": "string"}}}
_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "graph",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "format": "uri"},
        "description": "The named graph, by its IRI (or 'default' for the default graph). GET "
        "and HEAD /sparql?graph=<iri> (or ?default) answer the graph in the negotiated RDF "
        "format, 404 when there is none.",
        "example": "https://w3id.org/celac-kg/id/graph/corrections",
    },
    {
        "name": "default",
        "in": "query",
        "required": False,
        "allowEmptyValue": True,
        "schema": {"type": "string"},
        "description": "The store's default graph (which the union the queries see includes).",
    },
]
_RESPONSES: dict[int | str, dict[str, Any]] = {
    201: {"description": "The graph was created (a POST without a graph: its IRI is the "
          "Location header)."},
    204: {"description": "The graph was replaced, added to or removed."},
    400: {"description": "No graph named, both graph and default, a graph that is not an "
          "absolute IRI, or a malformed RDF document.", "content": _TEXT},
    401: {"description": "No bearer token (updates are enabled).", "content": _TEXT},
    403: {"description": "The Graph Store is read-only (no update token is configured), or "
          "the token is wrong.", "content": _TEXT},
    404: {"description": "There is no such graph.", "content": _TEXT},
    413: {"description": "A body over 64 KiB.", "content": _TEXT},
    415: {"description": "A body in no RDF syntax the service reads.", "content": _TEXT},
    503: {"description": "The store did not answer in time.", "content": _TEXT},
}  # fmt: skip
_BODY = {
    "required": True,
    "content": {
        media: {"schema": {"type": "string"}}
        for media in ("text/turtle", "application/n-triples", "application/rdf+xml",
                      "application/ld+json")
    },
}  # fmt: skip


@router.put(
    "/sparql",
    summary="Replace a graph (Graph Store HTTP Protocol; administrator only)",
    response_class=Response,
    responses=_RESPONSES,
    openapi_extra={"parameters": _PARAMETERS, "requestBody": _BODY},
)
async def put_graph(request: Request) -> Response:
    """Make the graph hold the RDF document sent, and nothing else (201 when it is new)."""
    return await answer(request)


@router.delete(
    "/sparql",
    summary="Remove a graph (Graph Store HTTP Protocol; administrator only)",
    response_class=Response,
    responses=_RESPONSES,
    openapi_extra={"parameters": _PARAMETERS},
)
async def delete_graph(request: Request) -> Response:
    """Remove the named graph, or empty the default graph."""
    return await answer(request)


async def _graph_store(request: Request) -> Response:
    """``/rdf-graphs``: the Graph Store by itself, graphs named by ``?graph=``/``?default``."""
    return await answer(request)


async def _direct(request: Request) -> Response:
    """``/rdf-graphs/…``: the graph whose IRI is the request's URL on the public URL."""
    settings: Settings = request.app.state.settings
    try:
        raw = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
        graph = graph_store.direct_target(settings.public_url, raw)
    except SparqlError as e:
        return _error(e)
    return await answer(request, graph)


_METHODS = ["GET", "PUT", "POST", "DELETE"]  # and HEAD, with GET
router.routes.append(Route(f"/{graph_store.DIRECT}", _graph_store, methods=_METHODS))
router.routes.append(Route(f"/{graph_store.DIRECT}/{{path:path}}", _direct, methods=_METHODS))

_NAMES = (b"graph", b"default")


def wants(request: Request) -> bool:
    """Whether a request to ``/sparql`` is the Graph Store's: PUT and DELETE; GET, HEAD and POST
    that name a graph and carry no query; a POST of RDF."""
    method = request.method
    if method in ("PUT", "DELETE"):
        return True
    if method in ("GET", "HEAD"):
        raw: bytes = request.scope["query_string"]
        # A look at the bytes first: point queries, the hot path, never name a graph.
        if not (raw.startswith(_NAMES) or any(b"&" + name in raw for name in _NAMES)):
            return False
        keys = {key for key, _ in parse_qsl(raw.decode("latin-1"), keep_blank_values=True)}
        return bool(keys & {graph_store.GRAPH, graph_store.DEFAULT}) and "query" not in keys
    content_type = request.headers.get("content-type")
    return method == "POST" and graph_store.is_rdf_post(content_type)


async def answer(request: Request, direct: Target | None = None) -> Response:
    """Answer a Graph Store request (one :func:`wants`, or one to ``/rdf-graphs``) naming its
    graph in the query string, or by its URL (``direct``)."""
    settings: Settings = request.app.state.settings
    try:
        params = parse_qsl(request.scope["query_string"].decode("latin-1"), keep_blank_values=True)
        named = graph_store.target(params)
        if direct is not None and named is not None:
            raise BadRequest(
                f"The request's URL names {direct.shown}; it cannot name {named.shown} too."
            )
        graph = direct or named
        if graph is None and request.method != "POST":
            raise BadRequest(
                f"A {request.method} to the Graph Store names its graph: ?graph=<iri> or ?default."
            )
        if request.method in ("GET", "HEAD"):
            assert graph is not None  # a GET without one was refused above
            return await _read(request, graph, settings)
        if not settings.update_token:
            raise UpdateForbidden(READ_ONLY)
        update.authorize(request.headers.get("authorization"), settings.update_token)
        return await _write(request, graph, settings)
    except SparqlError as e:
        return _error(e)


async def _exists(request: Request, graph: Target) -> bool:
    pool = query_pool(request.app)
    job = pool.prepare(
        graph_store.exists_query(graph),
        solutions=formats.JSON,
        graph=formats.TURTLE,
        limit=1,
        link=_endpoint(request),
        union=False,
    )
    answer = await pool.run_async(job)
    value = json.loads(answer.body).get("boolean")
    return value is True


async def _read(request: Request, graph: Target, settings: Settings) -> Response:
    chosen = formats.choose(formats.GRAPH, request.headers.get("accept"), ())
    fmt = chosen or formats.TURTLE
    if not await _exists(request, graph):
        return _not_found(graph)
    pool = query_pool(request.app)
    job = pool.prepare(
        graph_store.read_query(graph),
        solutions=formats.JSON,
        graph=fmt,
        limit=settings.max_results,
        link=_endpoint(request),
        union=False,
    )
    answer = await pool.run_async(job)
    headers = {"Vary": "Accept"}
    if answer.capped:
        headers["X-Result-Capped"] = "true"
        headers["X-Result-Limit"] = str(settings.max_results)
    return Response(answer.body, media_type=answer.format.content_type, headers=headers)


async def _write(request: Request, graph: Target | None, settings: Settings) -> Response:
    method = request.method
    if method == "DELETE":
        assert graph is not None
        if not await _exists(request, graph):
            return _not_found(graph)
        await _update(request, graph_store.delete(graph))
        return Response(status_code=204)
    body = await _body(request)
    content_type = request.headers.get("content-type")
    created = graph is None
    if graph is None:
        graph = graph_store.new_graph(settings.public_url)
    content = graph_store.triples(content_type, body, graph)
    existed = not created and await _exists(request, graph)
    text = graph_store.put(graph, content) if method == "PUT" else graph_store.post(graph, content)
    await _update(request, text)
    if created:
        return Response(status_code=201, headers={"Location": graph.iri or ""})
    return Response(status_code=204 if existed else 201)


def _not_found(graph: Target) -> Response:
    return Response(
        NOT_FOUND.format(graph=graph.shown) + "\n",
        status_code=404,
        media_type="text/plain; charset=utf-8",
        headers={"Vary": "Accept"},
    )
