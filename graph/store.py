"""The store interface the rest of the project uses, whatever engine is behind it: the embedded
pyoxigraph store (:class:`graph.oxigraph.OxigraphStore`) or a remote SPARQL 1.1 engine
(:class:`graph.remote.RemoteStore`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Triple

from graph.errors import QueryError

Result = QuerySolutions | QueryBoolean | QueryTriples
# The graphs a query's dataset names (pyoxigraph's dataset options).
GraphNames = Sequence[str]


class Store(Protocol):
    """A SPARQL store whose default graph, for a query without a dataset of its own, is the
    union of its named graphs; read-only, except through :meth:`updated`."""

    def query(
        self,
        sparql: str,
        *,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = True,
        default_graph: GraphNames | None = None,
        named_graphs: GraphNames | None = None,
        base_iri: str | None = None,
        max_bytes: int = 0,
        on_cut: Callable[[], None] | None = None,
    ) -> Result:
        """Evaluate a SPARQL 1.1 query, the project's prefixes declared (or ``prefixes``), its
        relative IRIs resolved against ``base_iri``. ``default_graph``/``named_graphs`` (graph
        IRIs), when either is given, are its dataset; without them the query's FROM applies, and
        else ``use_default_graph_as_union``. ``max_bytes`` bounds what is read of an answer that
        comes over the network (0: no bound; a graph longer is cut, and ``on_cut`` called).

        Raises:
            SyntaxError: the query is malformed (the engine's message, with its position).
            QueryError: the query cannot be evaluated (QueryTimeout: not in time).
        """
        ...

    def describe(self, iri: str) -> list[Triple]:
        """The triples of the engine's ``DESCRIBE <iri>``.

        Raises:
            QueryError: the engine failed.
        """
        ...

    def graph_names(self, *, fresh: bool = False) -> tuple[str, ...]:
        """The IRIs of the named graphs that hold triples, sorted (``fresh``: asked anew)."""
        ...

    def graph_sizes(self) -> dict[str, int]:
        """How many triples each named graph holds."""
        ...

    @property
    def folder(self) -> Path | None:
        """The folder other processes may open the store from, read-only (the query workers);
        None when the engine is remote, and evaluates the queries itself."""
        ...

    @property
    def dumps(self) -> Path | None:
        """The folder of the dump files of the build being served, when this machine has it."""
        ...

    def updated(self, sparql: str, work: Path) -> Store:
        """The store with the SPARQL Update ``sparql`` applied, to read from from now on: the
        embedded store makes a copy of itself in the empty folder ``work`` and updates that
        (never the build); a remote engine is updated in place (``work`` unused).

        Raises:
            SyntaxError: the update is malformed.
            QueryError: it could not be applied (nothing was changed).
        """
        ...

    def close(self) -> None:
        """Let go of the store (its files, its connections)."""
        ...

    def __len__(self) -> int:
        """The number of quads."""
        ...


def select(store: Store, sparql: str, *, union: bool = True) -> QuerySolutions:
    """The rows of the SELECT ``sparql`` on ``store``.

    Raises:
        QueryError: the engine failed, or ``sparql`` is not a SELECT.
    """
    rows = store.query(sparql, use_default_graph_as_union=union)
    if not isinstance(rows, QuerySolutions):
        raise QueryError(f"{sparql[:80]!r} is not a SELECT: it gave {type(rows).__name__}")
    return rows


def construct(store: Store, sparql: str) -> QueryTriples:
    """The triples of the CONSTRUCT or DESCRIBE ``sparql`` on ``store``.

    Raises:
        QueryError: the engine failed, or ``sparql`` gives no graph.
    """
    triples = store.query(sparql)
    if not isinstance(triples, QueryTriples):
        raise QueryError(f"{sparql[:80]!r} gives no graph: it gave {type(triples).__name__}")
    return triples


def graph_sizes(store: Store) -> dict[str, int]:
    """How many triples each named graph of ``store`` holds, by one query."""
    rows = select(
        store,
        "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        union=False,
    )
    sizes: dict[str, int] = {}
    for row in rows:
        graph, n = row["g"], row["n"]
        if graph is not None and n is not None:
            sizes[graph.value] = int(n.value)
    return sizes
