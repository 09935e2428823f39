"""The ontology at ``/ontology`` (a readable page, and its RDF) and the shapes at ``/shapes``,
over HTTP: content negotiation, every format parsed with rdflib and compared with the file, and
the page's terms against the ontology file."""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Any

import pytest
import rdflib
from rdf_responses import isomorphic, media_type, parse_rdf
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.namespaces import PREFIXES
from graph.paths import ONTOLOGY_DIR, SHAPES_DIR

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from httpx2 import Response
    from playwright.sync_api import Browser

ONTOLOGY = "https://w3id.org/celac-kg/ontology"
SHAPES = "https://w3id.org/celac-kg/shapes"
CELAC = rdflib.Namespace(ONTOLOGY + "#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
SYNTAX = {
    "text/turtle": "turtle",
    "text/plain": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
FORMATS = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}


def graph_of(response: Response, context: dict[str, Any]) -> rdflib.Graph:
    kind = media_type(response)
    body: bytes | str = response.content
    if kind == "application/ld+json":
        document = response.json()
        assert document["@context"] == "https://w3id.org/celac-kg/context.jsonld"
        document["@context"] = context
        body = json.dumps(document)
    return parse_rdf(body, SYNTAX[kind])


def text_of(body: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="module")
def context(client: TestClient) -> dict[str, Any]:
    published: dict[str, Any] = client.get("/context.jsonld").json()["@context"]
    return published


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_DIR / "celac.ttl", format="turtle")


def test_linked_documents_context_is_the_prefixes(client: TestClient) -> None:
    response = client.get("/context.jsonld")
    assert response.status_code == 200
    assert media_type(response) == "application/ld+json"
    published = response.json()["@context"]
    assert {k: published[k] for k in PREFIXES} == PREFIXES


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/html", "text/html"),
        (BROWSER, "text/html"),
        ("application/rdf+xml;q=0.3, application/ld+json;q=0.6", "application/ld+json"),
    ],
)
def test_linked_documents_ontology_conneg(
    client: TestClient, accept: str | None, expected: str
) -> None:
    response = client.get("/ontology", headers={} if accept is None else {"Accept": accept})
    assert response.status_code == 200
    assert media_type(response) == expected
    assert "accept" in response.headers["vary"].lower()
    assert response.headers["link"].startswith(f'<{ONTOLOGY}>; rel="canonical"')


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        (BROWSER, "text/plain"),  # no page: the Turtle, to read
    ],
)
def test_linked_documents_shapes_conneg(
    client: TestClient, accept: str | None, expected: str
) -> None:
    response = client.get("/shapes", headers={} if accept is None else {"Accept": accept})
    assert response.status_code == 200
    assert media_type(response) == expected
    assert "accept" in response.headers["vary"].lower()
    assert response.headers["link"].startswith(f'<{SHAPES}>; rel="canonical"')


@pytest.mark.parametrize(
    ("path", "file"),
    [("/ontology", ONTOLOGY_DIR / "celac.ttl"), ("/shapes", SHAPES_DIR / "celac.ttl")],
)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_linked_documents_every_format_says_what_the_file_says(
    client: TestClient, context: dict[str, Any], path: str, file: Any, fmt: str
) -> None:
    response = client.get(path, params={"format": fmt})
    assert response.status_code == 200
    assert media_type(response) == FORMATS[fmt]
    if fmt == "turtle":
        assert response.content == file.read_bytes()
    expected = rdflib.Graph().parse(file, format="turtle")
    got = graph_of(response, context)
    assert len(got) == len(expected)
    assert isomorphic(got, expected)


@pytest.mark.parametrize("path", ["/ontology", "/shapes"])
def test_linked_documents_errors(client: TestClient, path: str) -> None:
    refused = client.get(path, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "accept" in refused.headers["vary"].lower()
    unknown = client.get(path, params={"format": "csv"})
    assert unknown.status_code == 400 and "'csv'" in unknown.text


def test_linked_documents_ontology_page_has_every_term(
    client: TestClient, ontology: rdflib.Graph
) -> None:
    response = client.get("/ontology", headers={"Accept": BROWSER})
    body = response.text
    text = text_of(body)
    terms = [
        s
        for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, cls)
        if isinstance(s, rdflib.URIRef) and s.startswith(CELAC)
    ]
    assert terms
    for term in terms:
        anchor = term[len(CELAC) :]
        assert f'id="{anchor}"' in body, anchor
        article = body.split(f'id="{anchor}"', 1)[1].split("</article>", 1)[0]
        words = text_of(article)
        for literal in [
            *ontology.objects(term, RDFS.label),
            *ontology.objects(term, SKOS.definition),
        ]:
            assert str(literal) in words, (anchor, str(literal))
        for domain in ontology.objects(term, RDFS.domain):
            if isinstance(domain, rdflib.URIRef) and domain.startswith(CELAC):
                assert f'href="#{domain[len(CELAC) :]}"' in article, (anchor, domain)
    # a union domain names each of its classes
    article = body.split('id="inPlan"', 1)[1].split("</article>", 1)[0]
    assert 'href="#Area"' in article and 'href="#Mandate"' in article
    # the kinds of actor, each linked to its own page
    for kind in ontology.subjects(
        SKOS.inScheme, rdflib.URIRef("https://w3id.org/celac-kg/id/kind")
    ):
        local = "/id/kind/" + str(kind).rsplit("/", 1)[-1]
        assert f'href="{local}"' in body
    for title in ontology.objects(
        rdflib.URIRef(ONTOLOGY), rdflib.URIRef("http://purl.org/dc/terms/title")
    ):
        assert str(title) in text
    assert response.headers["link"].startswith(f'<{ONTOLOGY}>; rel="canonical"')
    assert '<link rel="canonical" href="https://w3id.org/celac-kg/ontology">' in body


def test_linked_documents_ontology_page_in_english(client: TestClient) -> None:
    spanish = text_of(
        client.get("/ontology", headers={"Accept": "text/html", "Accept-Language": "es"}).text
    )
    english = text_of(
        client.get("/ontology", headers={"Accept": "text/html", "Accept-Language": "en"}).text
    )
    assert "Propiedades de objeto" in spanish and "Object properties" in english
    assert "Object properties" not in spanish


def test_linked_documents_term_iri_lands_on_its_anchor(browser: Browser, live_server: str) -> None:
    """``/ontology#Mandate``, as a browser follows it, scrolls to the term."""
    context = browser.new_context(viewport={"width": 400, "height": 700})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/ontology#Mandate")
        term = page.locator("article#Mandate")
        assert term.locator("h3").inner_text().startswith(("mandato", "mandate"))
        top = page.evaluate("document.getElementById('Mandate').getBoundingClientRect().top")
        assert 0 <= top < 50
        assert page.evaluate("document.querySelector(':target').id") == "Mandate"
    finally:
        context.close()
