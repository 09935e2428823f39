"""The SPARQL endpoint's description in the OpenAPI schema: its parameters, request bodies and
answers, as FastAPI's ``openapi_extra`` and ``responses`` take them."""

from __future__ import annotations

from typing import Any

from api.sparql import formats, protocol
from api.sparql.execute import MAX_NESTING, MAX_SLASHES, MEMORY
from graph.namespaces import PREFIXES

GRAPH_PARAMETERS: list[dict[str, Any]] = [
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
QUERY_PARAMETER: dict[str, Any] = {
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
RESPONSES: dict[int | str, dict[str, Any]] = {
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

POST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        protocol.FORM: {
            "schema": {
                "type": "object",
                "required": ["query"],
                "properties": {
                    "query": {
                        "type": "string",
                        "description": QUERY_PARAMETER["description"],
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
            "example": QUERY_PARAMETER["example"],
        },
    },
}
