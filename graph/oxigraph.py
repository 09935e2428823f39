"""The embedded store: pyoxigraph on disk."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import rdflib
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store

from graph.errors import QueryError, StoreError
from graph.namespaces import PREFIXES
from graph.sparql_text import has_keyword
from graph.store import Result

# A file RocksDB always writes into a store folder: how we tell a store from any other folder.
_MARKER = "CURRENT"


def is_store(path: Path) -> bool:
    return (path / _MARKER).is_file()


class OxigraphStore:
    """A pyoxigraph store opened read-only; queries see the union of the named graphs by default."""

    def __init__(self, path: Path) -> None:
        """Open the store in ``path``.

        Raises:
            StoreError: ``path`` holds no store, or one that is damaged (files truncated, missing
                or overwritten) or unreadable; the message names the folder, says why, and that
                a new build (`celac-kg build`) replaces it.
        """
        if not is_store(path):
            raise StoreError(f"{path} holds no store: build one with `celac-kg build`")
        try:
            self._store = Store.read_only(str(path))
        # RocksDB reports a damaged file as "Corruption: …" (a RuntimeError), a missing or
        # unreadable one as an IO error (an OSError).
        except RuntimeError as e:
            raise StoreError(
                f"the store in {path} is damaged and cannot be opened ({e}); build it again "
                f"with `celac-kg build`, which writes a new store beside it"
            ) from e
        except OSError as e:
            raise StoreError(
                f"the store in {path} cannot be opened ({e}); if files are missing from it, "
                f"build it again with `celac-kg build`"
            ) from e
        self.path = path

    def query(self, sparql: str) -> Result:
        try:
            # A query that names its dataset (FROM) gets it; the others see the union.
            union = not has_keyword(sparql, "FROM")
            return self._store.query(sparql, use_default_graph_as_union=union, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QueryError(f"malformed query: {e}") from e
        except OSError as e:
            raise QueryError(f"the query failed: {e}") from e
        except RuntimeError as e:  # a damaged file met only now: RocksDB reads blocks lazily
            raise QueryError(
                f"the store in {self.path} is damaged ({e}); build it again with `celac-kg build`"
            ) from e

    def __len__(self) -> int:
        return len(self._store)


def _term(term: rdflib.term.Node) -> NamedNode | BlankNode | Literal:
    if isinstance(term, rdflib.URIRef):
        return NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return Literal(str(term), language=term.language)
        if term.datatype:
            return Literal(str(term), datatype=NamedNode(str(term.datatype)))
        return Literal(str(term))
    raise TypeError(f"cannot store the term {term!r}")


def quads(ds: rdflib.Dataset) -> Iterator[Quad]:
    """The dataset's quads as pyoxigraph quads (triples of the default graph stay in it)."""
    for s, p, o, g in ds.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, rdflib.Graph) else g
        name = (
            DefaultGraph()
            if graph is None or graph == rdflib.graph.DATASET_DEFAULT_GRAPH_ID
            else _term(graph)
        )
        yield Quad(_term(s), _term(p), _term(o), name)  # type: ignore[arg-type]


def write_store(path: Path, data: Iterable[Quad]) -> Store:
    """Create a store in the empty folder ``path`` holding ``data``."""
    store = Store(str(path))
    store.extend(data)
    store.flush()
    store.optimize()
    return store


def dump_nquads(store: Store, path: Path) -> None:
    store.dump(str(path), format=RdfFormat.N_QUADS)
