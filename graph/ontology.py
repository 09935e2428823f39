"""The ontology, read from ``ontology/*.ttl`` into one graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.paths import ONTOLOGY_DIR


def load_ontology(folder: Path = ONTOLOGY_DIR) -> Graph:
    """Every Turtle file of ``folder``, in name order, as one graph."""
    g = Graph()
    for path in sorted(folder.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g
