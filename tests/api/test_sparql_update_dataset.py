"""The protocol's update dataset written into an update's operations, and refused beside the
update's own USING or WITH."""

from __future__ import annotations

import time

import pytest

from api.sparql.errors import BadRequest
from api.sparql.protocol import FORM, request_params
from api.sparql.update_dataset import UpdateDataset, apply, from_params

BOTH = UpdateDataset(("http://a",), ("http://b",))
CLAUSES = "USING <http://a> USING NAMED <http://b> "


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (
            "INSERT { ?s a <t> } WHERE { ?s a <d> }",
            f"INSERT {{ ?s a <t> }} {CLAUSES}WHERE {{ ?s a <d> }}",
        ),
        (
            "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o FILTER(?o < 3) }",
            f"DELETE {{ ?s ?p ?o }} INSERT {{ ?s ?p 1 }} {CLAUSES}WHERE {{ ?s ?p ?o FILTER(?o < 3) }}",
        ),
        ("DELETE WHERE { ?s ?p ?o }", f"DELETE {{ ?s ?p ?o }} {CLAUSES}WHERE {{ ?s ?p ?o }}"),
        # data, strings, comments and names that spell the keywords are left alone
        ('INSERT DATA { <s> <p> "WHERE ; {" }', 'INSERT DATA { <s> <p> "WHERE ; {" }'),
        (
            "PREFIX where: <http://w#> # WHERE\nCLEAR ALL ; INSERT { ?s a where:x } WHERE { ?s ?p ?where }",
            f"PREFIX where: <http://w#> # WHERE\nCLEAR ALL ; INSERT {{ ?s a where:x }} {CLAUSES}WHERE {{ ?s ?p ?where }}",
        ),
    ],
)
def test_update_dataset_written_into_each_operation(update: str, expected: str) -> None:
    assert apply(update, BOTH) == expected


def test_update_dataset_absent_leaves_the_update_alone() -> None:
    assert apply("WITH <http://g> DELETE WHERE { ?s ?p ?o }", UpdateDataset()) == (
        "WITH <http://g> DELETE WHERE { ?s ?p ?o }"
    )


@pytest.mark.parametrize(
    "update",
    [
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "INSERT { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }",
        "CLEAR ALL ; DELETE { ?s ?p ?o } USING NAMED <http://g> WHERE { ?s ?p ?o }",
    ],
)
def test_update_dataset_conflicts_with_the_updates_own(update: str) -> None:
    with pytest.raises(BadRequest, match="USING, USING NAMED or WITH"):
        apply(update, BOTH)


def test_update_dataset_params_must_be_absolute_iris() -> None:
    assert from_params([("using-graph-uri", "http://a"), ("x", "y")]) == UpdateDataset(
        ("http://a",)
    )
    with pytest.raises(BadRequest, match="using-named-graph-uri='rel'"):
        from_params([("using-named-graph-uri", "rel")])


@pytest.mark.parametrize("unit", ['"', "{", "<", "'''", "#", "\\"])
def test_update_dataset_reads_in_linear_time(unit: str) -> None:
    times = []
    for n in (20_000, 40_000):
        text = "INSERT { ?s ?p ?o } WHERE { " + unit * n
        start = time.perf_counter()
        apply(text, BOTH)
        times.append(time.perf_counter() - start)
    assert times[1] < 0.5


def test_update_dataset_from_a_form_body_and_the_url() -> None:
    body = b"update=CLEAR+ALL&using-named-graph-uri=http%3A%2F%2Fb"
    params = request_params(FORM, body, [("using-graph-uri", "http://a")])
    assert from_params(params) == BOTH
    # a body that is the update itself has no fields
    assert request_params("application/sparql-update", b"a=b", []) == []
