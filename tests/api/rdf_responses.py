"""Helpers for the HTTP tests: a response's media type, and RDF parsed without rdflib's noise."""

from __future__ import annotations

import warnings

import rdflib
from httpx2 import Response


def media_type(response: Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def parse_rdf(body: bytes | str, syntax: str) -> rdflib.Graph:
    with warnings.catch_warnings():
        # rdflib's own JSON-LD parser builds a ConjunctiveGraph, which rdflib 7.6 deprecates.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=body, format=syntax)
