"""Relative IRIs in queries resolve against the endpoint's canonical IRI, on both backends, so
that ``<id/plan/x>`` names a resource of the graph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from api.sparql.worker import BASE_IRI
from graph.namespaces import BASE, SPARQL_BASE

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_sparql_base_is_the_canonical_endpoint() -> None:
    assert BASE_IRI == SPARQL_BASE == f"{BASE}sparql"


def test_sparql_base_resolves_relative_iris(client: TestClient) -> None:
    query = "SELECT ?plan ?title WHERE { BIND(<id/plan/celac-2014> AS ?plan) ?plan dcterms:title ?title }"
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    assert rows
    assert rows[0]["plan"]["value"] == f"{BASE}id/plan/celac-2014"
    # the query's own BASE still wins
    query = "BASE <http://example.org/x/> CONSTRUCT { <s> <p> 1 } WHERE {}"
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/n-triples"}
    )
    assert response.text.startswith("<http://example.org/x/s> <http://example.org/x/p>")
