"""``/sparql`` over HTTP against the real store: every result format by ``Accept`` and by
``format``, the dataset parameters, the cap, the service description, the editor page for
browsers, CORS, OpenAPI, and every error path."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, TypedDict

import pytest
import rdflib
from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    parse,
    parse_query_results,
)
from rdf_responses import media_type

from graph.errors import QueryError
from graph.namespaces import PREFIXES

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from httpx2 import Response

    from api.settings import Settings
    from graph.oxigraph import OxigraphStore

ID = "https://w3id.org/celac-kg/id/"
PLAN = f"{ID}plan/celac-2014"
GRAPH_2014 = f"{ID}graph/celac-2014"
GRAPH_2020 = f"{ID}graph/ppt-2020"
SELECT = "SELECT ?plan WHERE { ?p a celac:Plan ; dcterms:identifier ?plan } ORDER BY ?plan"
ASK = 'ASK { ?p dcterms:identifier "CELAC-2014" }'
CONSTRUCT = (
    "CONSTRUCT { ?p dcterms:identifier ?id } WHERE { ?p a celac:Plan ; dcterms:identifier ?id }"
)
DESCRIBE = f"DESCRIBE <{PLAN}>"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"

RESULT_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
RDF_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}


# Every answer of the store's is turned into plain values inside a helper: pyoxigraph's result
# iterators must be dropped in the thread that made them, and a test's frame may be collected
# in the server's.


def engine_rows(store: OxigraphStore, query: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The variables and rows (each term in its N-Triples form) the engine answers ``query`` with."""
    rows = store.query(query)
    assert isinstance(rows, QuerySolutions)
    names = [v.value for v in rows.variables]
    return names, [tuple("" if t is None else str(t) for t in row) for row in rows]


def plan_ids(store: OxigraphStore) -> list[str]:
    rows = store.query(SELECT)
    assert isinstance(rows, QuerySolutions)
    return [row["plan"].value for row in rows]


def values_of(response: Response) -> list[dict[str, str]]:
    """The rows of a SELECT answer in any results format, each variable's value as a string."""
    if media_type(response) == "text/csv":  # CSV is lossy, and pyoxigraph does not read it
        return list(csv.DictReader(io.StringIO(response.text)))
    rows = parse_query_results(response.content, format=RESULT_TYPES[media_type(response)])
    assert isinstance(rows, QuerySolutions)
    names = [v.value for v in rows.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in rows]


def triples_of(response: Response) -> set[tuple[str, str, str]]:
    fmt = RDF_TYPES[media_type(response)]
    return {
        (str(t.subject), str(t.predicate), str(t.object))
        for t in parse(response.content, format=fmt)
    }


def direct_triples(store: OxigraphStore, query: str) -> set[tuple[str, str, str]]:
    triples = store.query(query)
    assert isinstance(triples, QueryTriples)
    return {(str(t.subject), str(t.predicate), str(t.object)) for t in triples}


def get(
    client: TestClient, query: str | None = None, accept: str | None = None, **params: str
) -> Response:
    if query is not None:
        params["query"] = query
    headers = {"Accept": accept} if accept is not None else {}
    return client.get("/sparql", params=params, headers=headers)


# --- the conneg table: Accept -> Content-Type, for each query form ----------------------------

SELECT_TABLE = [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
    ("application/sparql-results+json,*/*;q=0.9", "application/sparql-results+json"),
    (BROWSER, "text/html"),
]
GRAPH_TABLE = [
    (None, "text/turtle"),
    ("*/*", "text/turtle"),
    ("text/turtle", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"),
    ("application/json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/rdf+xml;q=0.4, application/n-triples;q=0.8", "application/n-triples"),
    ("application/n-triples,*/*;q=0.9", "application/n-triples"),
    (BROWSER, "text/html"),
]


@pytest.mark.parametrize(("accept", "expected"), SELECT_TABLE)
def test_sparql_endpoint_select_conneg(
    client: TestClient, store: OxigraphStore, accept: str | None, expected: str
) -> None:
    response = get(client, SELECT, accept)
    assert response.status_code == 200, response.text
    assert media_type(response) == expected
    assert "Accept" in response.headers["vary"]
    if expected == "text/html":
        assert "yasgui" in response.text
        return
    assert [row["plan"] for row in values_of(response)] == plan_ids(store)
    assert "x-result-capped" not in response.headers


@pytest.mark.parametrize(("accept", "expected"), SELECT_TABLE)
def test_sparql_endpoint_ask_conneg(client: TestClient, accept: str | None, expected: str) -> None:
    for query, truth in ((ASK, True), ('ASK { ?p dcterms:identifier "NO-SUCH-PLAN" }', False)):
        response = get(client, query, accept)
        assert response.status_code == 200, response.text
        assert media_type(response) == expected
        if expected == "text/html":
            continue
        if expected in ("text/csv", "text/tab-separated-values"):
            assert response.text.strip() == str(truth).lower()
            continue
        result = parse_query_results(response.content, format=RESULT_TYPES[expected])
        assert isinstance(result, QueryBoolean)
        assert bool(result) is truth


@pytest.mark.parametrize(("accept", "expected"), GRAPH_TABLE)
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
def test_sparql_endpoint_graph_conneg(
    client: TestClient, store: OxigraphStore, query: str, accept: str | None, expected: str
) -> None:
    response = get(client, query, accept)
    assert response.status_code == 200, response.text
    assert media_type(response) == expected
    assert "Accept" in response.headers["vary"]
    if expected == "text/html":
        return
    triples = triples_of(response)
    assert triples == direct_triples(store, query)
    assert triples


def test_sparql_endpoint_turtle_is_readable_by_rdflib(
    client: TestClient, store: OxigraphStore
) -> None:
    response = get(client, DESCRIBE, "text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert len(graph) == len(direct_triples(store, DESCRIBE))
    assert "@prefix celac:" in response.text
    assert "id:plan" not in response.text  # resources in full, not with escaped slashes


@pytest.mark.parametrize(
    ("query", "fmt", "expected"),
    [
        (SELECT, "json", "application/sparql-results+json"),
        (SELECT, "xml", "application/sparql-results+xml"),
        (SELECT, "csv", "text/csv"),
        (SELECT, "tsv", "text/tab-separated-values"),
        (SELECT, "text/csv", "text/csv"),
        (ASK, "xml", "application/sparql-results+xml"),
        (CONSTRUCT, "turtle", "text/turtle"),
        (CONSTRUCT, "ntriples", "application/n-triples"),
        (CONSTRUCT, "jsonld", "application/ld+json"),
        (CONSTRUCT, "rdfxml", "application/rdf+xml"),
        (CONSTRUCT, "xml", "application/rdf+xml"),
        (DESCRIBE, "application/ld+json", "application/ld+json"),
        (SELECT, "html", "text/html"),
    ],
)
def test_sparql_endpoint_format_parameter_wins_over_accept(
    client: TestClient, query: str, fmt: str, expected: str
) -> None:
    response = get(client, query, "image/png", format=fmt)
    assert response.status_code == 200, response.text
    assert media_type(response) == expected


def test_sparql_endpoint_text_formats_declare_utf8(client: TestClient) -> None:
    response = get(client, "SELECT ?t WHERE { <" + PLAN + "> dcterms:title ?t }", format="csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    title = list(csv.reader(io.StringIO(response.text)))[1][0]
    assert "Acción" in title or "acción" in title


# --- POST -------------------------------------------------------------------------------------


def test_sparql_endpoint_post_form(client: TestClient, store: OxigraphStore) -> None:
    response = client.post("/sparql", data={"query": SELECT}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    assert [r[0] for r in csv.reader(io.StringIO(response.text))][1:] == plan_ids(store)


def test_sparql_endpoint_post_query(client: TestClient, store: OxigraphStore) -> None:
    response = client.post(
        "/sparql",
        content=CONSTRUCT.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert response.status_code == 200, response.text
    assert triples_of(response) == direct_triples(store, CONSTRUCT)


# --- the dataset ------------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(response: Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def graph_size(store: OxigraphStore, graph: str) -> int:
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert isinstance(rows, QuerySolutions)
    return int(next(rows)["n"].value)


def test_sparql_endpoint_default_graph_is_the_union(
    client: TestClient, store: OxigraphStore
) -> None:
    assert count(get(client, COUNT)) >= graph_size(store, GRAPH_2014) + graph_size(
        store, GRAPH_2020
    )


def test_sparql_endpoint_default_graph_uri(client: TestClient, store: OxigraphStore) -> None:
    response = client.get("/sparql", params=[("query", COUNT), ("default-graph-uri", GRAPH_2014)])
    assert count(response) == graph_size(store, GRAPH_2014)
    response = client.get(
        "/sparql",
        params=[
            ("query", COUNT),
            ("default-graph-uri", GRAPH_2014),
            ("default-graph-uri", GRAPH_2020),
        ],
    )
    assert count(response) == graph_size(store, GRAPH_2014) + graph_size(store, GRAPH_2020)


def test_sparql_endpoint_named_graph_uri(client: TestClient, store: OxigraphStore) -> None:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    response = client.post("/sparql", data={"query": query, "named-graph-uri": GRAPH_2020})
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    assert [(r["g"]["value"], int(r["n"]["value"])) for r in rows] == [
        (GRAPH_2020, graph_size(store, GRAPH_2020))
    ]
    # with only named graphs given, the default graph is empty
    assert count(client.post("/sparql", data={"query": COUNT, "named-graph-uri": GRAPH_2020})) == 0


def test_sparql_endpoint_dataset_in_the_url_of_a_query_post(
    client: TestClient, store: OxigraphStore
) -> None:
    response = client.post(
        "/sparql",
        params={"default-graph-uri": GRAPH_2020},
        content=COUNT.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert count(response) == graph_size(store, GRAPH_2020)


def test_sparql_endpoint_from_clause(client: TestClient, store: OxigraphStore) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH_2014}> WHERE {{ ?s ?p ?o }}"
    assert count(get(client, query)) == graph_size(store, GRAPH_2014)


# --- the cap ----------------------------------------------------------------------------------


def test_sparql_endpoint_caps_rows(
    client: TestClient, store: OxigraphStore, settings: Settings
) -> None:
    query = "SELECT * WHERE { ?s ?p ?o }"
    response = get(client, query)
    assert response.status_code == 200
    assert response.headers["x-result-capped"] == "true"
    assert response.headers["x-result-limit"] == str(settings.max_results)
    document = response.json()
    assert len(document["results"]["bindings"]) == settings.max_results
    assert document["head"]["vars"] == engine_rows(store, query)[0]
    assert document["head"]["link"] == [f"{settings.public_url}sparql#limits"]


@pytest.mark.parametrize("fmt", ["xml", "csv", "tsv"])
def test_sparql_endpoint_caps_rows_in_every_format(
    client: TestClient, settings: Settings, fmt: str
) -> None:
    response = get(client, "SELECT * WHERE { ?s ?p ?o }", format=fmt)
    assert response.headers["x-result-capped"] == "true"
    assert len(values_of(response)) == settings.max_results


# Over the remote engine, the whole graph is constructed within the engine's 2 s limit only on an
# unloaded machine (on a busy one, the engine stops it): it runs alone, after the others.
@pytest.mark.serial
@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "rdfxml"])
def test_sparql_endpoint_caps_triples(client: TestClient, settings: Settings, fmt: str) -> None:
    response = get(client, "CONSTRUCT WHERE { ?s ?p ?o }", format=fmt)
    assert response.status_code == 200, response.text[:400]
    assert response.headers["x-result-capped"] == "true"
    assert len(triples_of(response)) == settings.max_results


def test_sparql_endpoint_exactly_the_limit_is_not_capped(
    client: TestClient, settings: Settings
) -> None:
    query = f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {settings.max_results}"
    response = get(client, query)
    assert "x-result-capped" not in response.headers
    assert "link" not in response.json()["head"]
    assert len(response.json()["results"]["bindings"]) == settings.max_results


def test_sparql_endpoint_unbound_and_odd_literals_survive_the_cap(client: TestClient) -> None:
    query = """SELECT ?x ?y WHERE {
      VALUES (?x ?y) { ("tab\\there" UNDEF) ("line\\nbreak"@es 1) (UNDEF <http://example.org/a>) }
    }"""
    response = get(client, query)
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"] == [
        {"x": {"type": "literal", "value": "tab\there"}},
        {
            "x": {"type": "literal", "value": "line\nbreak", "xml:lang": "es"},
            "y": {
                "type": "literal",
                "value": "1",
                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
            },
        },
        {"y": {"type": "uri", "value": "http://example.org/a"}},
    ]


# --- errors -----------------------------------------------------------------------------------


def assert_error(response: Response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    assert media_type(response) == "text/plain"
    for word in words:
        assert word in response.text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?x WHERE {\n  ?x ?y\n}",
        "SELEC ?x",
        'SELECT ?x WHERE { ?x celac:text "año" ?y }',
        "SELECT ?x WHERE { ?x nope:thing ?y }",
    ],
)
def test_sparql_endpoint_malformed_query(
    client: TestClient, store: OxigraphStore, query: str
) -> None:
    with pytest.raises(QueryError) as engine:
        store.query(query)
    message = str(engine.value.__cause__)  # the parser's own words, with its line:column
    line = int(message.split(" at ")[1].split(":")[0])
    response = get(client, query)
    assert_error(response, 400, "The query is malformed", message)
    assert response.text.rstrip("\n").endswith(f"{line} | {query.splitlines()[line - 1]}")


def test_sparql_endpoint_malformed_query_in_any_format(client: TestClient) -> None:
    assert_error(get(client, "SELEC ?x", "text/turtle"), 400, "malformed")
    assert_error(get(client, "SELEC ?x", format="csv"), 400, "malformed")


class RequestArgs(TypedDict, total=False):
    method: str
    url: str
    params: dict[str, str]
    data: dict[str, str]
    content: bytes
    headers: dict[str, str]


@pytest.mark.parametrize(
    "request_args",
    [
        {"method": "GET", "url": "/sparql", "params": {"update": "INSERT DATA { <a> <b> <c> }"}},
        {"method": "GET", "url": "/sparql", "params": {"query": "INSERT DATA { <a> <b> <c> }"}},
        {"method": "GET", "url": "/sparql", "params": {"query": "PREFIX a: <http://a/> CLEAR ALL"}},
        {"method": "POST", "url": "/sparql", "data": {"update": "DELETE WHERE { ?s ?p ?o }"}},
        {"method": "POST", "url": "/sparql", "data": {"query": "DROP ALL"}},
        {
            "method": "POST",
            "url": "/sparql",
            "content": b"DELETE WHERE { ?s ?p ?o }",
            "headers": {"Content-Type": "application/sparql-update"},
        },
        {
            "method": "POST",
            "url": "/sparql",
            "content": b"LOAD <http://example.org/x.ttl>",
            "headers": {"Content-Type": "application/sparql-query"},
        },
    ],
)
def test_sparql_endpoint_refuses_updates(client: TestClient, request_args: RequestArgs) -> None:
    response = client.request(**request_args)
    assert_error(response, 403, "read-only", "SPARQL Update")


def test_sparql_endpoint_refuses_service(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert_error(get(client, query), 403, "SERVICE", "other endpoints")


def test_sparql_endpoint_graph_is_unchanged_after_update_attempts(
    client: TestClient, store: OxigraphStore
) -> None:
    before = len(store)
    client.post("/sparql", data={"update": "CLEAR ALL"})
    assert len(store) == before
    assert count(get(client, COUNT)) > 0


@pytest.mark.parametrize(
    ("query", "accept", "words"),
    [
        (SELECT, "text/turtle", ["text/turtle", "SELECT", "format=json|xml|csv|tsv"]),
        (ASK, "application/n-triples", ["ASK", "application/sparql-results+json"]),
        (CONSTRUCT, "application/sparql-results+json", ["CONSTRUCT", "text/turtle"]),
        (DESCRIBE, "text/csv", ["DESCRIBE", "format=turtle|ntriples|jsonld|rdfxml"]),
        (SELECT, "image/png, text/plain;q=0.1", ["image/png"]),
    ],
)
def test_sparql_endpoint_not_acceptable(
    client: TestClient, query: str, accept: str, words: list[str]
) -> None:
    assert_error(get(client, query, accept), 406, *words)


def test_sparql_endpoint_format_of_the_wrong_kind(client: TestClient) -> None:
    assert_error(get(client, SELECT, format="turtle"), 406, "format='turtle'")
    assert_error(get(client, CONSTRUCT, format="csv"), 406, "format='csv'")
    assert_error(get(client, SELECT, format="pdf"), 400, "format='pdf'")


def test_sparql_endpoint_protocol_errors(client: TestClient) -> None:
    assert_error(
        client.get("/sparql", params=[("query", ASK), ("query", ASK)]), 400, "2 'query' parameters"
    )
    assert_error(get(client, ""), 400, "empty")
    assert_error(get(client, ASK, **{"default-graph-uri": "celac 2014"}), 400, "'celac 2014'")
    assert_error(
        client.post("/sparql", content=b"ASK {}", headers={"Content-Type": "text/plain"}),
        415,
        "application/x-www-form-urlencoded",
        "text/plain",
    )
    assert_error(client.post("/sparql", data={"format": "json"}), 400, "'query'")


def test_sparql_endpoint_errors_vary_by_accept(client: TestClient) -> None:
    assert "Accept" in get(client, "SELEC").headers["vary"]


# --- the service description ------------------------------------------------------------------

SD_PREFIXES = {
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "void": "http://rdfs.org/ns/void#",
    "formats": "http://www.w3.org/ns/formats/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def description(client: TestClient, accept: str = "text/turtle") -> Store:
    """The service description, parsed (by pyoxigraph) into a store to query."""
    response = get(client, accept=accept)
    assert response.status_code == 200, response.text
    graph = Store()
    graph.load(response.content, format=RDF_TYPES[media_type(response)])
    return graph


def ask(graph: Store, query: str) -> bool:
    return bool(graph.query(f"ASK {{ {query} }}", prefixes=SD_PREFIXES))


def select(graph: Store, query: str) -> list[tuple[str, ...]]:
    rows = graph.query(query, prefixes=SD_PREFIXES)
    assert isinstance(rows, QuerySolutions)
    return [tuple(term.value for term in row) for row in rows]


@pytest.mark.parametrize("accept", list(RDF_TYPES))
def test_sparql_endpoint_service_description_formats(
    client: TestClient, settings: Settings, accept: str
) -> None:
    graph = description(client, accept)
    endpoint = f"<{settings.public_url}sparql>"
    assert ask(graph, f"{endpoint} a sd:Service ; sd:endpoint {endpoint}")
    assert len(graph) > 40


def test_sparql_endpoint_service_description(
    client: TestClient, store: OxigraphStore, settings: Settings
) -> None:
    graph = description(client, "*/*")
    endpoint = f"<{settings.public_url}sparql>"
    assert ask(graph, f"{endpoint} sd:supportedLanguage sd:SPARQL11Query")
    assert ask(graph, f"{endpoint} sd:feature sd:UnionDefaultGraph")
    formats = select(graph, f"SELECT ?f WHERE {{ {endpoint} sd:resultFormat ?f }} ORDER BY ?f")
    assert sorted(f for (f,) in formats) == sorted(
        f"http://www.w3.org/ns/formats/{name}"
        for name in ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                     "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"]
    )  # fmt: skip
    named = select(
        graph,
        f"""SELECT ?name ?n WHERE {{ {endpoint} sd:defaultDataset/sd:namedGraph ?g .
               ?g a sd:NamedGraph ; sd:name ?name ; sd:graph [ a sd:Graph ; void:triples ?n ] }}""",
    )
    _, rows = engine_rows(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = [g.strip("<>") for (g,) in rows]
    assert {name: int(n) for name, n in named} == {g: graph_size(store, g) for g in graphs}
    ((union,),) = select(
        graph, f"SELECT ?n WHERE {{ {endpoint} sd:defaultDataset/sd:defaultGraph/void:triples ?n }}"
    )
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    assert int(union) == count(get(client, distinct))
    ((limits,),) = select(
        graph, f"SELECT ?c WHERE {{ {endpoint} rdfs:seeAlso ?l . ?l rdfs:comment ?c }}"
    )
    assert f"{settings.query_timeout:g} s" in limits
    assert str(settings.max_results) in limits


def test_sparql_endpoint_service_description_not_acceptable(client: TestClient) -> None:
    assert_error(get(client, accept="application/sparql-results+json"), 406, "format=turtle")


# --- the editor -------------------------------------------------------------------------------


def test_sparql_endpoint_editor_for_browsers(client: TestClient) -> None:
    response = get(client, accept=BROWSER)
    assert response.status_code == 200
    assert media_type(response) == "text/html"
    assert "Accept" in response.headers["vary"]
    assert '<div id="yasgui"></div>' in response.text
    assert "/assets/yasgui/yasgui.min.js" in response.text


def test_sparql_endpoint_editor_opens_the_query(client: TestClient) -> None:
    query = "SELECT ?m WHERE { ?m celac:text ?t } LIMIT 3"
    response = get(client, query, BROWSER)
    assert response.status_code == 200
    config = json.loads(response.text.split('id="sparql-config">')[1].split("</script>")[0])
    assert config["defaultQuery"].endswith(query)
    assert f"PREFIX celac: <{PREFIXES['celac']}>" in config["defaultQuery"]


def test_sparql_endpoint_serves_yasgui(client: TestClient) -> None:
    response = client.get("/assets/yasgui/yasgui.min.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert client.get("/assets/yasgui/yasgui.min.css").status_code == 200
    assert client.get("/assets/sparql/editor.js").status_code == 200
    assert client.get("/assets/yasgui/missing.js").status_code == 404


# --- CORS and OpenAPI -------------------------------------------------------------------------


def test_sparql_endpoint_cors_preflight(client: TestClient) -> None:
    response = client.options(
        "/sparql",
        headers={
            "Origin": "https://notebook.example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, accept",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "content-type" in response.headers["access-control-allow-headers"].lower()


def test_sparql_endpoint_cors_simple_get(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": ASK}, headers={"Origin": "https://app.example.org"}
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"


def test_sparql_endpoint_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operations = spec["paths"]["/sparql"]
    get_parameters = {p["name"] for p in operations["get"]["parameters"]}
    assert get_parameters == {"query", "default-graph-uri", "named-graph-uri", "format"}
    post = operations["post"]
    assert set(post["requestBody"]["content"]) == {
        "application/x-www-form-urlencoded",
        "application/sparql-query",
    }
    for operation in (operations["get"], post):
        assert {"200", "400", "403", "406", "503"} <= set(operation["responses"])
        assert "application/sparql-results+json" in operation["responses"]["200"]["content"]
        assert "text/turtle" in operation["responses"]["200"]["content"]
    assert client.get("/docs").status_code == 200


def test_sparql_endpoint_worker_results_match_the_engine(
    client: TestClient, store: OxigraphStore
) -> None:
    """A term of every kind comes through the worker exactly as the engine gives it."""
    query = f"SELECT ?p ?o WHERE {{ <{PLAN}> ?p ?o }} ORDER BY ?p ?o"
    response = get(client, query, format="tsv")
    rows = parse_query_results(response.content, format=QueryResultsFormat.TSV)
    assert isinstance(rows, QuerySolutions)
    answered = [tuple(str(t) for t in row) for row in rows]
    _, direct = engine_rows(store, query)
    assert answered == direct
    kinds = {o[0] for _, o in direct}
    assert {"<", '"'} <= kinds  # IRIs and literals both came through


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv"])
def test_sparql_endpoint_keeps_a_row_with_nothing_bound(client: TestClient, accept: str) -> None:
    """One solution in which no variable is bound is a row all the same (it was lost once, when
    answers were cut through TSV, whose empty line for it read as no row)."""
    query = "SELECT ?x WHERE { OPTIONAL { ?x <https://example.org/nothing> ?y } }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    if accept == "text/csv":
        assert response.text.splitlines() == ["x", ""]
    else:
        assert response.json()["results"]["bindings"] == [{}]
