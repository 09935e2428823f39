"""Result formats: which one a request asks for (``Accept`` with q-values, or ``format``), as
constant tables and pure functions, and the note a capped answer carries.

SELECT and ASK answer in the SPARQL 1.1 result formats (JSON, XML, CSV, TSV); CONSTRUCT and
DESCRIBE in RDF (Turtle, N-Triples, JSON-LD, RDF/XML). ``text/html`` is the query editor.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from api.conneg import negotiate
from api.sparql.errors import BadRequest, NotAcceptable

HTML = "text/html"
SOLUTIONS = "solutions"  # SELECT, ASK
GRAPH = "graph"  # CONSTRUCT, DESCRIBE
KIND_OF_FORM = {"SELECT": SOLUTIONS, "ASK": SOLUTIONS, "CONSTRUCT": GRAPH, "DESCRIBE": GRAPH}


@dataclass(frozen=True, slots=True)
class ResultFormat:
    name: str  # the ``format`` parameter's canonical value, and the worker's key
    kind: str  # SOLUTIONS or GRAPH
    media_type: str
    content_type: str  # the Content-Type header: the media type, with a charset for text
    names: tuple[str, ...]  # other values of the ``format`` parameter that ask for it
    accepted: tuple[str, ...]  # other media types an ``Accept`` header may name it by


def _text(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"


JSON = ResultFormat(
    name="json",
    kind=SOLUTIONS,
    media_type="application/sparql-results+json",
    content_type="application/sparql-results+json",
    names=("srj",),
    accepted=("application/json",),
)
XML = ResultFormat(
    name="xml",
    kind=SOLUTIONS,
    media_type="application/sparql-results+xml",
    content_type="application/sparql-results+xml",
    names=("srx",),
    accepted=("application/xml", "text/xml"),
)
CSV = ResultFormat(
    name="csv",
    kind=SOLUTIONS,
    media_type="text/csv",
    content_type=_text("text/csv"),
    names=(),
    accepted=(),
)
TSV = ResultFormat(
    name="tsv",
    kind=SOLUTIONS,
    media_type="text/tab-separated-values",
    content_type=_text("text/tab-separated-values"),
    names=(),
    accepted=(),
)
TURTLE = ResultFormat(
    name="turtle",
    kind=GRAPH,
    media_type="text/turtle",
    content_type=_text("text/turtle"),
    names=("ttl", "n3"),  # Turtle is N3 too
    accepted=("application/x-turtle", "text/n3", "text/rdf+n3"),
)
NTRIPLES = ResultFormat(
    name="ntriples",
    kind=GRAPH,
    media_type="application/n-triples",
    content_type="application/n-triples",
    names=("nt", "n-triples"),
    accepted=("text/plain",),
)
JSONLD = ResultFormat(
    name="jsonld",
    kind=GRAPH,
    media_type="application/ld+json",
    content_type="application/ld+json",
    names=("json-ld", "json"),
    accepted=("application/json",),
)
RDFXML = ResultFormat(
    name="rdfxml",
    kind=GRAPH,
    media_type="application/rdf+xml",
    content_type="application/rdf+xml",
    names=("rdf+xml", "rdf", "xml"),
    accepted=("application/xml", "text/xml"),
)

FORMATS: dict[str, tuple[ResultFormat, ...]] = {
    SOLUTIONS: (JSON, XML, CSV, TSV),
    GRAPH: (TURTLE, NTRIPLES, JSONLD, RDFXML),
}
BY_NAME: dict[str, ResultFormat] = {f.name: f for fs in FORMATS.values() for f in fs}


def _by_media_type(kind: str) -> dict[str, ResultFormat]:
    table: dict[str, ResultFormat] = {}
    for f in FORMATS[kind]:
        table[f.media_type] = f
    for f in FORMATS[kind]:  # aliases after every canonical type: canonical ones win ties
        for alias in f.accepted:
            table.setdefault(alias, f)
    return table


_MEDIA_TYPES = {kind: _by_media_type(kind) for kind in FORMATS}
# What negotiation chooses among, best first: the first wins a tie (``*/*``). HTML comes last, so
# only a client that prefers it (a browser) gets the editor.
OFFERED = {kind: (*_MEDIA_TYPES[kind], HTML) for kind in FORMATS}
_PARAMETER = {
    kind: {
        **{n: f for f in FORMATS[kind] for n in (f.name, *f.names)},
        **_MEDIA_TYPES[kind],
        "html": None,
        HTML: None,
    }
    for kind in FORMATS
}


def choose(kind: str, accept: str | None, format_values: Sequence[str] = ()) -> ResultFormat | None:
    """The format to answer a query of ``kind`` in; None for the HTML editor.

    ``format_values`` (the ``format`` parameter, possibly repeated) win over ``Accept``: the first
    that names a format of this kind is used.

    Raises:
        BadRequest: no ``format`` value names any format.
        NotAcceptable: ``format`` names only formats of the other kind, or ``Accept`` accepts none.
    """
    if format_values:
        return _from_parameter(kind, format_values)
    chosen = negotiate(accept, OFFERED[kind])
    if chosen is None:
        raise NotAcceptable(
            f"None of the media types in 'Accept: {accept}' can carry {_what(kind)}; ask for one "
            f"of {', '.join(OFFERED[kind])}, or pass format={'|'.join(_names(kind))}."
        )
    return None if chosen == HTML else _MEDIA_TYPES[kind][chosen]


def _from_parameter(kind: str, values: Sequence[str]) -> ResultFormat | None:
    table = _PARAMETER[kind]
    other = _PARAMETER[GRAPH if kind == SOLUTIONS else SOLUTIONS]
    for value in values:
        key = value.split(";")[0].strip().lower()
        if key in table:
            return table[key]
    shown = ", ".join(repr(v) for v in values)
    if any(v.split(";")[0].strip().lower() in other for v in values):
        raise NotAcceptable(
            f"format={shown} cannot carry {_what(kind)}; use format={'|'.join(_names(kind))}."
        )
    raise BadRequest(
        f"format={shown} is not a format this endpoint writes; SELECT and ASK results can be "
        f"{'|'.join(_names(SOLUTIONS))}, CONSTRUCT and DESCRIBE results "
        f"{'|'.join(_names(GRAPH))} (or the media types)."
    )


def _names(kind: str) -> list[str]:
    return [f.name for f in FORMATS[kind]]


def _what(kind: str) -> str:
    if kind == SOLUTIONS:
        return "the results of a SELECT or ASK query"
    return "the graph of a CONSTRUCT or DESCRIBE query"


def mark_capped(body: bytes, fmt: ResultFormat, link: str) -> bytes:
    """``body`` with ``link`` (where the cap is explained) in its results head, for the formats
    that have one (JSON's ``head.link``, XML's ``<link>``); clients that ignore links are unaffected.
    """
    if fmt is JSON and body.startswith(b'{"head":{'):
        rest = body[len(b'{"head":{') :]
        sep = b"" if rest.startswith(b"}") else b","
        return b'{"head":{"link":[' + _json_string(link) + b"]" + sep + rest
    if fmt is XML:
        tag = f'<link href="{escape(link)}"/>'.encode()
        if b"</head>" in body:
            return body.replace(b"</head>", tag + b"</head>", 1)
        return body.replace(b"<head/>", b"<head>" + tag + b"</head>", 1)
    return body


def _json_string(text: str) -> bytes:
    return json.dumps(text).encode()
