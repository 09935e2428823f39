"""Where a page links a resource: the graph's own IRIs to their local path, the rest as they are."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from graph.namespaces import BASE, PREFIXES

DATA_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def local(iri: str) -> str:
    """The local path of one of the graph's IRIs (``…/id/plan/x`` → ``/id/plan/x``); any other IRI
    unchanged."""
    if iri.startswith(BASE):
        return "/" + iri[len(BASE) :]
    return iri


def document(iri: str) -> str:
    """The IRI without its fragment: the resource whose page describes ``iri``."""
    return iri.partition("#")[0]


def curie(iri: str) -> str:
    """``iri`` with a project prefix where one fits (``celac:text``), else the whole IRI."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def format_url(iri: str, fmt: str) -> str:
    """The local URL of ``iri``'s data in ``fmt`` (one of :data:`DATA_FORMATS`)."""
    if fmt not in DATA_FORMATS:
        raise ValueError(f"unknown data format {fmt!r}: expected one of {', '.join(DATA_FORMATS)}")
    return f"{local(document(iri))}?{urlencode({'format': fmt})}"


def sparql_url(query: str) -> str:
    """The query editor opened on ``query``."""
    return f"/sparql?{urlencode({'query': query})}"


def pair_url(later: str, earlier: str, fmt: str | None = None) -> str:
    """Where the view of plan ``later`` against plan ``earlier`` (their ids) is served."""
    url = f"/plans/{quote(later)}/{quote(earlier)}"
    return f"{url}?format={fmt}" if fmt else url


def compare_url(later: str, earlier: str) -> str:
    """The side-by-side view of two mandates (their IRIs)."""
    return f"/compare?later={quote(later, safe='')}&earlier={quote(earlier, safe='')}"
