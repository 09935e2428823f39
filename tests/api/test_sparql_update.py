"""SPARQL Update: refused unless the service has an update token, and then only from a request
bearing it; applied to the embedded store and to a remote engine, and seen by the next query."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx2
import pytest
from fastapi.testclient import TestClient
from loopback import running_engine
from pyoxigraph import Store

from api.main import create_app
from api.settings import Settings
from api.sparql.update_default import DEFAULT_GRAPH
from graph.remote import RemoteStore, graphs_of

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary

TOKEN = "correct horse battery staple"
GRAPH = "https://w3id.org/celac-kg/id/graph/corrections"
PROBE = "https://w3id.org/celac-kg/id/probe"
INSERT = f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <{PROBE}> rdfs:label "sonda"@es }} }}'
DELETE = f'DELETE DATA {{ GRAPH <{GRAPH}> {{ <{PROBE}> rdfs:label "sonda"@es }} }}'
ASK = f"ASK {{ <{PROBE}> rdfs:label ?label }}"
UPDATE = "application/sparql-update"


@pytest.fixture(scope="module", params=["embedded", "remote"])
def updatable(
    request: pytest.FixtureRequest, built: BuildSummary, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """An app with an update token over a store of its own: a copy of the build, or an Oxigraph
    server loaded with it."""
    if request.param == "embedded":
        copy = tmp_path_factory.mktemp("updatable") / "store"
        shutil.copytree(built.publication.store, copy)
        settings = Settings(data=copy, update_token=TOKEN, query_timeout=5.0)
        with TestClient(create_app(settings)) as client:
            yield client
        return
    with running_engine(tmp_path_factory.mktemp("updatable-engine")) as engine:
        RemoteStore(engine.endpoint).replace(
            graphs_of(Store.read_only(str(built.publication.store)))
        )
        settings = Settings(
            data=built.publication.store,
            store=engine.endpoint,
            update_token=TOKEN,
            query_timeout=5.0,
        )
        with TestClient(create_app(settings)) as client:
            yield client


def asks(client: TestClient, query: str = ASK) -> bool:
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    value: bool = response.json()["boolean"]
    return value


def post_update(client: TestClient, text: str, token: str | None = TOKEN) -> httpx2.Response:
    headers = {"Content-Type": UPDATE}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.post("/sparql", content=text.encode(), headers=headers)


def test_sparql_update_is_refused_without_a_token_configured(client: TestClient) -> None:
    for body, content_type in [
        (INSERT, UPDATE),
        (f"update={INSERT}", "application/x-www-form-urlencoded"),
        ("LOAD <http://127.0.0.1:9/evil.ttl>", UPDATE),
    ]:
        response = client.post(
            "/sparql",
            content=body.encode(),
            headers={"Content-Type": content_type, "Authorization": f"Bearer {TOKEN}"},
        )
        assert response.status_code == 403, body
        assert "read-only" in response.text
    assert not asks(client)


def test_sparql_update_needs_the_token(updatable: TestClient) -> None:
    missing = post_update(updatable, INSERT, token=None)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in missing.text
    wrong = post_update(updatable, INSERT, token="guess")
    assert wrong.status_code == 403
    assert "nothing was changed" in wrong.text
    assert not asks(updatable)


def test_sparql_update_with_the_token_is_applied_and_seen(updatable: TestClient) -> None:
    assert asks(updatable, "ASK { ?m a celac:Mandate }")  # the workers are up, and see the build
    response = post_update(updatable, INSERT)
    assert response.status_code == 200, response.text
    assert asks(updatable)  # the next query sees it: the workers read the store afresh
    turtle = updatable.get(
        "/sparql", params={"query": f"DESCRIBE <{PROBE}>"}, headers={"Accept": "text/turtle"}
    )
    assert "sonda" in turtle.text
    form = updatable.post(
        "/sparql",
        data={"update": DELETE},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert form.status_code == 200, form.text
    assert not asks(updatable)


def test_sparql_update_malformed_is_a_400_naming_the_line(updatable: TestClient) -> None:
    response = post_update(updatable, "INSERT DATA {\n  <a> <b> \n}")
    assert response.status_code == 400
    assert "malformed" in response.text
    assert "    2 |" in response.text or "    3 |" in response.text


def test_sparql_update_default_graph_is_the_queries(updatable: TestClient) -> None:
    # the WHERE sees the union (the build's plans, in named graphs), as a query does; what is
    # written to the default graph a query then finds
    plans = updatable.get(
        "/sparql",
        params={"query": "SELECT (COUNT(?p) AS ?n) { ?p a celac:Plan }"},
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"][0]["n"]["value"]
    marked = post_update(updatable, f"INSERT {{ ?p <{PROBE}> true }} WHERE {{ ?p a celac:Plan }}")
    assert marked.status_code == 200, marked.text
    counted = updatable.get(
        "/sparql",
        params={"query": f"SELECT (COUNT(?p) AS ?n) {{ ?p <{PROBE}> true }}"},
        headers={"Accept": "application/sparql-results+json"},
    ).json()["results"]["bindings"][0]["n"]["value"]
    assert counted == plans != "0"
    assert asks(updatable, f"ASK {{ GRAPH <{DEFAULT_GRAPH}> {{ ?p <{PROBE}> true }} }}")
    # the Graph Store's ?default is that graph
    default = updatable.get("/sparql?default", headers={"Accept": "application/n-triples"})
    assert default.text.count(PROBE) == int(plans)
    cleared = post_update(updatable, f"DELETE WHERE {{ ?p <{PROBE}> ?x }}")
    assert cleared.status_code == 200, cleared.text
    assert not asks(updatable, f"ASK {{ ?p <{PROBE}> ?x }}")
    assert asks(updatable, "ASK { ?p a celac:Plan }")
