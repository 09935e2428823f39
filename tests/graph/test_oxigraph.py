"""The embedded store: the default graph is the union of the plans, unless a query names its own."""

from __future__ import annotations

import pytest
from query_results import solutions

from graph.oxigraph import OxigraphStore

pytestmark = pytest.mark.slow

COUNT = "SELECT (COUNT(*) AS ?n) %s WHERE { ?s ?p ?o }"
PLAN = "https://w3id.org/celac-kg/id/graph/celac-2014"


def count(store: OxigraphStore, dataset: str = "") -> int:
    rows = list(solutions(store.query(COUNT % dataset)))
    return int(rows[0]["n"].value)


def test_oxigraph_a_query_without_from_sees_every_plan(store: OxigraphStore) -> None:
    assert count(store) == len(store)


def test_oxigraph_from_names_the_dataset(store: OxigraphStore) -> None:
    one_plan = count(store, f"FROM <{PLAN}>")
    rows = list(
        solutions(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{PLAN}> {{ ?s ?p ?o }} }}"))
    )
    assert 0 < one_plan == int(rows[0]["n"].value) < len(store)


def test_oxigraph_from_inside_a_string_is_no_dataset(store: OxigraphStore) -> None:
    rows = list(
        solutions(store.query('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != "FROM x") }'))
    )
    assert int(rows[0]["n"].value) > count(store, f"FROM <{PLAN}>")
