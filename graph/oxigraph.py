"""The embedded store: pyoxigraph on disk."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store

from graph.errors import QueryError, StoreError
from graph.namespaces import PREFIXES
from graph.store import Result

# A file RocksDB always writes into a store folder: how we tell a store from any other folder.
_MARKER = "CURRENT"


def is_store(path: Path) -> bool:
    return (path / _MARKER).is_file()


class OxigraphStore:
    """A pyoxigraph store opened read-only; queries see the union of the named graphs by default."""

    def __init__(self, path: Path) -> None:
        if not is_store(path):
            raise StoreError(f"{path} holds no store: build one with `celac-kg build`")
        try:
            self._store = Store.read_only(str(path))
        except OSError as e:
            raise StoreError(f"the store in {path} cannot be opened: {e}") from e
        self.path = path

    def query(self, sparql: str) -> Result:
        try:
            return self._store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QueryError(f"malformed query: {e}") from e
        except OSError as e:
            raise QueryError(f"the query failed: {e}") from e

    def __len__(self) -> int:
        return len(self._store)


def write_store(path: Path, nquads: bytes) -> int:
    """Create a store in the empty folder ``path`` from N-Quads; returns the number of quads."""
    store = Store(str(path))
    store.load(nquads, format=RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    count = len(store)
    del store
    return count
