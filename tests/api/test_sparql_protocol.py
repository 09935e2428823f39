"""The protocol's request parsing and the query-form scan, as pure functions."""

from __future__ import annotations

import pytest
from starlette.datastructures import QueryParams

from api.sparql.errors import BadRequest, UnsupportedMediaType, UpdateForbidden
from api.sparql.protocol import (
    SparqlRequest,
    from_get,
    from_post,
    from_query_string,
    query_form,
)
from graph.sparql_text import has_keyword

G1 = "https://w3id.org/celac-kg/id/graph/celac-2014"
G2 = "https://w3id.org/celac-kg/id/graph/ppt-2020"


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ("select * { }", "SELECT"),
        ("ASK {}", "ASK"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://example.org/x>", "DESCRIBE"),
        ("# a comment\nPREFIX ex: <http://example.org/x#y>\nBASE <http://b/>\nASK {}", "ASK"),
        ("PREFIX : <http://example.org/> DESCRIBE :x", "DESCRIBE"),
        ("prefix x: <a#b> # SELECT is in a comment\n construct {} where {}", "CONSTRUCT"),
        ("\ufeffSELECT * {}", "SELECT"),
        ("INSERT DATA { <a> <b> <c> }", "INSERT"),
        ("PREFIX ex: <http://e/> DELETE WHERE { ?s ?p ?o }", "DELETE"),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <http://g>", "DROP"),
        ("SELEC ?x", None),
        ("PREFIX foo <http://x> SELECT * {}", None),
        ("# only a comment", None),
        ("", None),
    ],
)
def test_sparql_protocol_query_form(query: str, form: str | None) -> None:
    assert query_form(query) == form


def test_sparql_protocol_query_form_does_not_backtrack() -> None:
    assert query_form("PREFIX a: <http://x/> " * 20_000 + "?") is None
    assert query_form("#" + "a" * 200_000) is None


G = "<http://example.org/g>"


@pytest.mark.parametrize(
    ("query", "keyword", "found"),
    [
        (f"SELECT * FROM {G} WHERE {{}}", "FROM", True),
        (f"select * from named {G} {{}}", "FROM", True),
        (f"CONSTRUCT {{ ?s ?p ?o }} FROM {G} WHERE {{ ?s ?p ?o }}", "FROM", True),
        (f"DESCRIBE ?s FROM{G} WHERE {{}}", "FROM", True),
        ("SELECT * WHERE { ?s ?p ?o }", "FROM", False),
        ('SELECT * { ?s ?p "from" }', "FROM", False),
        ('SELECT * { ?s ?p "a\\"FROM" }', "FROM", False),
        ("SELECT * { ?s ?p '''x\nFROM y''' }", "FROM", False),
        ('SELECT * { ?s ?p """x\n"FROM" y""" }', "FROM", False),
        ("SELECT ?from { ?s ex:FROM ?from } # FROM", "FROM", False),
        ("SELECT * { <http://example.org/FROM> ?p ?o }", "FROM", False),
        ("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE", True),
        ("SELECT * { service silent <http://e/sparql> { ?s ?p ?o } }", "SERVICE", True),
        ('SELECT * { ?s rdfs:label "Service" }', "SERVICE", False),
        ("SELECT ?service { ?service a schema:Service }", "SERVICE", False),
    ],
)
def test_sparql_protocol_has_keyword(query: str, keyword: str, found: bool) -> None:
    assert has_keyword(query, keyword) is found


def test_sparql_protocol_get() -> None:
    params = [
        ("query", "ASK {}"),
        ("default-graph-uri", G1),
        ("default-graph-uri", G2),
        ("format", "json"),
        ("output", "json"),  # another engine's parameter: ignored
    ]
    assert from_get(params) == SparqlRequest("ASK {}", (G1, G2), (), ("json",))


def test_sparql_protocol_get_without_dataset_uses_the_union() -> None:
    assert from_get([("query", "ASK {}")]) == SparqlRequest("ASK {}", None, None)


def test_sparql_protocol_named_graphs_alone_leave_the_default_graph_empty() -> None:
    request = from_get([("query", "ASK {}"), ("named-graph-uri", G1)])
    assert (request.default_graphs, request.named_graphs) == ((), (G1,))


def test_sparql_protocol_get_without_query() -> None:
    assert from_get([]) == SparqlRequest(None)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ([("query", "ASK {}"), ("query", "ASK {}")], "2 'query' parameters"),
        ([("query", "  ")], "'query' parameter is empty"),
        (
            [("query", "ASK {}"), ("default-graph-uri", "not an iri")],
            "default-graph-uri='not an iri'",
        ),
        ([("query", "ASK {}"), ("named-graph-uri", "")], "named-graph-uri=''"),
    ],
)
def test_sparql_protocol_get_errors(params: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(BadRequest, match=message):
        from_get(params)


@pytest.mark.parametrize(
    "raw",
    [
        b"query=ASK+%7B%7D&default-graph-uri=" + G1.encode() + b"&default-graph-uri=" + G2.encode(),
        b"query=ASK+%7B+%3Fs+%3Fp+%22a%C3%B1o+%2B+1%22+%7D&format=json&format=&output=xml",
        b"query=SELECT%20*%20%7B%7D;named-graph-uri=" + G1.encode(),  # ';' is not a separator
        b"named-graph-uri=" + G2.encode() + b"&query=DESCRIBE+%3Chttp%3A%2F%2Fe%2Fx%3E",
        b"query=ASK+%7B%7D&query=ASK+%7B%7D",
        b"query=%E9t%E9",  # not UTF-8: replaced, as Starlette does
        b"",
    ],
)
def test_sparql_protocol_query_string_as_starlette_reads_it(raw: bytes) -> None:
    expected: SparqlRequest | BadRequest
    try:
        expected = from_get(QueryParams(raw).multi_items())
    except BadRequest as e:
        expected = e
    if isinstance(expected, BadRequest):
        with pytest.raises(BadRequest, match=str(expected)):
            from_query_string(raw)
    else:
        assert from_query_string(raw) == expected


def test_sparql_protocol_query_string_decodes_escapes() -> None:
    raw = b"query=ASK+%7B+%3Fs+%3Fp+%22a%C3%B1o%22+%7D&named-graph-uri=" + G1.encode()
    assert from_query_string(raw) == SparqlRequest('ASK { ?s ?p "año" }', (), (G1,))


@pytest.mark.parametrize("key", ["update", "using-graph-uri", "using-named-graph-uri"])
def test_sparql_protocol_update_parameters_are_forbidden(key: str) -> None:
    with pytest.raises(UpdateForbidden, match="read-only"):
        from_get([(key, "INSERT DATA { <a> <b> <c> }")])


def test_sparql_protocol_post_form() -> None:
    body = b"query=SELECT+%2A+%7B%7D&named-graph-uri=" + G1.encode()
    request = from_post("application/x-www-form-urlencoded", body, [("default-graph-uri", G2)])
    assert request == SparqlRequest("SELECT * {}", (G2,), (G1,))


def test_sparql_protocol_post_form_charset() -> None:
    body = b"query=ASK+%7B+%3Fs+%3Fp+%22a%C3%B1o%22+%7D"
    request = from_post("application/x-www-form-urlencoded; charset=UTF-8", body, [])
    assert request.query == 'ASK { ?s ?p "año" }'


def test_sparql_protocol_post_query() -> None:
    query = 'SELECT * { ?s ?p "año" }'
    request = from_post(
        "application/sparql-query; charset=utf-8",
        query.encode(),
        [("default-graph-uri", G1), ("format", "csv")],
    )
    assert request == SparqlRequest(query, (G1,), (), ("csv",))


@pytest.mark.parametrize(
    ("content_type", "body", "params", "error", "message"),
    [
        ("application/sparql-update", b"INSERT DATA {}", [], UpdateForbidden, "read-only"),
        (
            "application/x-www-form-urlencoded",
            b"update=CLEAR+ALL",
            [],
            UpdateForbidden,
            "read-only",
        ),
        ("text/plain", b"ASK {}", [], UnsupportedMediaType, "not as text/plain"),
        (None, b"ASK {}", [], UnsupportedMediaType, "not as no Content-Type"),
        ("application/x-www-form-urlencoded", b"format=json", [], BadRequest, "no 'query' field"),
        ("application/sparql-query", b"  ", [], BadRequest, "body is empty"),
        ("application/sparql-query", b"ASK {}", [("query", "ASK {}")], BadRequest, "must not have"),
        ("application/sparql-query", b"ASK {\xff}", [], BadRequest, "not valid utf-8"),
        (
            "application/sparql-query; charset=nonsense",
            b"ASK {}",
            [],
            UnsupportedMediaType,
            "charset='nonsense'",
        ),
        # the protocol's bad_query_non_utf8: a query is UTF-8, whatever else decodes it
        (
            "application/sparql-query; charset=UTF-16",
            "ASK {}".encode("utf-16"),
            [],
            UnsupportedMediaType,
            "is UTF-8",
        ),
        (
            "application/x-www-form-urlencoded",
            b"query=ASK+%7B%7D",
            [("query", "ASK {}")],
            BadRequest,
            "2 'query' parameters",
        ),
    ],
)
def test_sparql_protocol_post_errors(
    content_type: str | None,
    body: bytes,
    params: list[tuple[str, str]],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        from_post(content_type, body, params)
