"""The JSON-LD ``@context`` published at ``/context.jsonld``, and JSON-LD written against it.

The context maps the project's prefixes (and those of the vocabularies the dataset description
uses) to their namespaces, nothing more: a document written with it uses compact IRIs
(``celac:text``, ``id:plan/celac-2014``) and ``@type``, so expanding it with the context gives
back exactly the triples it was written from. https://www.w3.org/TR/json-ld11/#compact-iris
"""

from __future__ import annotations

from typing import Any

from graph.namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

NAMESPACES: dict[str, str] = {
    **PREFIXES,
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "sh": "http://www.w3.org/ns/shacl#",
    "org": "http://www.w3.org/ns/org#",
    "vann": "http://purl.org/vocab/vann/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}

CONTEXT: dict[str, Any] = {"@context": dict(NAMESPACES)}

_LONGEST_FIRST = sorted(NAMESPACES.items(), key=lambda kv: -len(kv[1]))


def compact_iri(iri: str) -> str:
    """``iri`` as a compact IRI of the context (``celac:text``) where one fits, else unchanged."""
    for prefix, namespace in _LONGEST_FIRST:
        if iri.startswith(namespace):
            suffix = iri[len(namespace) :]
            # A suffix starting with "//" would read as an absolute IRI (JSON-LD 1.1 §4.1.3).
            if suffix and not suffix.startswith("//"):
                return f"{prefix}:{suffix}"
            return iri
    return iri


def compact(expanded: list[dict[str, Any]], context_url: str) -> dict[str, Any]:
    """An expanded JSON-LD document (a list of node objects, as pyoxigraph writes it) rewritten
    against the context published at ``context_url``: compact IRIs, and ``@type`` for
    ``rdf:type``. Expanding the result with that context gives the same triples."""
    return {"@context": context_url, "@graph": [_node(node) for node in expanded]}


def _node(node: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, values in node.items():
        if key == "@id":
            out["@id"] = compact_iri(values)
        elif key == RDF_TYPE and all(_is_iri(v) for v in values):
            out["@type"] = [compact_iri(v["@id"]) for v in values]
        elif key.startswith("@"):
            out[key] = values
        else:
            out[compact_iri(key)] = [_value(v) for v in values]
    return out


def _is_iri(value: dict[str, Any]) -> bool:
    iri = value.get("@id")
    return isinstance(iri, str) and not iri.startswith("_:")


def _value(value: dict[str, Any]) -> dict[str, Any]:
    if "@id" in value:
        return {"@id": compact_iri(value["@id"])}
    if "@type" in value:
        return {**value, "@type": compact_iri(value["@type"])}
    return value
