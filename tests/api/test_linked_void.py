"""``/.well-known/void``: the VoID and DCAT description of the dataset, over HTTP, checked
against counts the test asks the store for and the dump files on disk."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import rdflib
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad
from query_results import rows
from rdf_responses import isomorphic, media_type, parse_rdf
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from api.main import create_app
from api.settings import Settings
from graph.oxigraph import write_store

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from httpx2 import Response

    from celac_kg.build import BuildSummary
    from graph.oxigraph import OxigraphStore

BASE = "https://w3id.org/celac-kg/"
DATASET = rdflib.URIRef(f"{BASE}id/dataset")
CELAC = rdflib.Namespace(f"{BASE}ontology#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SYNTAX = {
    "text/turtle": "turtle",
    "text/plain": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def graph_of(response: Response, context: dict[str, Any] | None = None) -> rdflib.Graph:
    kind = media_type(response)
    body: bytes | str = response.content
    if kind == "application/ld+json":
        document = response.json()
        document["@context"] = context
        body = json.dumps(document)
    return parse_rdf(body, SYNTAX[kind])


def local(iri: object) -> str:
    text = str(iri)
    assert text.startswith(BASE), text
    return "/" + text[len(BASE) :]


def count(store: OxigraphStore, query: str) -> int:
    return int(rows(store, query)[0]["n"])


def number(g: rdflib.Graph, s: rdflib.term.Node, p: rdflib.URIRef) -> int:
    value = g.value(s, p)
    assert isinstance(value, rdflib.Literal), (s, p)
    return int(value)


def partition(g: rdflib.Graph, dataset: rdflib.term.Node, cls: rdflib.URIRef) -> int:
    found = [p for p in g.objects(dataset, VOID.classPartition) if g.value(p, VOID["class"]) == cls]
    assert len(found) == 1, (dataset, cls)
    return number(g, found[0], VOID.entities)


@pytest.fixture(scope="module")
def void(client: TestClient) -> rdflib.Graph:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    return graph_of(response)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        (BROWSER, "text/plain"),
    ],
)
def test_linked_void_conneg(
    client: TestClient, void: rdflib.Graph, accept: str | None, expected: str
) -> None:
    response = client.get("/.well-known/void", headers={} if accept is None else {"Accept": accept})
    assert response.status_code == 200
    assert media_type(response) == expected
    assert "accept" in response.headers["vary"].lower()
    assert response.headers["link"].startswith(f'<{BASE}.well-known/void>; rel="canonical"')
    context = client.get("/context.jsonld").json()["@context"]
    assert isomorphic(graph_of(response, context), void)


def test_linked_void_dataset_title_licence_and_time(
    void: rdflib.Graph, store: OxigraphStore
) -> None:
    assert (DATASET, RDF.type, VOID.Dataset) in void
    assert (DATASET, RDF.type, DCAT.Dataset) in void
    titles = list(void.objects(DATASET, DCTERMS.title))
    assert {t.language for t in titles if isinstance(t, rdflib.Literal)} == {"es", "en"}
    assert void.value(DATASET, DCTERMS.license) == rdflib.URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    for description in void.objects(DATASET, DCTERMS.description):
        assert "CC BY 4.0" in str(description) and "MIT" in str(description)
    ended = rows(store, "SELECT ?t WHERE { id:build prov:endedAtTime ?t }")[0]["t"]
    modified = void.value(DATASET, DCTERMS.modified)
    assert isinstance(modified, rdflib.Literal) and modified.datatype == XSD.dateTime
    assert modified.toPython() == datetime.fromisoformat(ended)


def test_linked_void_counts(void: rdflib.Graph, store: OxigraphStore) -> None:
    assert number(void, DATASET, VOID.triples) == count(
        store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"
    )
    assert number(void, DATASET, VOID.entities) == count(
        store,
        f'SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id/")) }}',
    )
    assert number(void, DATASET, VOID.classes) == count(
        store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }"
    )
    assert number(void, DATASET, VOID.properties) == count(
        store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }"
    )
    for cls in ("Plan", "Area", "Mandate", "Meeting", "Actor", "Continuation"):
        assert partition(void, DATASET, CELAC[cls]) == count(
            store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a celac:{cls} }}"
        )


def test_linked_void_one_subset_per_plan(void: rdflib.Graph, store: OxigraphStore) -> None:
    plans = rows(store, "SELECT ?g ?plan WHERE { GRAPH ?g { ?plan a celac:Plan } }")
    assert plans
    subsets = set(void.objects(DATASET, VOID.subset))
    for row in plans:
        graph = rdflib.URIRef(row["g"])
        assert graph in subsets
        assert void.value(graph, VOID.rootResource) == rdflib.URIRef(row["plan"])
        assert number(void, graph, VOID.triples) == count(
            store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )
        assert partition(void, graph, CELAC.Mandate) == count(
            store,
            f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?m a celac:Mandate }} }}",
        )
        assert number(void, graph, VOID.entities) > 0


def test_linked_void_endpoint_space_examples_vocabularies(
    void: rdflib.Graph, client: TestClient
) -> None:
    endpoint = void.value(DATASET, VOID.sparqlEndpoint)
    assert endpoint == rdflib.URIRef(f"{BASE}sparql")
    answer = client.get(
        local(endpoint),
        params={"query": "ASK { ?s a celac:Mandate }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200 and answer.json()["boolean"] is True
    assert str(void.value(DATASET, VOID.uriSpace)) == f"{BASE}id/"
    examples = list(void.objects(DATASET, VOID.exampleResource))
    assert len(examples) >= 5
    for example in examples:
        response = client.get(local(example), headers={"Accept": "text/turtle"})
        assert response.status_code == 200, example
        assert (example, None, None) in graph_of(response)
    vocabularies = set(void.objects(DATASET, VOID.vocabulary))
    assert (
        rdflib.URIRef(str(CELAC)) in vocabularies
        and rdflib.URIRef(f"{BASE}ontology") in vocabularies
    )
    assert rdflib.URIRef("http://www.w3.org/ns/oa#") in vocabularies


def test_linked_void_distributions_are_the_dumps(
    void: rdflib.Graph, client: TestClient, built: BuildSummary
) -> None:
    files = {path.name: path for path in built.publication.dumps.values()}
    distributions = list(void.objects(DATASET, DCAT.distribution))
    assert len(distributions) == len(files) == 3
    media_types = set()
    for dist in distributions:
        assert (dist, RDF.type, DCAT.Distribution) in void
        url = void.value(dist, DCAT.downloadURL)
        assert url is not None and (DATASET, VOID.dataDump, url) in void
        name = str(url).rsplit("/", 1)[-1]
        size = number(void, dist, DCAT.byteSize)
        assert size == files[name].stat().st_size
        media = str(void.value(dist, DCAT.mediaType)).removeprefix(
            "https://www.iana.org/assignments/media-types/"
        )
        media_types.add(media)
        head = client.head(local(url))
        assert head.status_code == 200
        assert int(head.headers["content-length"]) == size
        assert media_type(head) == media
    assert media_types == {"text/turtle", "application/n-quads", "application/ld+json"}


def test_linked_void_parts_resolve(void: rdflib.Graph, client: TestClient) -> None:
    response = client.get("/id/dataset", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["link"].startswith(f'<{DATASET}>; rel="canonical"')
    described = graph_of(response)
    assert (DATASET, VOID.triples, void.value(DATASET, VOID.triples)) in described
    assert set(described) <= set(void)
    for subset in void.objects(DATASET, VOID.subset):
        if not str(subset).startswith(f"{BASE}id/"):
            continue  # the ontology's graph: described at /ontology
        part = client.get(local(subset), headers={"Accept": "text/turtle"})
        assert part.status_code == 200, subset
        g = graph_of(part)
        assert (subset, VOID.triples, void.value(subset, VOID.triples)) in g
        assert set(g) <= set(void)
    page = client.get("/id/dataset", headers={"Accept": BROWSER})
    assert page.status_code == 200 and media_type(page) == "text/plain"


def test_linked_void_without_dumps(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    iri = f"{BASE}id/plan/only"
    write_store(
        tmp_path / "store",
        [
            Quad(
                NamedNode(iri),
                NamedNode(str(RDF.type)),
                NamedNode(str(CELAC.Plan)),
                NamedNode(f"{BASE}id/graph/only"),
            ),
            Quad(
                NamedNode(iri),
                NamedNode(str(DCTERMS.identifier)),
                Literal("ONLY"),
                NamedNode(f"{BASE}id/graph/only"),
            ),
            Quad(NamedNode(iri), NamedNode(str(DCTERMS.title)), Literal("x"), DefaultGraph()),
        ],
    )
    client = TestClient(create_app(Settings(data=tmp_path / "store")))
    g = graph_of(client.get("/.well-known/void"))
    assert list(g.objects(DATASET, DCAT.distribution)) == []
    assert number(g, DATASET, VOID.triples) == 3
    assert number(g, rdflib.URIRef(f"{BASE}id/graph/only"), VOID.triples) == 2
    for name in ("celac-kg.ttl", "celac-kg.nq", "celac-kg.jsonld"):
        response = client.get(f"/dumps/{name}")
        assert response.status_code == 404
        assert name in response.text
