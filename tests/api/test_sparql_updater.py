"""SPARQL Update done right (issue 13): concurrent updates are applied one at a time and never
answered 500; the served build folder is never written; a query under way finishes on the store
it started on; LOAD is refused unless its host is listed; the service description says updates
are taken. Over real HTTP, on the embedded store and on a remote engine."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from loopback import running_engine, serving
from pyoxigraph import Store

from api.main import create_app
from api.settings import Settings
from graph.remote import RemoteStore, graphs_of

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary

TOKEN = "correct horse battery staple"
GRAPH = "https://w3id.org/celac-kg/id/graph/corrections"
PROBE = "https://w3id.org/celac-kg/id/probe"
UPDATE = "application/sparql-update"
# A query that takes a good fraction of a second: every mandate with every mandate and plan.
SLOW_COUNT = "SELECT (COUNT(*) AS ?n) { ?a a celac:Mandate . ?b a celac:Mandate . ?c a celac:Plan }"


@dataclass
class Served:
    base: str
    build: Path  # the served build's store folder (embedded), or None-like for the engine
    embedded: bool


def _serve(settings: Settings) -> Iterator[str]:
    with serving(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="module", params=["embedded", "remote"])
def served(
    request: pytest.FixtureRequest, built: BuildSummary, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """An app with an update token over the session's build itself (the embedded store), or
    over an Oxigraph server loaded with it."""
    build = built.publication.store
    if request.param == "embedded":
        settings = Settings(data=build, update_token=TOKEN, query_timeout=10.0)
        for base in _serve(settings):
            yield Served(base, build, True)
        return
    with running_engine(tmp_path_factory.mktemp("updater-engine")) as engine:
        RemoteStore(engine.endpoint).replace(graphs_of(Store.read_only(str(build))))
        settings = Settings(data=build, store=engine.endpoint, update_token=TOKEN)
        for base in _serve(settings):
            yield Served(base, build, False)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of ``folder``: its size, modification time and content's digest."""
    return {
        str(path.relative_to(folder)): (
            f"{path.stat().st_size}:{path.stat().st_mtime_ns}:"
            f"{hashlib.sha256(path.read_bytes()).hexdigest()}"
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def post_update(base: str, text: str) -> httpx.Response:
    return httpx.post(
        f"{base}/sparql",
        content=text.encode(),
        headers={"Content-Type": UPDATE, "Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )


def labels(base: str) -> set[str]:
    response = httpx.get(
        f"{base}/sparql",
        params={"query": f"SELECT ?l {{ <{PROBE}> rdfs:label ?l }}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return {b["l"]["value"] for b in response.json()["results"]["bindings"]}


def test_sparql_updater_concurrent_updates_never_500_and_the_build_is_untouched(
    served: Served,
) -> None:
    """Eight updates at once: each is applied (200) or told to come back (503, with a sentence
    and no folder in it); those applied are all seen; the build folder is as it was."""
    before = fingerprint(served.build)
    results: list[tuple[int, str, str]] = []

    def insert(i: int) -> None:
        text = f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <{PROBE}> rdfs:label "sonda {i}"@es }} }}'
        response = post_update(served.base, text)
        results.append((response.status_code, response.text, f"sonda {i}"))

    threads = [threading.Thread(target=insert, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for status, text, _ in results:
        assert status in (200, 503), text
        assert "/tmp" not in text and str(served.build) not in text
        if status == 503:
            assert "Another update is being applied" in text
    applied = {label for status, _, label in results if status == 200}
    assert applied
    assert applied <= labels(served.base)
    cleared = post_update(served.base, f"DROP SILENT GRAPH <{GRAPH}>")
    assert cleared.status_code == 200, cleared.text
    assert labels(served.base) == set()
    assert fingerprint(served.build) == before


def test_sparql_updater_clear_all_leaves_the_build_folder_whole(served: Served) -> None:
    """Even CLEAR ALL wipes only the working copy (or the engine): the build folder keeps every
    byte, and a new app over it serves the whole build."""
    if not served.embedded:
        pytest.skip("the engine holds its own copy: there is no build folder it writes to")
    before = fingerprint(served.build)
    response = post_update(served.base, "CLEAR ALL")
    assert response.status_code == 200, response.text
    empty = httpx.get(
        f"{served.base}/sparql",
        params={"query": "ASK { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert empty.json()["boolean"] is False
    assert fingerprint(served.build) == before
    assert len(Store.read_only(str(served.build))) > 1000


def test_sparql_updater_a_query_under_way_finishes_on_its_store(served: Served) -> None:
    """A query sent just before an update is answered (200), not stopped as if it ran too long."""
    outcome: list[httpx.Response] = []

    def query() -> None:
        outcome.append(
            httpx.post(
                f"{served.base}/sparql",
                data={"query": SLOW_COUNT},
                headers={"Accept": "application/sparql-results+json", "X-Probe": "1"},
                timeout=60,
            )
        )

    thread = threading.Thread(target=query)
    thread.start()
    time.sleep(0.1)
    text = f'INSERT DATA {{ GRAPH <{GRAPH}> {{ <{PROBE}> rdfs:label "en curso"@es }} }}'
    assert post_update(served.base, text).status_code == 200
    thread.join()
    [response] = outcome
    assert response.status_code == 200, response.text


def test_sparql_updater_load_is_refused_unless_its_host_is_listed(served: Served) -> None:
    for text in (
        "LOAD <http://127.0.0.1:9/evil.ttl>",
        "LOAD SILENT <http://169.254.169.254/latest/meta-data/> INTO GRAPH <http://x/g>",
    ):
        response = post_update(served.base, text)
        assert response.status_code == 403, response.text
        assert "CELAC_KG_LOAD_HOSTS" in response.text
    service = post_update(
        served.base,
        "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    )
    assert service.status_code == 403
    assert "SERVICE" in service.text


def test_sparql_updater_the_service_description_says_updates_are_taken(served: Served) -> None:
    response = httpx.get(f"{served.base}/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert "SPARQL11Update" in response.text
