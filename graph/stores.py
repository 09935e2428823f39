"""The store a location names, opened: a build folder or store folder (the embedded pyoxigraph
store), or the URL of a SPARQL 1.1 endpoint (a remote engine)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from graph.errors import QueryError, StoreError
from graph.namespaces import PREFIXES, SPARQL_BASE
from graph.oxigraph import OxigraphStore
from graph.publish import store_path
from graph.remote import RemoteStore, is_remote
from graph.store import Store

# A remote engine is waited for this much longer than ``timeout``, so that its own limit (set it
# to the same: ``oxigraph serve --timeout-s``) stops a runaway query first, freeing its CPU; ours
# is for an engine without one.
ENGINE_GRACE = 1.0


def open_store(
    data: Path, remote: str = "", *, graph_store: str = "", timeout: float = 30.0
) -> OxigraphStore | RemoteStore:
    """The engine at ``remote`` when that is a URL (checked: it answers and holds a graph), else
    the embedded store built in the folder ``remote`` or, when it is empty, in ``data``.

    Raises:
        StoreError: no store there, or it cannot be opened or queried.
    """
    if remote and not is_remote(remote):
        return OxigraphStore(store_path(Path(remote)))
    if remote:
        try:  # a build on this machine, loaded into the engine: its dumps are served
            dumps: Path | None = store_path(data).resolve().parent / "dumps"
        except StoreError:
            dumps = None
        store = RemoteStore(
            remote, graph_store=graph_store or None, timeout=timeout + ENGINE_GRACE, dumps=dumps
        )
        store.check()
        return store
    return OxigraphStore(store_path(data))


def apply_update(store: Store, sparql: str) -> Store:
    """Apply the SPARQL Update ``sparql`` to ``store``, and return the store to read from now: a
    fresh one, since a read-only store (and what is cached for it) sees the data as it was.

    Raises:
        SyntaxError: the update is malformed (the parser's message).
        QueryError: the engine refused or failed it.
        StoreError: ``store`` cannot be written to.
    """
    if isinstance(store, RemoteStore):
        store.update(sparql)
        return store.fresh()
    if not isinstance(store, OxigraphStore):
        raise StoreError(f"the store {store!r} takes no updates")
    try:  # a writer of its own, opened for this update only and closed with it
        writer = pyoxigraph.Store(str(store.path))
    except OSError as e:
        raise StoreError(f"the store in {store.path} cannot be opened for writing: {e}") from e
    try:
        writer.update(sparql, prefixes=PREFIXES, base_iri=SPARQL_BASE)
    except OSError as e:
        raise QueryError(f"the update failed: {e}") from e
    finally:
        del writer
    return OxigraphStore(store.path)
