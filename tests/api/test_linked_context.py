"""The published JSON-LD context, and JSON-LD compacted against it: expanding gives back the
same triples."""

from __future__ import annotations

import json

import pyoxigraph
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple
from rdf_responses import isomorphic, parse_rdf

from api.linked.context import CONTEXT, compact, compact_iri
from graph.namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def test_linked_context_declares_every_project_prefix() -> None:
    for prefix, namespace in PREFIXES.items():
        assert CONTEXT["@context"][prefix] == namespace
    # JSON-LD 1.1 uses a simple term as a prefix only if its IRI ends in a gen-delim.
    assert all(ns[-1] in "/#" for ns in CONTEXT["@context"].values())


def test_linked_context_compact_iri() -> None:
    assert compact_iri("https://w3id.org/celac-kg/ontology#text") == "celac:text"
    assert compact_iri("https://w3id.org/celac-kg/id/plan/x#from-y") == "id:plan/x#from-y"
    assert compact_iri("http://www.wikidata.org/entity/Q1") == "http://www.wikidata.org/entity/Q1"
    # a suffix that would read as an authority, or nothing at all, stays whole
    assert compact_iri("https://w3id.org/celac-kg/id///x") == "https://w3id.org/celac-kg/id///x"
    assert compact_iri("https://w3id.org/celac-kg/id/") == "https://w3id.org/celac-kg/id/"


def test_linked_context_compact_expands_to_the_same_triples() -> None:
    me = NamedNode("https://w3id.org/celac-kg/id/plan/x/area/1/mandate/2")
    reading = NamedNode(me.value + "#from-doc")
    blank = BlankNode("b1")
    triples = [
        Triple(me, RDF_TYPE, NamedNode("https://w3id.org/celac-kg/ontology#Mandate")),
        Triple(
            me, NamedNode("https://w3id.org/celac-kg/ontology#text"), Literal("Hola", language="es")
        ),
        Triple(
            me,
            NamedNode("https://w3id.org/celac-kg/ontology#position"),
            Literal("2", datatype=NamedNode(XSD + "integer")),
        ),
        Triple(me, NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom"), reading),
        Triple(reading, NamedNode("http://www.w3.org/ns/oa#hasSelector"), blank),
        Triple(blank, RDF_TYPE, NamedNode("http://www.w3.org/ns/oa#TextPositionSelector")),
        Triple(
            me,
            NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
            NamedNode("http://www.wikidata.org/entity/Q1"),
        ),
        Triple(me, NamedNode("http://example.org/unknown#p"), Literal("plain")),
        Triple(me, RDF_TYPE, blank),  # a blank type stays rdf:type
    ]
    expanded = json.loads(pyoxigraph.serialize(triples, format=RdfFormat.JSON_LD) or b"")
    document = compact(expanded, "https://example.org/context.jsonld")
    assert document["@context"] == "https://example.org/context.jsonld"
    node = next(n for n in document["@graph"] if n["@id"] == "id:plan/x/area/1/mandate/2")
    assert node["@type"] == ["celac:Mandate"]
    assert "celac:text" in node and "prov:wasDerivedFrom" in node

    document["@context"] = CONTEXT["@context"]
    got = parse_rdf(json.dumps(document), "json-ld")
    want = rdflib.Graph().parse(
        data=pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES), format="nt"
    )
    assert isomorphic(got, want)
