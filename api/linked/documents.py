"""The project's RDF files served as they are: the ontology at ``/ontology`` and the shapes at
``/shapes``. Turtle is the file itself (its comments included); the other formats are written
from its triples, once per format."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat, Triple

from api.linked.formats import ALL_PREFIXES, Format, grouped, serialize
from graph.namespaces import BASE, ONTOLOGY_IRI
from graph.paths import ONTOLOGY_DIR, SHAPES_DIR


@dataclass(frozen=True)
class Document:
    """One RDF file, its canonical IRI and the path the service answers at."""

    name: str
    file: Path
    iri: str
    path: str


ONTOLOGY = Document("ontology", ONTOLOGY_DIR / "celac.ttl", ONTOLOGY_IRI, "/ontology")
SHAPES = Document("shapes", SHAPES_DIR / "celac.ttl", f"{BASE}shapes", "/shapes")


@lru_cache(maxsize=4)
def triples(doc: Document) -> list[Triple]:
    """The triples of ``doc``'s file, the document's own IRI first."""
    with doc.file.open("rb") as f:
        parsed = pyoxigraph.parse(f, format=RdfFormat.TURTLE, base_iri=doc.iri)
        return grouped((t.triple for t in parsed), [doc.iri])


@lru_cache(maxsize=32)
def render(doc: Document, fmt: Format, context_url: str) -> bytes:
    """``doc`` in ``fmt``; Turtle is the file's own bytes."""
    if fmt.syntax == RdfFormat.TURTLE:
        return doc.file.read_bytes()
    return serialize(triples(doc), fmt, context_url, ALL_PREFIXES)
