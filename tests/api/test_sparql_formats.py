"""Result-format choice (``Accept`` and ``format``) and the capped-answer note, as tables."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from api.sparql.errors import BadRequest, NotAcceptable
from api.sparql.formats import (
    CSV,
    GRAPH,
    JSON,
    JSONLD,
    NTRIPLES,
    RDFXML,
    SOLUTIONS,
    TSV,
    TURTLE,
    XML,
    ResultFormat,
    choose,
    mark_capped,
)

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"


@pytest.mark.parametrize(
    ("kind", "accept", "expected"),
    [
        (SOLUTIONS, None, JSON),
        (SOLUTIONS, "", JSON),
        (SOLUTIONS, "*/*", JSON),
        (SOLUTIONS, "application/sparql-results+json", JSON),
        (SOLUTIONS, "application/json", JSON),
        (SOLUTIONS, "application/sparql-results+xml", XML),
        (SOLUTIONS, "application/xml", XML),
        (SOLUTIONS, "text/xml", XML),
        (SOLUTIONS, "text/csv", CSV),
        (SOLUTIONS, "text/tab-separated-values", TSV),
        (SOLUTIONS, "text/*", CSV),
        (SOLUTIONS, "text/csv;q=0.5, text/tab-separated-values", TSV),
        (
            SOLUTIONS,
            "application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.8",
            XML,
        ),
        (SOLUTIONS, "application/sparql-results+json,*/*;q=0.9", JSON),  # YASGUI
        (SOLUTIONS, BROWSER, None),
        (SOLUTIONS, "text/html", None),
        (GRAPH, None, TURTLE),
        (GRAPH, "*/*", TURTLE),
        (GRAPH, "text/turtle", TURTLE),
        (GRAPH, "application/x-turtle", TURTLE),
        (GRAPH, "text/n3", TURTLE),
        (GRAPH, "application/n-triples", NTRIPLES),
        (GRAPH, "text/plain", NTRIPLES),
        (GRAPH, "application/ld+json", JSONLD),
        (GRAPH, "application/json", JSONLD),
        (GRAPH, "application/rdf+xml", RDFXML),
        (GRAPH, "application/xml", RDFXML),
        (GRAPH, "application/n-triples,*/*;q=0.9", NTRIPLES),  # YASGUI
        (GRAPH, "application/rdf+xml;q=0.5, text/turtle;q=0.4", RDFXML),
        (GRAPH, BROWSER, None),
    ],
)
def test_sparql_formats_accept(
    kind: str, accept: str | None, expected: ResultFormat | None
) -> None:
    assert choose(kind, accept) == expected


@pytest.mark.parametrize(
    ("kind", "accept"),
    [
        (SOLUTIONS, "text/turtle"),
        (SOLUTIONS, "image/png"),
        (SOLUTIONS, "application/sparql-results+json;q=0"),
        (GRAPH, "application/sparql-results+json"),
        (GRAPH, "text/csv"),
    ],
)
def test_sparql_formats_not_acceptable(kind: str, accept: str) -> None:
    with pytest.raises(NotAcceptable) as e:
        choose(kind, accept)
    assert accept in e.value.message
    assert "format=" in e.value.message


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        (SOLUTIONS, ["json"], JSON),
        (SOLUTIONS, ["JSON"], JSON),
        (SOLUTIONS, ["xml"], XML),
        (SOLUTIONS, ["csv"], CSV),
        (SOLUTIONS, ["tsv"], TSV),
        (SOLUTIONS, ["text/tab-separated-values"], TSV),
        (SOLUTIONS, ["application/sparql-results+json"], JSON),
        (SOLUTIONS, ["text/csv; charset=utf-8"], CSV),
        (SOLUTIONS, ["html"], None),
        (GRAPH, ["turtle"], TURTLE),
        (GRAPH, ["ttl"], TURTLE),
        (GRAPH, ["n3"], TURTLE),
        (GRAPH, ["ntriples"], NTRIPLES),
        (GRAPH, ["nt"], NTRIPLES),
        (GRAPH, ["jsonld"], JSONLD),
        (GRAPH, ["json"], JSONLD),
        (GRAPH, ["rdfxml"], RDFXML),
        (GRAPH, ["xml"], RDFXML),
        (GRAPH, ["application/rdf+xml"], RDFXML),
        # SPARQLWrapper sends a name and a media type for some formats
        (GRAPH, ["json-ld", "application/ld+json"], JSONLD),
        (GRAPH, ["rdf+xml", "application/rdf+xml"], RDFXML),
        (SOLUTIONS, ["tsv", "text/tab-separated-values"], TSV),
        (SOLUTIONS, ["pdf", "csv"], CSV),
    ],
)
def test_sparql_formats_parameter(
    kind: str, values: list[str], expected: ResultFormat | None
) -> None:
    assert choose(kind, "text/turtle", values) == expected  # the parameter wins over Accept


def test_sparql_formats_parameter_of_the_other_kind() -> None:
    with pytest.raises(NotAcceptable, match="format='turtle' cannot carry the results of a SELECT"):
        choose(SOLUTIONS, None, ["turtle"])
    with pytest.raises(NotAcceptable, match="format='csv' cannot carry the graph"):
        choose(GRAPH, None, ["csv"])


def test_sparql_formats_unknown_parameter() -> None:
    with pytest.raises(BadRequest, match="format='pdf' is not a format this endpoint writes"):
        choose(SOLUTIONS, None, ["pdf"])


LINK = "http://127.0.0.1:8000/sparql#limits"


def test_sparql_formats_mark_capped_json() -> None:
    body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
    marked = json.loads(mark_capped(body, JSON, LINK))
    assert marked["head"] == {"link": [LINK], "vars": ["s"]}
    assert marked["results"] == {"bindings": []}
    assert json.loads(mark_capped(b'{"head":{},"results":{"bindings":[]}}', JSON, LINK))[
        "head"
    ] == {"link": [LINK]}


def test_sparql_formats_mark_capped_xml() -> None:
    ns = "{http://www.w3.org/2005/sparql-results#}"
    body = (
        b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
        b'<variable name="s"/></head><results></results></sparql>'
    )
    head = ET.fromstring(mark_capped(body, XML, LINK + "&x")).find(f"{ns}head")
    assert head is not None
    assert [child.tag for child in head] == [f"{ns}variable", f"{ns}link"]
    assert head[1].get("href") == LINK + "&x"


@pytest.mark.parametrize("fmt", [CSV, TSV, TURTLE, NTRIPLES])
def test_sparql_formats_mark_capped_leaves_other_formats(fmt: ResultFormat) -> None:
    assert mark_capped(b"s\r\nx\r\n", fmt, LINK) == b"s\r\nx\r\n"
