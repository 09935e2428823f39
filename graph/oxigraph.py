"""The embedded store: pyoxigraph on disk."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import rdflib
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
)

from graph.errors import QueryError, StoreError
from graph.namespaces import PREFIXES, SPARQL_BASE
from graph.sparql_text import has_keyword
from graph.store import GraphNames, Result, graph_sizes

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

    @property
    def folder(self) -> Path:
        return self.path

    @property
    def dumps(self) -> Path:
        """Beside the store, in its build's folder (a later build that moves the ``current``
        link does not change it: the link is followed when the store is opened)."""
        return self.path.resolve().parent / "dumps"

    def query(
        self,
        sparql: str,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = True,
        default_graph: GraphNames | None = None,
        named_graphs: GraphNames | None = None,
        base_iri: str | None = None,
        max_bytes: int = 0,  # noqa: ARG002 (answers are read lazily, from disk)
        on_cut: Callable[[], None] | None = None,  # noqa: ARG002
    ) -> Result:
        """See :meth:`graph.store.Store.query`; its errors are QueryError here."""
        options: dict[str, Any] = {"prefixes": PREFIXES if prefixes is None else prefixes}
        if base_iri is not None:
            options["base_iri"] = base_iri
        if default_graph is not None or named_graphs is not None:
            options["default_graph"] = [NamedNode(g) for g in default_graph or ()]
            options["named_graphs"] = [NamedNode(g) for g in named_graphs or ()]
        else:
            # A query that names its dataset (FROM) gets it; the others see the union.
            union = use_default_graph_as_union and not has_keyword(sparql, "FROM")
            options["use_default_graph_as_union"] = union
        try:
            return self._store.query(sparql, **options)
        except SyntaxError as e:
            raise QueryError(f"malformed query: {e}") from e
        except OSError as e:
            raise QueryError(f"the query failed: {e}") from e
        except RuntimeError as e:  # a damaged file met only now: RocksDB reads blocks lazily
            raise QueryError(
                f"the store in {self.path} is damaged ({e}); build it again with `celac-kg build`"
            ) from e

    def describe(self, iri: str) -> list[Triple]:
        triples = self._store.query(f"DESCRIBE <{NamedNode(iri).value}>")
        if not isinstance(triples, QueryTriples):
            raise QueryError(f"DESCRIBE <{iri}> gave {type(triples).__name__}")
        return list(triples)

    def graph_names(self, *, fresh: bool = False) -> tuple[str, ...]:  # noqa: ARG002 (read-only)
        return tuple(
            sorted(g.value for g in self._store.named_graphs() if isinstance(g, NamedNode))
        )

    def graph_sizes(self) -> dict[str, int]:
        return graph_sizes(self)

    def updated(self, sparql: str, work: Path) -> OxigraphStore:
        """See :meth:`graph.store.Store.updated`: a checkpoint of this store in ``work``
        (RocksDB hard-links its immutable files: quick and small), updated; ``work`` is removed
        again if the update fails."""
        try:
            self._store.backup(str(work))
            writer = Store(str(work))
        except OSError as e:
            raise QueryError(f"no working copy of the store could be made ({e})") from e
        try:
            writer.update(sparql, prefixes=PREFIXES, base_iri=SPARQL_BASE)
            writer.flush()
        except SyntaxError:
            del writer
            shutil.rmtree(work, ignore_errors=True)
            raise
        except OSError as e:
            del writer
            shutil.rmtree(work, ignore_errors=True)
            raise QueryError(f"the update could not be applied: {e}") from e
        del writer  # RocksDB's lock on ``work`` goes with it, before it is opened read-only
        return OxigraphStore(work)

    def close(self) -> None:
        """Nothing to do: the files are let go of with the object (pyoxigraph has no close)."""

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
