"""Answers bounded in bytes (issue 13): whole rows or triples are cut at ``max_bytes``, in every
format, and flagged; an answer whose first row alone is longer is refused with a sentence, never
a crashed worker. On the worker's own function, over a store in memory."""

from __future__ import annotations

import csv
import io

import pytest
from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    QuerySolutions,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
)

from api.sparql.formats import BY_NAME, FORMATS, GRAPH, SOLUTIONS
from api.sparql.worker import RESULT_WRITERS, Config, Job, answer

EX = "http://example.org/"
ROWS = 100
CAP = 20_000


@pytest.fixture(scope="module")
def store() -> Store:
    """A hundred resources with a text of 1 kB each, and one with a text of 50 kB."""
    memory = Store()
    graph = NamedNode(EX + "g")
    for i in range(ROWS):
        text = f"{i:04d} " + "palabra " * 125
        memory.add(Quad(NamedNode(f"{EX}r{i}"), NamedNode(EX + "text"), Literal(text), graph))
    memory.add(Quad(NamedNode(EX + "big"), NamedNode(EX + "long"), Literal("x" * 50_000), graph))
    return memory


def job(query: str, fmt: str, limit: int = 1000) -> Job:
    kind = BY_NAME[fmt].kind
    solutions = fmt if kind == SOLUTIONS else "json"
    graph = fmt if kind == GRAPH else "turtle"
    return Job(query, None, None, True, solutions, graph, limit, 10.0, "http://x/#limits")


def config(max_bytes: int) -> Config:
    return Config("", {"ex": EX}, {"ex": EX}, max_bytes=max_bytes)


TEXTS = "SELECT ?r ?t WHERE { ?r ex:text ?t } ORDER BY ?r"
GRAPH_OF_TEXTS = "CONSTRUCT { ?r ex:text ?t } WHERE { ?r ex:text ?t }"
RDF_READERS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS[SOLUTIONS]])
def test_sparql_answer_bytes_rows_cut_whole_in_every_format(store: Store, fmt: str) -> None:
    reply = answer(store, job(TEXTS, fmt), config(CAP))
    assert reply.status == "ok", reply.message
    assert reply.capped
    assert len(reply.body) <= CAP + 100  # the cap, and the link to the explanation
    if fmt == "csv":  # lossy: pyoxigraph does not read it back
        texts = [row[1] for row in csv.reader(io.StringIO(reply.body.decode()))][1:]
    else:
        rows = parse_query_results(reply.body, format=RESULT_WRITERS[fmt])
        assert isinstance(rows, QuerySolutions)
        texts = [row["t"].value for row in rows if row["t"] is not None]
    assert 5 <= len(texts) < ROWS
    assert all(text.endswith("palabra ") for text in texts)  # whole rows only


@pytest.mark.parametrize("fmt", [f.name for f in FORMATS[GRAPH]])
def test_sparql_answer_bytes_triples_cut_whole_in_every_format(store: Store, fmt: str) -> None:
    reply = answer(store, job(GRAPH_OF_TEXTS, fmt), config(CAP))
    assert reply.status == "ok", reply.message
    assert reply.capped
    assert len(reply.body) <= CAP
    triples = list(parse(reply.body, format=RDF_READERS[fmt]))
    assert 5 <= len(triples) < ROWS


def test_sparql_answer_bytes_unbounded_without_a_cap(store: Store) -> None:
    reply = answer(store, job(TEXTS, "json"), config(0))
    assert reply.status == "ok" and not reply.capped
    assert len(reply.body) > ROWS * 1000


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "turtle"])
def test_sparql_answer_bytes_one_row_over_the_cap_is_refused(store: Store, fmt: str) -> None:
    query = (
        "SELECT ?t WHERE { ex:big ex:long ?t }"
        if BY_NAME[fmt].kind == SOLUTIONS
        else "CONSTRUCT WHERE { ex:big ex:long ?t }"
    )
    reply = answer(store, job(query, fmt), config(CAP))
    assert reply.status == "too_large"
    assert "MiB an answer may hold" in reply.message
    assert reply.body == b""


def test_sparql_answer_bytes_the_row_limit_still_holds(store: Store) -> None:
    reply = answer(store, job(TEXTS, "tsv", limit=3), config(CAP))
    assert reply.capped
    assert reply.body.count(b"\n") == 4  # the header and three rows
