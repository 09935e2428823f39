"""``/id/…`` over HTTP against the real store: content negotiation, the four RDF formats (each
parsed with rdflib and checked against the store), the page, 404s in both forms, the Vary and
Link headers, percent-encoded paths, and every mandate in Turtle."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
import rdflib
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad
from query_results import rows
from rdf_responses import isomorphic, media_type, parse_rdf
from rdflib.namespace import RDF, RDFS

from api.main import create_app
from api.settings import Settings
from graph.oxigraph import write_store

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from httpx2 import Response

    from graph.oxigraph import OxigraphStore

BASE = "https://w3id.org/celac-kg/"
ID = f"{BASE}id/"
CELAC = rdflib.Namespace(f"{BASE}ontology#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
SYNTAX = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
FORMAT_TYPES = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "html": "text/html",
}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def graph_of(response: Response, context: dict[str, Any]) -> rdflib.Graph:
    """The response's triples; JSON-LD is expanded with the published context."""
    kind = media_type(response)
    if kind == "application/ld+json":
        document = response.json()
        assert document["@context"] == "https://w3id.org/celac-kg/context.jsonld"
        document["@context"] = context
        return parse_rdf(json.dumps(document), "json-ld")
    return parse_rdf(response.content, SYNTAX[kind])


def path(iri: str) -> str:
    assert iri.startswith(BASE), iri
    return "/" + iri[len(BASE) :]


def links(response: Response) -> list[str]:
    return [part.strip() for part in response.headers["link"].split(", <")]


def first(store: OxigraphStore, pattern: str) -> str:
    found = rows(
        store,
        f"SELECT (MIN(STR(?s)) AS ?x) WHERE {{ {pattern} "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{ID}") && !CONTAINS(STR(?s), "#")) }}',
    )
    assert found and "x" in found[0], pattern
    return found[0]["x"]


KINDS = {
    "plan": "?s a celac:Plan",
    "area": "?s a celac:Area",
    "nested area": "?s celac:subAreaOf ?parent",
    "mandate": "?s a celac:Mandate",
    "earlier mandate of a continuation": "?c a celac:Continuation ; prov:entity ?s",
    "meeting": "?s a celac:Meeting ; time:hasTime ?t",
    "meeting series": "?s a celac:MeetingSeries",
    "actor": "?s a celac:Actor",
    "partner": "?s a celac:Partner",
    "place": "?s a schema:City",
    "theme": "?s skos:inScheme id:theme",
    "source document": "?s a celac:SourceDocument",
    "kind of actor": "?s skos:inScheme id:kind",
    "method": "?s a prov:Plan",
}


@pytest.fixture(scope="module")
def context(client: TestClient) -> dict[str, Any]:
    response = client.get("/context.jsonld")
    assert response.status_code == 200
    assert media_type(response) == "application/ld+json"
    published: dict[str, Any] = response.json()["@context"]
    return published


@pytest.fixture(scope="module")
def examples(store: OxigraphStore) -> dict[str, str]:
    return {kind: first(store, pattern) for kind, pattern in KINDS.items()}


@pytest.fixture(scope="module")
def mandate(examples: dict[str, str]) -> str:
    return examples["mandate"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/html", "text/html"),
        (BROWSER, "text/html"),
        ("text/turtle;q=0.4, application/rdf+xml;q=0.8", "application/rdf+xml"),
        ("application/ld+json;q=0.5, text/html;q=0.1", "application/ld+json"),
        ("image/png, */*;q=0.1", "text/turtle"),
    ],
)
@pytest.mark.parametrize("kind", ["mandate", "plan"])
def test_linked_resources_conneg_table(
    client: TestClient, examples: dict[str, str], kind: str, accept: str | None, expected: str
) -> None:
    iri = examples[kind]
    headers = {} if accept is None else {"Accept": accept}
    response = client.get(path(iri), headers=headers)
    assert response.status_code == 200, response.text[:300]
    assert media_type(response) == expected
    assert "accept" in response.headers["vary"].lower()
    assert links(response)[0] == f'<{iri}>; rel="canonical"'


@pytest.mark.parametrize("fmt", list(FORMAT_TYPES))
@pytest.mark.parametrize("kind", ["mandate", "plan"])
def test_linked_resources_format_parameter(
    client: TestClient, examples: dict[str, str], kind: str, fmt: str
) -> None:
    response = client.get(
        path(examples[kind]), params={"format": fmt}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 200
    assert media_type(response) == FORMAT_TYPES[fmt]
    assert "accept" in response.headers["vary"].lower()


@pytest.mark.parametrize("kind", list(KINDS))
def test_linked_resources_every_kind_in_every_format(
    client: TestClient,
    store: OxigraphStore,
    context: dict[str, Any],
    examples: dict[str, str],
    kind: str,
) -> None:
    iri = examples[kind]
    graphs = {}
    for fmt, kind_type in FORMAT_TYPES.items():
        response = client.get(path(iri), params={"format": fmt})
        assert response.status_code == 200, (fmt, response.text[:300])
        assert media_type(response) == kind_type
        canonical, *alternates = links(response)
        assert canonical == f'<{iri}>; rel="canonical"'
        advertised = {a.split('type="')[1].rstrip('"') for a in alternates}
        assert advertised == set(FORMAT_TYPES.values()) - {kind_type}
        if fmt != "html":
            graphs[fmt] = graph_of(response, context)
    subject = rdflib.URIRef(iri)
    expected = {
        (rdflib.URIRef(r["p"]), r["o"])
        for r in rows(store, f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}")
    }
    turtle = graphs["turtle"]
    assert {(p, str(o)) for p, o in turtle.predicate_objects(subject)} == expected
    for fmt, g in graphs.items():
        assert isomorphic(g, turtle), f"{fmt} says something else than Turtle"


def test_linked_resources_mandate_text_and_provenance(
    client: TestClient, store: OxigraphStore, mandate: str
) -> None:
    g = parse_rdf(client.get(path(mandate), headers={"Accept": "text/turtle"}).content, "turtle")
    m = rdflib.URIRef(mandate)
    readings = rows(
        store,
        f"SELECT ?text ?reading ?source ?start ?end ?exact WHERE {{ <{mandate}> celac:text ?text ; "
        "prov:wasDerivedFrom ?reading . ?reading oa:hasSource ?source ; oa:hasSelector ?pos, ?quote . "
        "?pos oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact }",
    )
    assert readings
    assert g.value(m, RDF.type) == CELAC.Mandate
    assert str(g.value(m, CELAC.text)) == readings[0]["text"]
    for row in readings:
        reading = rdflib.URIRef(row["reading"])
        assert reading.startswith(mandate + "#")
        assert (m, PROV.wasDerivedFrom, reading) in g
        assert g.value(reading, OA.hasSource) == rdflib.URIRef(row["source"])
        said = {
            (str(p), str(o))
            for s in g.objects(reading, OA.hasSelector)
            for p, o in g.predicate_objects(s)
            if p in (OA.start, OA.end, OA.exact)
        }
        assert said == {
            (str(OA.start), row["start"]),
            (str(OA.end), row["end"]),
            (str(OA.exact), row["exact"]),
        }
    # the labels of what it links to: its plan, its themes, its type
    plan = g.value(m, CELAC.inPlan)
    assert plan is not None and g.value(plan, RDFS.label) is not None
    assert g.value(CELAC.Mandate, RDFS.label) is not None


def test_linked_resources_incoming_links_and_continuations(
    client: TestClient, store: OxigraphStore, examples: dict[str, str]
) -> None:
    earlier = examples["earlier mandate of a continuation"]
    g = parse_rdf(client.get(path(earlier), headers={"Accept": "text/turtle"}).content, "turtle")
    continuations = {
        r["c"] for r in rows(store, f"SELECT ?c WHERE {{ ?c prov:entity <{earlier}> }}")
    }
    assert continuations
    assert {str(c) for c in g.subjects(PROV.entity, rdflib.URIRef(earlier))} == continuations
    areas = set(g.subjects(CELAC.hasMandate, rdflib.URIRef(earlier)))
    assert len(areas) == 1 and g.value(areas.pop(), RDFS.label) is not None


@pytest.mark.parametrize("fragment", ["#from-", "#mention-", "#continues-", "#time"])
def test_linked_resources_fragment_iris_resolve_to_their_document(
    client: TestClient, store: OxigraphStore, fragment: str
) -> None:
    iri = rows(
        store,
        f'SELECT (MIN(STR(?s)) AS ?x) WHERE {{ ?s ?p ?o FILTER(CONTAINS(STR(?s), "{fragment}")) }}',
    )[0]["x"]
    document = iri.split("#")[0]
    # An HTTP client drops the fragment: the request is for the document.
    response = client.get(path(iri), headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert links(response)[0] == f'<{document}>; rel="canonical"'
    g = parse_rdf(response.content, "turtle")
    expected = {r["p"] for r in rows(store, f"SELECT ?p WHERE {{ <{iri}> ?p ?o }}")}
    assert {str(p) for p in g.predicates(rdflib.URIRef(iri))} == expected


def test_linked_resources_encoded_hash_redirects_to_the_document(
    client: TestClient, mandate: str
) -> None:
    reading = f"{mandate}#from-x"
    response = client.get(path(mandate) + "%23from-x", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == path(reading)


def test_linked_resources_percent_encoding(client: TestClient, examples: dict[str, str]) -> None:
    iri = examples["method"]  # id/method/tracer/0.x: a dot and dashes
    local = path(iri)
    encoded = local.replace(".", "%2E").replace("-", "%2d")
    assert encoded != local
    plain = client.get(local, headers={"Accept": "application/n-triples"})
    same = client.get(encoded, headers={"Accept": "application/n-triples"})
    assert same.status_code == 200 and same.content == plain.content
    assert links(same)[0] == f'<{iri}>; rel="canonical"'
    # %2F is not a "/": another IRI, which the graph does not know
    slashed = local.replace("/", "%2F").replace("%2F", "/", 2)
    assert client.get(slashed, headers={"Accept": "text/turtle"}).status_code == 404


def test_linked_resources_non_ascii_iri(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    iri = f"{ID}place/bogotá"
    label = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    write_store(
        tmp_path / "store",
        [
            Quad(
                NamedNode(iri),
                NamedNode(str(label)),
                Literal("Bogotá", language="es"),
                DefaultGraph(),
            )
        ],
    )
    client = TestClient(create_app(Settings(data=tmp_path / "store")))
    response = client.get("/id/place/bogot%C3%A1", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert links(response)[0] == f'<{ID}place/bogot%C3%A1>; rel="canonical"'
    g = parse_rdf(response.content, "turtle")
    assert str(g.value(rdflib.URIRef(iri), label)) == "Bogotá"
    # the same IRI with its "á" decomposed is another IRI
    assert (
        client.get("/id/place/bogota%CC%81", headers={"Accept": "text/turtle"}).status_code == 404
    )


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        (None, "text/turtle"),
    ],
)
def test_linked_resources_unknown_iri_is_404_rdf(
    client: TestClient, context: dict[str, Any], accept: str | None, expected: str
) -> None:
    iri = f"{ID}plan/no-such-plan/area/9"
    response = client.get(path(iri), headers={} if accept is None else {"Accept": accept})
    assert response.status_code == 404
    assert media_type(response) == expected
    assert "accept" in response.headers["vary"].lower()
    assert iri in response.text
    assert len(graph_of(response, context)) == 0


def test_linked_resources_unknown_iri_is_404_page(client: TestClient) -> None:
    response = client.get("/id/plan/no-such-plan", headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert media_type(response) == "text/html"
    assert "accept" in response.headers["vary"].lower()
    assert f"{ID}plan/no-such-plan" in response.text


def test_linked_resources_page_links_canonical_and_formats(
    client: TestClient, mandate: str
) -> None:
    response = client.get(path(mandate), headers={"Accept": BROWSER})
    assert response.status_code == 200 and media_type(response) == "text/html"
    assert "accept" in response.headers["vary"].lower()
    canonical, *alternates = links(response)
    assert canonical == f'<{mandate}>; rel="canonical"'
    assert len(alternates) == 4 and not any('type="text/html"' in a for a in alternates)
    for a in alternates:
        target = a.split(">")[0].lstrip("<")
        assert client.get(target).status_code == 200


def test_linked_resources_not_acceptable(client: TestClient, mandate: str) -> None:
    response = client.get(path(mandate), headers={"Accept": "image/png, application/pdf"})
    assert response.status_code == 406
    assert "accept" in response.headers["vary"].lower()
    assert "image/png" in response.text and "text/turtle" in response.text


def test_linked_resources_unknown_format(client: TestClient, mandate: str) -> None:
    response = client.get(path(mandate), params={"format": "yaml"})
    assert response.status_code == 400
    assert "'yaml'" in response.text and "turtle" in response.text


def test_linked_resources_head(client: TestClient, mandate: str) -> None:
    get = client.get(path(mandate), headers={"Accept": "text/turtle"})
    head = client.head(path(mandate), headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["link"] == get.headers["link"]


def test_linked_resources_every_mandate_in_turtle(client: TestClient, store: OxigraphStore) -> None:
    mandates = {
        r["m"]: r["text"]
        for r in rows(store, "SELECT ?m ?text WHERE { ?m a celac:Mandate ; celac:text ?text }")
    }
    assert mandates
    for iri, text in mandates.items():
        response = client.get(path(iri), headers={"Accept": "text/turtle"})
        assert response.status_code == 200, iri
        assert media_type(response) == "text/turtle"
        g = parse_rdf(response.content, "turtle")
        m = rdflib.URIRef(iri)
        assert (m, RDF.type, CELAC.Mandate) in g, iri
        assert str(g.value(m, CELAC.text)) == text, iri


def test_linked_resources_jsonld_with_the_context_fetched_by_rdflib(
    live_server: str, client: TestClient, mandate: str
) -> None:
    """A JSON-LD client that dereferences the context itself gets the same graph as Turtle: the
    context is named by its canonical IRI, and served at that IRI's path (where w3id.org sends
    a client; this test, offline, asks the live server for the path)."""
    url = live_server + path(mandate)
    with urlopen(url + "?format=jsonld") as r:
        document = json.loads(r.read())
    canonical = "https://w3id.org/celac-kg/context.jsonld"
    assert document["@context"] == canonical
    with urlopen(live_server + "/" + canonical.removeprefix("https://w3id.org/celac-kg/")) as r:
        document["@context"] = json.loads(r.read())["@context"]
    got = parse_rdf(json.dumps(document), "json-ld")
    turtle = parse_rdf(
        client.get(path(mandate), headers={"Accept": "text/turtle"}).content, "turtle"
    )
    assert len(got) == len(turtle) > 0
    assert isomorphic(got, turtle)


@pytest.mark.parametrize(
    ("target", "held"),
    [
        ('/id/plan/a"b', '"'),
        ("/id/plan/a{b}", "{}"),
        ("/id/plan/a<b>", "<>"),
        ("/id/plan/a\\b", "\\"),
        ("/id/plan/a|b", "|"),
    ],
)
def test_linked_resources_path_that_is_no_iri_is_400(
    live_server: str, target: str, held: str
) -> None:
    """Characters no IRI holds, sent unencoded (HTTP clients encode them; this one does not)."""
    parts = urlsplit(live_server)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.putheader("Accept", "text/turtle")
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode()
    finally:
        connection.close()
    assert response.status == 400
    assert "accept" in (response.getheader("vary") or "").lower()
    assert repr(BASE + target[1:]) in body and "is not an IRI" in body
    for c in held:
        assert repr(c) in body
