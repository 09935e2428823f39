"""The store a location names, opened: a build folder or store folder (the embedded pyoxigraph
store), or the URL of a SPARQL 1.1 endpoint (a remote engine)."""

from __future__ import annotations

from pathlib import Path

from graph.errors import StoreError
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
) -> Store:
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
