"""The SPARQL 1.1 Graph Store HTTP Protocol, at the endpoint's URL and at ``/rdf-graphs``, with
indirect graph identification (``?graph=<iri>`` names a named graph; ``?default`` the default
graph an update writes to, the named graph ``…/id/graph/default`` that the union the queries see
includes: :mod:`api.sparql.update_default`) and, under ``/rdf-graphs/``, direct
identification: the request's URL on the service's configured public URL *is* the graph's IRI
(``https://kg.example.org/rdf-graphs/corrections`` names the graph of that IRI, whatever Host the
request came by). GET and HEAD always; PUT, POST and DELETE only for the administrator (the
update token), as SPARQL Update. A graph POSTed to ``/rdf-graphs`` or ``/sparql`` without a name
is created under ``/rdf-graphs/``, so that its IRI, the answer's Location, is also its URL.

Every operation is a SPARQL query or update on the Store interface, so it works the same over the
embedded store and a remote engine: GET is a CONSTRUCT of the graph (time-limited and capped like
any query), existence an ``ASK { GRAPH <g> {} }``, and a write the update :func:`put`,
:func:`post` or :func:`delete` spell.

https://www.w3.org/TR/sparql11-http-rdf-update/
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP

from pyoxigraph import NamedNode, RdfFormat, Triple, parse

from api.sparql.errors import BadRequest, UnsupportedMediaType
from api.sparql.update_default import DEFAULT_GRAPH
from graph.namespaces import SPARQL_BASE

GRAPH = "graph"
DEFAULT = "default"
MULTIPART = "multipart/form-data"
# The Graph Store's own path: under it, request URLs name graphs (direct identification).
DIRECT = "rdf-graphs"
# POST and PUT bodies of these media types are the SPARQL protocol's, not RDF.
PROTOCOL_TYPES = (
    "application/x-www-form-urlencoded",
    "application/sparql-query",
    "application/sparql-update",
)


@dataclass(frozen=True, slots=True)
class Target:
    """The graph a request names: ``iri``, or the default graph when it is None."""

    iri: str | None

    @property
    def shown(self) -> str:
        return "the default graph" if self.iri is None else f"the graph <{self.iri}>"


def target(params: Sequence[tuple[str, str]]) -> Target | None:
    """The graph the query parameters name (``graph=<iri>`` or ``default``), or None when
    they name none.

    Raises:
        BadRequest: both, several graphs, or a graph that is not an absolute IRI.
    """
    graphs = [value for key, value in params if key == GRAPH]
    default = any(key == DEFAULT for key, _ in params)
    if not graphs and not default:
        return None
    if graphs and default:
        raise BadRequest(
            "The request names a graph twice: 'graph' and 'default'; send one of them."
        )
    if default:
        return Target(None)
    if len(graphs) > 1:
        raise BadRequest(f"The request has {len(graphs)} 'graph' parameters; send one.")
    try:
        NamedNode(graphs[0])
    except ValueError as e:
        raise BadRequest(f"graph={graphs[0][:200]!r} is not an absolute IRI: {e}") from e
    return Target(graphs[0])


def is_rdf_post(content_type: str | None) -> bool:
    """Whether a POST to the endpoint with this Content-Type is the Graph Store's (an RDF
    document or a multipart form of them) rather than a SPARQL request."""
    media_type = (content_type or "").partition(";")[0].strip().lower()
    if media_type == MULTIPART:
        return True
    return media_type not in PROTOCOL_TYPES and _format(media_type) is not None


def direct_target(public_url: str, raw_path: bytes) -> Target:
    """The graph a request URL names by direct identification: its path (as sent, still
    percent-encoded) on the service's public URL, ``public_url`` ending in "/".

    Raises:
        BadRequest: the URL is not an IRI.
    """
    iri = public_url + raw_path.decode("latin-1").lstrip("/")
    try:
        NamedNode(iri)
    except ValueError as e:
        raise BadRequest(f"The request's URL {iri[:200]!r} is not a graph IRI: {e}") from e
    return Target(iri)


def new_graph(public_url: str) -> Target:
    """A graph of a fresh name under the Graph Store's path, for a POST that names none."""
    return Target(f"{public_url}{DIRECT}/{uuid.uuid4().hex}")


def exists_query(graph: Target) -> str:
    """An ASK true when the graph exists (the default graph always does)."""
    if graph.iri is None:
        return "ASK {}"
    return f"ASK {{ GRAPH <{graph.iri}> {{}} }}"


def read_query(graph: Target) -> str:
    """A CONSTRUCT of the graph's triples; the default graph's are those of the named graph an
    update's writes to the default graph go to (:data:`update_default.DEFAULT_GRAPH`), where
    PUT and POST of ``?default`` write."""
    iri = graph.iri or DEFAULT_GRAPH
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"


def triples(content_type: str | None, body: bytes, graph: Target) -> list[Triple]:
    """The RDF triples a PUT or POST body carries: one document in the media type its
    Content-Type names, or a ``multipart/form-data`` of several; relative IRIs resolved
    against the graph's IRI.

    Raises:
        UnsupportedMediaType: no RDF syntax this service reads, or a dataset syntax.
        BadRequest: the document is malformed (the parser's message).
    """
    media_type = (content_type or "").partition(";")[0].strip().lower()
    if media_type == MULTIPART:
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + (content_type or "").encode("latin-1") + b"\r\n\r\n" + body
        )
        out: list[Triple] = []
        for part in message.iter_parts():
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                continue
            out += triples(part.get("Content-Type"), payload, graph)
        return out
    fmt = _format(media_type)
    if fmt is None or fmt.supports_datasets:
        raise UnsupportedMediaType(
            f"The Graph Store takes a graph as Turtle, N-Triples, RDF/XML or JSON-LD (or a "
            f"{MULTIPART} of them), not as {content_type or 'no Content-Type'}."
        )
    try:
        return list(parse(body, format=fmt, base_iri=graph.iri or SPARQL_BASE))
    except SyntaxError as e:
        raise BadRequest(f"The {fmt.name} document is malformed: {e}") from e


def put(graph: Target, content: Iterable[Triple]) -> str:
    """The update that makes the graph hold ``content`` and nothing else."""
    if graph.iri is None:
        return "CLEAR SILENT DEFAULT ;\n" + _insert(graph, content)
    return f"DROP SILENT GRAPH <{graph.iri}> ;\nCREATE GRAPH <{graph.iri}> ;\n" + _insert(
        graph, content
    )


def post(graph: Target, content: Iterable[Triple]) -> str:
    """The update that adds ``content`` to the graph, creating it if need be."""
    if graph.iri is None:
        return _insert(graph, content)
    return f"CREATE SILENT GRAPH <{graph.iri}> ;\n" + _insert(graph, content)


def delete(graph: Target) -> str:
    """The update that removes the graph (empties the default graph)."""
    if graph.iri is None:
        return "CLEAR DEFAULT"
    return f"DROP GRAPH <{graph.iri}>"


def _insert(graph: Target, content: Iterable[Triple]) -> str:
    lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in content)
    if graph.iri is None:
        return f"INSERT DATA {{\n{lines}\n}}"
    return f"INSERT DATA {{ GRAPH <{graph.iri}> {{\n{lines}\n}} }}"


def _format(media_type: str) -> RdfFormat | None:
    return _READ.get(media_type)


# What a PUT or POST may carry. Not text/plain, which pyoxigraph would read as N-Triples: a
# SPARQL query POSTed as text/plain is the protocol's 415, not a graph.
_READ = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-quads": RdfFormat.N_QUADS,  # refused, as a dataset, with a sentence
    "application/trig": RdfFormat.TRIG,
}
