"""The formats of linked data: how one is chosen (tables of Accept headers and ?format= values),
what the Link header says, and the bodies of a 404 for RDF clients."""

from __future__ import annotations

import json

import pytest
from rdf_responses import parse_rdf

from api.linked.formats import (
    HTML,
    JSONLD,
    NTRIPLES,
    RDF,
    RDFXML,
    READABLE,
    TURTLE,
    WITH_PAGE,
    WITHOUT_PAGE,
    Format,
    UnknownFormat,
    as_uri,
    choose,
    empty_document,
    link_header,
)

FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
CHROME = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
    "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, TURTLE),
        ("", TURTLE),
        ("*/*", TURTLE),
        ("text/*", TURTLE),
        ("text/turtle", TURTLE),
        ("application/x-turtle", TURTLE),
        ("application/ld+json", JSONLD),
        ("application/json", JSONLD),
        ("application/n-triples", NTRIPLES),
        ("application/rdf+xml", RDFXML),
        ("application/xml", RDFXML),
        ("text/xml", RDFXML),
        ("text/html", HTML),
        ("application/xhtml+xml", HTML),
        (FIREFOX, HTML),
        (CHROME, HTML),
        ("text/turtle;q=0.5, application/ld+json", JSONLD),
        ("application/ld+json;q=0.2, text/turtle;q=0.9, */*;q=0.1", TURTLE),
        ("application/rdf+xml, text/turtle;q=0.9", RDFXML),
        ("text/html;q=0.1, application/n-triples;q=0.3", NTRIPLES),
        ("*/*;q=0.1, text/html", HTML),
        ("image/png, */*;q=0.5", TURTLE),
        ("image/png", None),
        ("text/turtle;q=0", None),
        ("application/sparql-results+json", None),
    ],
)
def test_linked_formats_accept_with_page(accept: str | None, expected: Format | None) -> None:
    assert choose(WITH_PAGE, accept, None) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, TURTLE),
        ("*/*", TURTLE),
        (FIREFOX, READABLE),
        ("text/html", READABLE),
        ("text/plain", READABLE),
        ("application/ld+json", JSONLD),
        ("application/rdf+xml", RDFXML),
        ("application/n-triples", NTRIPLES),
        ("image/png", None),
    ],
)
def test_linked_formats_accept_without_page(accept: str | None, expected: Format | None) -> None:
    chosen = choose(WITHOUT_PAGE, accept, None)
    assert chosen == expected
    if chosen == READABLE:
        assert chosen.media_type == "text/plain"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("turtle", TURTLE),
        ("ttl", TURTLE),
        ("TURTLE", TURTLE),
        ("text/turtle", TURTLE),
        ("jsonld", JSONLD),
        ("json-ld", JSONLD),
        ("application/ld+json", JSONLD),
        ("ntriples", NTRIPLES),
        ("nt", NTRIPLES),
        ("rdfxml", RDFXML),
        ("xml", RDFXML),
        ("html", HTML),
    ],
)
def test_linked_formats_format_parameter_wins_over_accept(value: str, expected: Format) -> None:
    assert choose(WITH_PAGE, "image/png", value) == expected


@pytest.mark.parametrize("value", ["", "yaml", "text/csv", "turtle2", "n3"])
def test_linked_formats_unknown_format_names_value_and_choices(value: str) -> None:
    with pytest.raises(UnknownFormat) as e:
        choose(WITH_PAGE, None, value)
    message = str(e.value)
    assert repr(value) in message
    for f in WITH_PAGE:
        assert f.name in message


def test_linked_formats_link_header_names_canonical_and_every_other_format() -> None:
    iri = "https://w3id.org/celac-kg/id/plan/celac-2014"
    header = link_header(iri, "/id/plan/celac-2014", WITH_PAGE, TURTLE)
    links = [part.strip() for part in header.split(", <")]
    assert links[0] == f'<{iri}>; rel="canonical"'
    alternates = {f.media_type for f in WITH_PAGE if f != TURTLE}
    for media_type in alternates:
        assert sum(f'type="{media_type}"' in link for link in links) == 1
    assert 'type="text/turtle"' not in header
    assert (
        '/id/plan/celac-2014?format=jsonld>; rel="alternate"; type="application/ld+json"' in header
    )


def test_linked_formats_as_uri_encodes_only_what_a_header_cannot_hold() -> None:
    assert as_uri("https://w3id.org/celac-kg/id/place/bogotá") == (
        "https://w3id.org/celac-kg/id/place/bogot%C3%A1"
    )
    kept = "https://w3id.org/celac-kg/id/plan/x/area/1.1#from-a_b~c%2F"
    assert as_uri(kept) == kept


@pytest.mark.parametrize("fmt", RDF, ids=lambda f: f.name)
def test_linked_formats_empty_document_parses_to_no_triples(fmt: Format) -> None:
    message = "Not found: the graph says nothing about <https://w3id.org/celac-kg/id/a--b>."
    body = empty_document(fmt, message, "https://example.org/context.jsonld")
    if fmt == JSONLD:
        document = json.loads(body)
        assert document["@graph"] == [] and document["detail"] == message
        document["@context"] = {}
        body = json.dumps(document).encode()
    else:
        assert b"says nothing about" in body
    g = parse_rdf(body, fmt.media_type)
    assert len(g) == 0
