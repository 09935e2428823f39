"""The Graph Store HTTP Protocol over the served build: GET and HEAD of a graph (never the
service description), 404 for a graph that is not there, writes refused without the token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import NamedNode, RdfFormat, parse

from api.sparql.errors import BadRequest, UnsupportedMediaType
from api.sparql.graph_store import (
    NEW_GRAPHS,
    Target,
    is_rdf_post,
    new_graph,
    post,
    put,
    target,
    triples,
)

PLAN_GRAPH = "https://w3id.org/celac-kg/id/graph/celac-2014"
MISSING = "https://w3id.org/celac-kg/id/graph/nowhere"


def test_graph_store_get_answers_the_graph(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"graph": PLAN_GRAPH}, headers={"Accept": "text/turtle"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/turtle")
    graph = list(parse(response.content, format=RdfFormat.TURTLE))
    assert graph, "the plan's graph is empty"
    # the plan's own triples, not the service description's
    assert any(t.predicate == NamedNode("http://purl.org/dc/terms/title") for t in graph)
    assert b"sparql-service-description" not in response.content


def test_graph_store_head_and_missing_graph(client: TestClient) -> None:
    head = client.head("/sparql", params={"graph": PLAN_GRAPH}, headers={"Accept": "text/turtle"})
    assert head.status_code == 200
    assert head.headers["content-type"].startswith("text/turtle")
    assert head.content == b""
    for method in ("GET", "HEAD"):
        missing = client.request(method, "/sparql", params={"graph": MISSING})
        assert missing.status_code == 404


def test_graph_store_default_graph_is_there(client: TestClient) -> None:
    response = client.get("/sparql?default", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/n-triples")


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
def test_graph_store_writes_are_refused_without_updates(client: TestClient, method: str) -> None:
    response = client.request(
        method,
        "/sparql",
        params={"graph": PLAN_GRAPH},
        content=b"<http://a> <http://b> <http://c> .",
        headers={"Content-Type": "application/n-triples"},
    )
    assert response.status_code == 403, response.text
    assert "read-only" in response.text
    still = client.head("/sparql", params={"graph": PLAN_GRAPH})
    assert still.status_code == 200


def test_graph_store_bad_graph_names(client: TestClient) -> None:
    assert client.get("/sparql", params={"graph": "relative"}).status_code == 400
    assert client.get("/sparql?graph=http://a&default").status_code == 400
    # a query still wins over a graph name
    response = client.get(
        "/sparql",
        params={"graph": PLAN_GRAPH, "query": "ASK {}"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.json()["boolean"] is True


def test_graph_store_target() -> None:
    assert target([("graph", "http://a")]) == Target("http://a")
    assert target([("default", "")]) == Target(None)
    assert target([("query", "ASK {}")]) is None
    with pytest.raises(BadRequest, match="graph='x'"):
        target([("graph", "x")])
    with pytest.raises(BadRequest, match="2 'graph'"):
        target([("graph", "http://a"), ("graph", "http://b")])


def test_graph_store_rdf_posts() -> None:
    assert is_rdf_post("text/turtle; charset=utf-8")
    assert is_rdf_post("multipart/form-data; boundary=x")
    assert not is_rdf_post("application/sparql-query")
    assert not is_rdf_post("application/x-www-form-urlencoded")
    assert not is_rdf_post("text/plain")
    iri = new_graph().iri
    assert iri is not None and iri.startswith(NEW_GRAPHS)


def test_graph_store_bodies() -> None:
    graph = Target("http://g/x")
    body = (
        b"--b\r\nContent-Type: text/turtle\r\n\r\n<s> <http://p> 1 .\r\n"
        b"--b\r\nContent-Type: application/n-triples\r\n\r\n<http://s> <http://p> _:n .\r\n--b--\r\n"
    )
    content = triples("multipart/form-data; boundary=b", body, graph)
    assert [str(t.subject) for t in content] == ["<http://g/s>", "<http://s>"]
    with pytest.raises(UnsupportedMediaType):
        triples("application/n-quads", b"", graph)
    with pytest.raises(UnsupportedMediaType):
        triples("text/plain", b"", graph)
    with pytest.raises(BadRequest, match="malformed"):
        triples("text/turtle", b"<s> <p", graph)
    assert put(graph, content).startswith("DROP SILENT GRAPH <http://g/x> ;")
    assert "INSERT DATA { GRAPH <http://g/x> {\n<http://g/s> <http://p> " in post(graph, content)
    assert put(Target(None), []).startswith("CLEAR SILENT DEFAULT")
