"""The remote store against a real Oxigraph server: answers as pyoxigraph objects, the union of the
graphs by default and FROM when asked, loading graph by graph, and errors that say what and where."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from loopback import Engine, free_port, running_engine
from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Store,
)
from query_results import solutions

from graph.errors import QueryError, QueryTimeout, StoreError
from graph.remote import (
    NAME_THE_GRAPHS,
    OXIGRAPH_UNION,
    RemoteStore,
    beside,
    graphs_of,
    is_remote,
    load,
)

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary
    from graph.oxigraph import OxigraphStore

A = "https://example.org/graph/a"
B = "https://example.org/graph/b"


def quad(s: str, graph: str) -> Quad:
    return Quad(NamedNode(s), NamedNode("https://example.org/p"), NamedNode(graph), DefaultGraph())


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """An engine of this module's own, which the tests may change."""
    with running_engine(tmp_path_factory.mktemp("scratch-engine")) as engine:
        yield engine


def test_remote_urls_and_the_services_beside_them() -> None:
    assert is_remote("http://127.0.0.1:7878/query") and is_remote("https://example.org/sparql")
    assert not is_remote("data") and not is_remote("/srv/celac/data")
    assert beside("http://h:7878/query", "store") == "http://h:7878/store"
    with pytest.raises(StoreError, match="CELAC_KG_GRAPH_STORE"):
        beside("http://h:3030/ds/sparql", "store")
    with pytest.raises(StoreError, match="'data' is not an http"):
        RemoteStore("data")


def test_remote_answers_like_the_embedded_store(
    loaded_engine: Engine, store: OxigraphStore
) -> None:
    remote = RemoteStore(loaded_engine.endpoint)
    assert len(remote) == len(store)
    query = "SELECT ?m ?id { ?m a celac:Mandate ; dcterms:identifier ?id } ORDER BY ?id"
    there, here = remote.query(query), store.query(query)
    assert isinstance(there, QuerySolutions) and isinstance(here, QuerySolutions)
    assert [(r["m"], r["id"]) for r in there] == [(r["m"], r["id"]) for r in here]
    assert isinstance(remote.query("ASK { ?p a celac:Plan }"), QueryBoolean)
    described = remote.query("DESCRIBE ?p { ?p a celac:Plan } LIMIT 1")
    assert isinstance(described, QueryTriples) and len(list(described)) > 5


def test_remote_from_names_the_dataset(loaded_engine: Engine, store: OxigraphStore) -> None:
    remote = RemoteStore(loaded_engine.endpoint)
    graph = "https://w3id.org/celac-kg/id/graph/celac-2014"
    query = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> {{ ?s ?p ?o }}"
    there, here = remote.query(query), store.query(query)
    assert isinstance(there, QuerySolutions) and isinstance(here, QuerySolutions)
    n = next(there)["n"]
    assert n == next(here)["n"]
    assert n is not None and 0 < int(n.value) < len(store)


def test_remote_malformed_query_is_a_syntax_error_at_the_query_s_own_position(
    loaded_engine: Engine, built: BuildSummary
) -> None:
    bad = "SELECT ?x {\n  ?x ?y }"
    with pytest.raises(SyntaxError) as embedded:
        Store.read_only(str(built.publication.store)).query(bad)
    with pytest.raises(SyntaxError) as remote:
        RemoteStore(loaded_engine.endpoint).query(bad)
    assert str(remote.value) == str(embedded.value)
    one_line = "SELECT ?x { ?x ?y }"
    with pytest.raises(SyntaxError) as embedded:
        Store.read_only(str(built.publication.store)).query(one_line)
    with pytest.raises(SyntaxError) as remote:
        RemoteStore(loaded_engine.endpoint).query(one_line)
    assert str(remote.value) == str(embedded.value)  # the prologue is not counted


def test_remote_stops_reading_an_answer_it_stops_using(loaded_engine: Engine) -> None:
    remote = RemoteStore(loaded_engine.endpoint)
    rows = remote.query("SELECT * { ?a ?b ?c . ?d a celac:Mandate }")  # millions of rows
    assert isinstance(rows, QuerySolutions)
    start = time.monotonic()
    assert len([next(rows) for _ in range(10)]) == 10
    del rows
    assert time.monotonic() - start < 2


def test_remote_timeout_is_a_query_timeout(loaded_engine: Engine) -> None:
    remote = RemoteStore(loaded_engine.endpoint, timeout=0.5)
    cross = "?a a celac:Mandate . ?b a celac:Mandate . ?c a celac:Mandate"
    with pytest.raises(QueryTimeout, match="0.5 s"):
        remote.query(f"SELECT (COUNT(*) AS ?n) {{ {cross} FILTER(STR(?a) < STR(?c)) }}")


def test_remote_unreachable_names_the_url() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(QueryError, match=f"{url} cannot be reached"):
        RemoteStore(url).query("ASK {}")
    with pytest.raises(StoreError, match=f"the SPARQL endpoint {url} cannot be queried"):
        RemoteStore(url).check()


def test_remote_replace_puts_each_graph_and_deletes_the_others(scratch: Engine) -> None:
    remote = RemoteStore(scratch.endpoint)
    with pytest.raises(StoreError, match="holds no named graph"):
        remote.check()
    assert remote.replace([(A, [quad("https://example.org/1", A)])]) == 1
    remote.check()
    assert remote.graph_names() == (A,)
    assert remote.replace([(B, [quad("https://example.org/2", B)])]) == 1
    assert remote.graph_names() == (B,)
    assert len(remote) == 1


def test_remote_load_puts_a_built_store(scratch: Engine, built: BuildSummary) -> None:
    remote = RemoteStore(scratch.endpoint)
    names = [name for name, _ in graphs_of(Store.read_only(str(built.publication.store)))]
    assert load(built.publication.store, remote) == len(names)
    assert remote.graph_names() == tuple(sorted(names))
    with pytest.raises(StoreError, match="cannot be opened"):
        load(Path("/nonexistent/store"), remote)


def test_remote_union_by_oxigraph_s_parameter_or_by_naming_the_graphs(
    loaded_engine: Engine, store: OxigraphStore
) -> None:
    remote = RemoteStore(loaded_engine.endpoint)
    assert remote.union() == [OXIGRAPH_UNION]  # Oxigraph's own, cheaper than naming the graphs
    named = RemoteStore(loaded_engine.endpoint)
    named._union = NAME_THE_GRAPHS  # what an engine with neither gets
    assert len(named.union()) == 2 * len(named.graph_names())
    query = "SELECT ?plan (COUNT(?m) AS ?n) { ?m celac:inPlan/dcterms:identifier ?plan } GROUP BY ?plan ORDER BY ?plan"
    answers = [list(solutions(s.query(query))) for s in (remote, named, store)]
    rows = [[(r["plan"], r["n"]) for r in answer] for answer in answers]
    assert rows[0] == rows[1] == rows[2] and len(rows[0]) == 4
