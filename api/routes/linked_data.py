"""Linked data: every resource at ``/id/…`` (its page for browsers, its description in Turtle,
JSON-LD, N-Triples or RDF/XML for machines), the ontology at ``/ontology``, the shapes at
``/shapes``, the JSON-LD context at ``/context.jsonld``, VoID and DCAT at ``/.well-known/void``
and the dumps at ``/dumps/{name}``.

Every negotiated answer says ``Vary: Accept``; every RDF answer and page links its canonical
IRI and its other formats in ``Link`` headers. https://www.w3.org/TR/cooluris/
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import unquote

from fastapi import APIRouter, Request
from fastapi.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

from api.deps import StoreDep
from api.linked import documents, ontology
from api.linked.context import CONTEXT
from api.linked.describe import check_iri, describe, describe_triples, is_described
from api.linked.documents import Document
from api.linked.dumps import find
from api.linked.formats import (
    ALL_PREFIXES,
    HTML,
    READABLE,
    WITH_PAGE,
    WITHOUT_PAGE,
    Format,
    as_uri,
    choose,
    empty_document,
    link_header,
    serialize,
)
from api.linked.iris import local_path, requested_iri
from api.linked.void import DATASET, DOCUMENT, GRAPHS, description
from api.pages.messages import Translator
from api.pages.resource import resource_page
from api.pages.templating import templates
from graph.namespaces import BASE

router = APIRouter()

CONTEXT_PATH = "/context.jsonld"
VOID_PATH = "/.well-known/void"
TITLES = {"turtle": "Turtle", "jsonld": "JSON-LD", "ntriples": "N-Triples", "rdfxml": "RDF/XML"}


def ontology_words(lang: str) -> dict[str, str]:
    """The ontology page's own words in ``lang``, from the pages' catalogs."""
    t = Translator(lang)
    return {key: t(words) for key, words in ontology.WORDS.items()}


def context_url(request: Request) -> str:
    """The JSON-LD context's canonical IRI (the service answers at its path)."""
    del request
    return BASE + CONTEXT_PATH.lstrip("/")


def _negotiate(request: Request, offered: Sequence[Format]) -> Format | Response:
    """The format to answer in, or the answer when there is none: 406 when nothing offered is
    acceptable (an unknown ``?format=`` is an UnknownFormat, 400: api/errors.py)."""
    accept = request.headers.get("accept")
    fmt = choose(offered, accept, request.query_params.get("format"))
    if fmt is None:
        types = ", ".join(dict.fromkeys(f.media_type for f in offered))
        return PlainTextResponse(
            f"Not acceptable: Accept: {accept} matches none of the formats offered here ({types}); "
            "or ask by ?format= (" + ", ".join(dict.fromkeys(f.name for f in offered)) + ").",
            status_code=406,
            headers={"Vary": "Accept"},
        )
    return fmt


def _answer(
    body: bytes, fmt: Format, canonical: str, path: str, offered: Sequence[Format]
) -> Response:
    headers = {"Vary": "Accept", "Link": link_header(canonical, path, offered, fmt)}
    return Response(body, media_type=fmt.media_type, headers=headers)


def _with_links(
    response: Response, canonical: str, path: str, offered: Sequence[Format]
) -> Response:
    vary = response.headers.get("vary")
    if vary is None:
        response.headers["Vary"] = "Accept"
    elif "accept" not in {v.strip().lower() for v in vary.split(",")}:
        response.headers["Vary"] = f"{vary}, Accept"
    response.headers["Link"] = link_header(canonical, path, offered, HTML)
    return response


def _is_void(iri: str) -> bool:
    """Whether ``iri`` is described by the dataset's description, not by the graph."""
    return iri == DATASET or iri.startswith(DATASET + "#") or iri.startswith(GRAPHS)


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
def resource(request: Request, store: StoreDep, path: str) -> Response:
    """One resource of the graph: its page, or its description in an RDF format."""
    del path  # read undecoded from the request: see api.linked.iris
    fmt = _negotiate(request, WITH_PAGE)
    if isinstance(fmt, Response):
        return fmt
    raw = request.scope.get("raw_path") or request.url.path.encode("utf-8")
    iri = check_iri(requested_iri(raw, request.scope.get("root_path", "")))  # 400s: api/errors.py
    here = local_path(iri)
    document, hash_sign, fragment = iri.partition("%23")
    if hash_sign and is_described(store, document) and not is_described(store, iri):
        # A "#" sent percent-encoded: the client meant the fragment, described in its document.
        target = as_uri(local_path(document)) + "#" + as_uri(unquote(fragment))
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})

    if fmt == HTML:
        if _is_void(iri):
            fmt = READABLE
        else:
            return _with_links(resource_page(request, store, iri), iri, here, WITH_PAGE)
    ctx = context_url(request)
    triples = describe_triples(description(store), iri) if _is_void(iri) else describe(store, iri)
    if not triples:
        message = f"Not found: the graph says nothing about <{iri}>."
        return Response(
            empty_document(fmt, message, ctx),
            status_code=404,
            media_type=fmt.media_type,
            headers={"Vary": "Accept"},
        )
    return _answer(serialize(triples, fmt, ctx), fmt, iri, here, WITH_PAGE)


def _document(request: Request, doc: Document, offered: Sequence[Format]) -> Response:
    fmt = _negotiate(request, offered)
    if isinstance(fmt, Response):
        return fmt
    if fmt == HTML:
        formats = [
            {
                "url": f"{doc.path}?format={f.name}",
                "media_type": f.media_type,
                "title": TITLES[f.name],
            }
            for f in offered
            if f.name in TITLES
        ]
        page = templates.TemplateResponse(
            request,
            "ontology.html",
            {
                "page": ontology.page(),
                "words": {code: ontology_words(code) for code in ontology.LANGUAGES},
                "formats": formats,
            },
        )
        return _with_links(page, doc.iri, doc.path, offered)
    body = documents.render(doc, fmt, context_url(request))
    return _answer(body, fmt, doc.iri, doc.path, offered)


@router.api_route("/ontology", methods=["GET", "HEAD"], include_in_schema=False)
def ontology_document(request: Request) -> Response:
    """The ontology: a readable page (each term at ``/ontology#Term``), or its RDF."""
    return _document(request, documents.ONTOLOGY, WITH_PAGE)


@router.api_route("/shapes", methods=["GET", "HEAD"], include_in_schema=False)
def shapes_document(request: Request) -> Response:
    """The SHACL shapes every build passes, in an RDF format (Turtle as text for a browser)."""
    return _document(request, documents.SHAPES, WITHOUT_PAGE)


@router.api_route(VOID_PATH, methods=["GET", "HEAD"], include_in_schema=False)
def void(request: Request, store: StoreDep) -> Response:
    """VoID and DCAT descriptions of the dataset (Turtle as text for a browser)."""
    fmt = _negotiate(request, WITHOUT_PAGE)
    if isinstance(fmt, Response):
        return fmt
    body = serialize(description(store), fmt, context_url(request), ALL_PREFIXES)
    return _answer(body, fmt, DOCUMENT, VOID_PATH, WITHOUT_PAGE)


@router.api_route(CONTEXT_PATH, methods=["GET", "HEAD"], include_in_schema=False)
def jsonld_context() -> JSONResponse:
    """The JSON-LD context every JSON-LD answer of this service refers to: the prefixes."""
    return JSONResponse(CONTEXT, media_type="application/ld+json")


@router.api_route("/dumps/{name}", methods=["GET", "HEAD"], include_in_schema=False)
def dump(store: StoreDep, name: str) -> Response:
    """One dump of the whole graph: ``celac-kg.ttl``, ``celac-kg.nq`` or ``celac-kg.jsonld``."""
    found = find(store, name)  # NoSuchDump, 404: api/errors.py
    return FileResponse(found.path, media_type=found.media_type)
