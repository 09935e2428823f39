"""The formats linked data is served in, how one is chosen for a request, and how triples are
written in each.

A format is chosen by ``?format=`` when it is given (a name such as ``turtle``, an extension
such as ``ttl``, or a media type), else by ``Accept`` with its q-values (:func:`api.conneg.negotiate`);
ties go to the order offered, so a client that accepts anything gets Turtle.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat, Triple

from api.conneg import negotiate
from api.errors import UnknownFormat as UnknownFormat
from api.linked.context import NAMESPACES, compact
from graph.namespaces import PREFIXES


@dataclass(frozen=True)
class Format:
    """One way to answer: ``name`` for ``?format=``, the ``media_type`` sent, the RDF ``syntax``
    written (None for the HTML page), and other media types a client may ask it by."""

    name: str
    media_type: str
    syntax: RdfFormat | None
    also: tuple[str, ...] = ()


TURTLE = Format("turtle", "text/turtle", RdfFormat.TURTLE, ("application/x-turtle",))
JSONLD = Format("jsonld", "application/ld+json", RdfFormat.JSON_LD, ("application/json",))
NTRIPLES = Format("ntriples", "application/n-triples", RdfFormat.N_TRIPLES)
RDFXML = Format("rdfxml", "application/rdf+xml", RdfFormat.RDF_XML, ("application/xml", "text/xml"))
HTML = Format("html", "text/html", None, ("application/xhtml+xml",))
# Where there is no page (the shapes, VoID): a browser gets the Turtle as plain text to read.
READABLE = Format("html", "text/plain", RdfFormat.TURTLE, ("text/html", "application/xhtml+xml"))

RDF = (TURTLE, JSONLD, NTRIPLES, RDFXML)
# The order breaks ties: a client accepting */* (curl, most libraries) gets Turtle.
WITH_PAGE = (TURTLE, HTML, JSONLD, NTRIPLES, RDFXML)
WITHOUT_PAGE = (TURTLE, READABLE, JSONLD, NTRIPLES, RDFXML)

ALIASES = {
    "ttl": "turtle",
    "json-ld": "jsonld",
    "json": "jsonld",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "rdf": "rdfxml",
    "xml": "rdfxml",
    "rdf-xml": "rdfxml",
}

# Turtle and RDF/XML declare these prefixes; not ``id:``, whose local names would need escaping
# (``id:plan\/celac-2014``): the graph's own IRIs are written whole.
GRAPH_PREFIXES = {p: ns for p, ns in PREFIXES.items() if p != "id"}
ALL_PREFIXES = {p: ns for p, ns in NAMESPACES.items() if p != "id"}


def choose(
    offered: Sequence[Format], accept: str | None, format_param: str | None
) -> Format | None:
    """The format to answer in: the one ``?format=`` names, else the best for ``Accept``; None
    when the client accepts none of those offered (answer 406).

    Raises:
        UnknownFormat: ``format_param`` names none of the formats offered.
    """
    if format_param is not None:
        value = format_param.strip().lower()
        name = ALIASES.get(value, value)
        for f in offered:
            if name == f.name or value == f.media_type or value in f.also:
                return f
        raise UnknownFormat(
            f"format={format_param!r} is not a format offered here: expected one of "
            + ", ".join(f.name for f in offered)
        )
    primary = [f.media_type for f in offered]
    others = [t for f in offered for t in f.also if t not in primary]
    media_type = negotiate(accept, primary + others)
    if media_type is None:
        return None
    return next(f for f in offered if media_type == f.media_type or media_type in f.also)


def grouped(triples: Iterable[Triple], lead: Sequence[str] = ()) -> list[Triple]:
    """``triples`` with each subject's together: the subjects in ``lead`` first, in that order,
    then the others by IRI (blank nodes last); each subject's triples in the order given, so
    that Turtle writes each subject once."""
    rank = {iri: i for i, iri in enumerate(lead)}
    last = len(lead)

    def key(t: Triple) -> tuple[int, int, str]:
        s = t.subject
        if isinstance(s, NamedNode):
            return (rank.get(s.value, last), 0, s.value)
        return (last, 1, str(s))

    return sorted(triples, key=key)


def serialize(
    triples: Sequence[Triple],
    fmt: Format,
    context_url: str,
    prefixes: Mapping[str, str] = GRAPH_PREFIXES,
) -> bytes:
    """``triples`` written in ``fmt``, declaring ``prefixes`` where the syntax has them; JSON-LD
    is compacted against the context at ``context_url`` (see :mod:`api.linked.context`).

    Raises:
        ValueError: ``fmt`` is the HTML page, which is not written from triples.
    """
    if fmt.syntax is None:
        raise ValueError(f"the format {fmt.name!r} is a page, not an RDF syntax")
    if fmt.syntax == RdfFormat.JSON_LD:
        expanded = json.loads(pyoxigraph.serialize(triples, format=RdfFormat.JSON_LD) or b"[]")
        document = compact(expanded, context_url)
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    out = pyoxigraph.serialize(triples, format=fmt.syntax, prefixes=dict(prefixes))
    assert out is not None
    return out


def empty_document(fmt: Format, message: str, context_url: str) -> bytes:
    """A document of ``fmt`` that states no triple and says ``message`` (a comment where the
    syntax has one): the body of a 404 for an RDF client."""
    line = " ".join(message.split())
    if fmt.syntax == RdfFormat.JSON_LD:
        return json.dumps(
            {"@context": context_url, "@graph": [], "detail": line}, ensure_ascii=False
        ).encode("utf-8")
    if fmt.syntax == RdfFormat.RDF_XML:
        comment = line.replace("--", "- -")
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<!-- {comment} -->\n"
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
        ).encode()
    return f"# {line}\n".encode()


def as_uri(iri: str) -> str:
    """``iri`` with its non-ASCII characters percent-encoded (RFC 3987 §3.1), fit for a header."""
    return quote(iri, safe="!#$%&'()*+,/:;=?@[]~-._")


def link_header(canonical: str, path: str, offered: Sequence[Format], served: Format | None) -> str:
    """The ``Link`` header of a response about ``canonical`` served at ``path``: the canonical
    IRI, and each other format offered as an alternate. https://www.rfc-editor.org/rfc/rfc8288"""
    links = [f'<{as_uri(canonical)}>; rel="canonical"']
    links += [
        f'<{as_uri(path)}?format={f.name}>; rel="alternate"; type="{f.media_type}"'
        for f in offered
        if f != served
    ]
    return ", ".join(links)
