"""The namespaces of the graph, and the prefixes every query and dump declares."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/celac-kg/"
CELAC = Namespace(f"{BASE}ontology#")
ONTOLOGY_IRI = f"{BASE}ontology"
# The SPARQL endpoint's canonical IRI: the base IRI of queries and updates (the protocol lets the
# service choose it), so that <id/plan/x> means a resource of the graph.
SPARQL_BASE = f"{BASE}sparql"
ID = Namespace(f"{BASE}id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")

PREFIXES: dict[str, str] = {
    "celac": str(CELAC),
    "id": str(ID),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "oa": str(OA),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "schema": str(SCHEMA),
    "time": str(TIME),
}


def sparql_prologue() -> str:
    """PREFIX declarations for all the project's prefixes."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
