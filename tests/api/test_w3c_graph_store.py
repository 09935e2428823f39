"""The W3C SPARQL 1.1 Graph Store HTTP Protocol tests (w3c/rdf-tests
``sparql/sparql11/graph-store-protocol/manifest.ttl``, which includes ``manifest-direct.ttl`` and
``manifest-indirect.ttl``, copied into ``w3c/graph_store_protocol/``), each from an empty store
(the tests expect one: a PUT to a graph an earlier test wrote would not be 201 Created), against
a live server over a store of its own with updates enabled: the whole manifest at the Graph
Store's own path ``/rdf-graphs`` (direct identification under ``/rdf-graphs/``), and the
indirect tests at the SPARQL endpoint too."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from w3c_manifest import W3C, Case, check, read, scratch_app, send, serving

pytestmark = pytest.mark.slow  # a live server per case

TOKEN = "w3c graph store tests"
CASES = read(W3C / "graph_store_protocol" / "manifest.ttl")
# (test, the path the manifest's /gsp stands for)
RUNS = [(case, "/rdf-graphs") for case in CASES] + [
    (case, "/sparql") for case in CASES if not case.name.endswith("_direct")
]


@pytest.fixture(scope="module", params=["embedded", "remote"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """A live server over a store of its own: embedded, or a real Oxigraph server on loopback."""
    folder = tmp_path_factory.mktemp("w3c-graph-store") / "store"
    with (
        scratch_app(folder, TOKEN, request.param) as app,
        serving(app) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        yield client


def test_w3c_graph_store_manifest_has_its_13_tests() -> None:
    # manifest-direct.ttl lists 4 of the 5 tests it describes (not head_non_existing_direct)
    assert len(CASES) == 13
    assert sum(1 for case in CASES if case.name.endswith("_direct")) == 4
    assert len(RUNS) == 13 + 9


@pytest.mark.parametrize(("case", "prefix"), RUNS, ids=[f"{c.name}@{prefix}" for c, prefix in RUNS])
def test_w3c_graph_store(server: httpx.Client, case: Case, prefix: str) -> None:
    emptied = server.post(
        "/sparql",
        content=b"DROP ALL",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert emptied.status_code < 300, emptied.text
    variables: dict[str, str] = {}
    problems: list[str] = []
    for request in case.requests:
        response = send(server, request, prefix, TOKEN, variables)
        problems += check(request, response)
        if request.expected.location is not None and "location" in response.headers:
            variables[request.expected.location] = response.headers["location"]
        if problems:
            break
    assert not problems, f"{case.title}:\n" + "\n".join(problems)
