"""The W3C SPARQL 1.1 Protocol test suite (w3c/rdf-tests ``sparql/sparql11/protocol/``, copied
into ``w3c/protocol/``), every test of its manifest, against a live server over a store of its
own with updates enabled (the suite's update tests clear the whole store)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from w3c_manifest import W3C, Case, check, read, scratch_app, send, serving

pytestmark = pytest.mark.slow  # a live server per case

TOKEN = "w3c protocol tests"
CASES = read(W3C / "protocol" / "manifest.ttl")


@pytest.fixture(scope="module", params=["embedded", "remote"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """A live server over a store of its own: embedded, or a real Oxigraph server on loopback."""
    folder = tmp_path_factory.mktemp("w3c-protocol") / "store"
    with (
        scratch_app(folder, TOKEN, request.param) as app,
        serving(app) as url,
        httpx.Client(base_url=url, timeout=30) as client,
    ):
        yield client


def load(client: httpx.Client, data: tuple[tuple[Path, str], ...]) -> None:
    """Put the test's data in the graphs it names, through the endpoint (SPARQL Update)."""
    for source, graph in data:
        update = f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{\n"
        update += source.read_text(encoding="utf-8") + "\n} }"
        response = client.post(
            "/sparql",
            content=update.encode(),
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {TOKEN}",
            },
        )
        assert response.status_code < 300, response.text


def test_w3c_protocol_manifest_has_its_34_tests() -> None:
    assert len(CASES) == 34
    assert len({c.name for c in CASES}) == 34


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_protocol(server: httpx.Client, case: Case) -> None:
    load(server, case.graph_data)
    problems: list[str] = []
    for request in case.requests:
        response = send(server, request, "/sparql", TOKEN, {})
        problems += check(request, response)
    assert not problems, f"{case.title}:\n" + "\n".join(problems)
