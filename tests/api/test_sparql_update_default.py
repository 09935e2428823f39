"""An update's default graph is the queries': its WHERE matches against the union of the store's
graphs, and what it writes to the default graph goes to a named graph the union includes — each
checked by applying the rewritten update to a real pyoxigraph store and querying it as the
endpoint does (the default graph the union)."""

from __future__ import annotations

import pytest
from pyoxigraph import NamedNode, QuerySolutions, Store

from api.sparql.update_default import DEFAULT_GRAPH, into_default_graph, rewrite

PLAN = "urn:x-test:plan"


def store_with_a_plan() -> Store:
    store = Store()
    store.update(f"INSERT DATA {{ GRAPH <{PLAN}> {{ <urn:x-test:m> <urn:x-test:p> 1 }} }}")
    return store


def applied(store: Store, update: str) -> None:
    graphs = [g.value for g in store.named_graphs() if isinstance(g, NamedNode)]
    store.update(rewrite(update, graphs))


def union(store: Store) -> set[tuple[str, str, str]]:
    rows = store.query("SELECT ?s ?p ?o { ?s ?p ?o }", use_default_graph_as_union=True)
    assert isinstance(rows, QuerySolutions)
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}


def in_graph(store: Store, graph: str) -> int:
    return len(list(store.quads_for_pattern(None, None, None, NamedNode(graph))))


def test_update_default_insert_data_is_seen_by_queries() -> None:
    store = store_with_a_plan()
    applied(store, "INSERT DATA { <urn:x-test:m> <urn:x-test:q> 2 }")
    assert (
        "<urn:x-test:m>",
        "<urn:x-test:q>",
        '"2"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ) in union(store)
    assert in_graph(store, DEFAULT_GRAPH) == 1
    assert len(list(store.quads_for_pattern(None, None, None, None))) == 2  # nothing unnamed


def test_update_default_where_matches_the_union_as_a_query_does() -> None:
    store = store_with_a_plan()
    applied(store, "INSERT { ?m <urn:x-test:seen> true } WHERE { ?m <urn:x-test:p> 1 }")
    assert in_graph(store, DEFAULT_GRAPH) == 1  # the plan's triple was found
    # DELETE WHERE too: it deletes from the default graph what it matches in the union
    applied(store, "DELETE WHERE { ?m <urn:x-test:seen> ?x }")
    assert in_graph(store, DEFAULT_GRAPH) == 0
    assert in_graph(store, PLAN) == 1  # a plan's triple is deleted by naming its graph
    applied(
        store,
        "DELETE { GRAPH ?g { ?m <urn:x-test:p> 1 } } WHERE { GRAPH ?g { ?m <urn:x-test:p> 1 } }",
    )
    assert in_graph(store, PLAN) == 0


def test_update_default_own_dataset_is_kept() -> None:
    store = store_with_a_plan()
    applied(store, f"WITH <{PLAN}> INSERT {{ ?m <urn:x-test:q> 3 }} WHERE {{ ?m ?p 1 }}")
    assert in_graph(store, PLAN) == 2 and in_graph(store, DEFAULT_GRAPH) == 0
    applied(store, "INSERT { ?m <urn:x-test:r> 4 } USING <urn:x-test:none> WHERE { ?m ?p ?o }")
    assert in_graph(store, DEFAULT_GRAPH) == 0  # its USING named an empty graph


def test_update_default_clear_drop_add_and_graph_blocks() -> None:
    store = store_with_a_plan()
    applied(
        store,
        'PREFIX x: <urn:x-test:> INSERT DATA { x:a x:b "}{" GRAPH <urn:x-test:g> { x:c x:d 1 } '
        "x:e x:f 2 . }",
    )
    assert in_graph(store, DEFAULT_GRAPH) == 2 and in_graph(store, "urn:x-test:g") == 1
    applied(store, "ADD DEFAULT TO <urn:x-test:h>")
    assert in_graph(store, "urn:x-test:h") == 2
    applied(store, "CLEAR DEFAULT")
    assert in_graph(store, DEFAULT_GRAPH) == 0 and in_graph(store, PLAN) == 1
    applied(store, "DROP DEFAULT ; INSERT DATA { <urn:x-test:a> <urn:x-test:b> 5 }")
    assert in_graph(store, DEFAULT_GRAPH) == 1


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        ("LOAD <http://h/x>", "LOAD <http://h/x> INTO GRAPH <g:d>"),
        ("LOAD SILENT <http://h/x> INTO GRAPH <g:e>", "LOAD SILENT <http://h/x> INTO GRAPH <g:e>"),
        ("DROP SILENT DEFAULT", "DROP SILENT GRAPH <g:d>"),
        ("CLEAR ALL", "CLEAR ALL"),
        ("MOVE <g:e> TO DEFAULT", "MOVE SILENT <g:e> TO <g:d>"),
        ("CLEAR DEFAULT", "CLEAR SILENT GRAPH <g:d>"),
        (
            "INSERT DATA { GRAPH <g:e> { <a:b> <a:c> 1 } }",
            "INSERT DATA { GRAPH <g:e> { <a:b> <a:c> 1 } }",
        ),
    ],
)
def test_update_default_operations_spelled(update: str, expected: str) -> None:
    assert " ".join(into_default_graph(update, "g:d").split()) == expected


def test_update_default_reads_in_linear_time() -> None:
    # a long update is read in one pass (the lexer of update_dataset)
    update = "INSERT DATA { " + "<urn:x-test:a> <urn:x-test:b> 1 . " * 20_000 + "}"
    rewritten = rewrite(update, ["urn:x-test:g"])
    assert rewritten.count(DEFAULT_GRAPH) == 1  # the template's GRAPH (DATA takes no USING)
