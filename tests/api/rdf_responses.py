"""Helpers for the HTTP tests: a response's media type, and RDF parsed without rdflib's noise."""

from __future__ import annotations

import warnings

import pyoxigraph
import rdflib
from httpx2 import Response
from pyoxigraph import RdfFormat


def media_type(response: Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def parse_rdf(body: bytes | str, syntax: str) -> rdflib.Graph:
    with warnings.catch_warnings():
        # rdflib's own JSON-LD parser builds a ConjunctiveGraph, which rdflib 7.6 deprecates.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=body, format=syntax)


def isomorphic(a: rdflib.Graph, b: rdflib.Graph) -> bool:
    """Whether ``a`` and ``b`` say the same, blank nodes aside: both canonicalized by pyoxigraph
    (its canonicalization in Rust takes milliseconds where rdflib's ``isomorphic`` takes seconds
    on a graph of many blank nodes, such as the shapes)."""
    return len(a) == len(b) and _canonical(a) == _canonical(b)


def _canonical(g: rdflib.Graph) -> pyoxigraph.Dataset:
    triples = pyoxigraph.parse(
        g.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES
    )
    dataset = pyoxigraph.Dataset(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.UNSTABLE)
    return dataset
