"""Real SPARQL clients against the live server: SPARQLWrapper and rdflib's ``SPARQLStore``, each
running a SELECT and a CONSTRUCT, compared with what the store itself answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import rdflib
from pyoxigraph import QuerySolutions, QueryTriples
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import ResultRow
from SPARQLWrapper import GET, JSON, N3, POST, TURTLE, XML, SPARQLWrapper

if TYPE_CHECKING:
    from graph.oxigraph import OxigraphStore

SELECT = """SELECT ?plan ?areas WHERE {
  ?p a celac:Plan ; dcterms:identifier ?plan .
  { SELECT ?p (COUNT(?area) AS ?areas) WHERE { ?p celac:hasArea ?area } GROUP BY ?p }
} ORDER BY ?plan"""
CONSTRUCT = """CONSTRUCT { ?p dcterms:identifier ?id ; celac:hasArea ?a } WHERE {
  ?p a celac:Plan ; dcterms:identifier ?id ; celac:hasArea ?a
}"""
# rdflib's store declares no prefixes of its own
PROLOGUE = (
    "PREFIX celac: <https://w3id.org/celac-kg/ontology#>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
)


def expected_rows(store: OxigraphStore) -> list[tuple[str, int]]:
    rows = store.query(SELECT)
    assert isinstance(rows, QuerySolutions)
    return [(row["plan"].value, int(row["areas"].value)) for row in rows]


def expected_graph(store: OxigraphStore) -> set[tuple[str, str, str]]:
    triples = store.query(CONSTRUCT)
    assert isinstance(triples, QueryTriples)
    return {(t.subject.value, t.predicate.value, t.object.value) for t in triples}


def as_set(graph: rdflib.Graph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in graph}


@pytest.mark.parametrize("method", [GET, POST])
def test_sparql_clients_sparqlwrapper_select(
    live_server: str, store: OxigraphStore, method: str
) -> None:
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setMethod(method)
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert isinstance(result, dict)
    rows = [(b["plan"]["value"], int(b["areas"]["value"])) for b in result["results"]["bindings"]]
    assert rows == expected_rows(store)


# SPARQLWrapper reads RDF/XML with rdflib's deprecated ConjunctiveGraph
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", [XML, TURTLE, N3])
def test_sparql_clients_sparqlwrapper_construct(
    live_server: str, store: OxigraphStore, fmt: str
) -> None:
    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(fmt)
    result = client.query()
    converted = result.convert()
    if isinstance(converted, bytes):  # Turtle and N3 come back as text for the caller to parse
        converted = rdflib.Graph().parse(data=converted, format="turtle")
    assert isinstance(converted, rdflib.Graph)
    assert as_set(converted) == expected_graph(store)


@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_sparql_clients_rdflib_sparqlstore(
    live_server: str, store: OxigraphStore, method: str
) -> None:
    remote = SPARQLStore(query_endpoint=f"{live_server}/sparql", method=method)
    graph = rdflib.Graph(store=remote)
    rows = []
    for row in graph.query(PROLOGUE + SELECT):
        assert isinstance(row, ResultRow)
        plan, areas = row
        rows.append((str(plan), int(areas)))
    assert rows == expected_rows(store)
    result = graph.query(PROLOGUE + CONSTRUCT)
    assert result.graph is not None
    assert as_set(result.graph) == expected_graph(store)
