"""Applying SPARQL Update (for the administrator: see :mod:`api.sparql.update`): one writer at a
time, on a working copy of the store, never on the build being served.

On the embedded store each update makes a new generation: a checkpoint of the store being served
(RocksDB hard-links its immutable files, so this is quick and small), the update applied to it,
and then the app reads from it (new query workers; the pages' store). The build folder is only
ever read, so the next build, and a restart, serve the build as built: an update is a correction
between builds. Queries under way when an update is applied finish on the generation they
started on; its workers stop as they finish, and its folder is removed at a later update.
On a remote engine the update goes to the engine, one at a time too.

An update's default graph is the queries' (:mod:`api.sparql.update_default`): its ``WHERE`` sees
the union of the store's graphs, and what it writes to the default graph goes to a named graph the
union includes.

``LOAD`` is refused unless the host it names is listed in ``load_hosts``, and ``SERVICE`` always
(this server makes no requests wherever an update says).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from api.settings import Settings
from api.sparql import protocol, update_default
from api.sparql.errors import (
    Forbidden,
    MalformedQuery,
    QueryFailed,
    ServiceForbidden,
    UpdateBusy,
)
from api.sparql.execute import QueryRunner, malformed
from graph.errors import GraphError
from graph.namespaces import PREFIXES, SPARQL_BASE
from graph.sparql_text import has_keyword, load_sources
from graph.store import Store

WAIT = 5.0  # seconds an update waits for the one before it to be applied (then 503)


class LoadForbidden(Forbidden):
    """Raised for a LOAD from a host that is not listed in ``load_hosts``."""


class Updater:
    """Applies the app's updates one at a time; working copies go in ``folder`` (a temporary
    folder, removed with the updater, when None)."""

    def __init__(self, settings: Settings, folder: Path | None = None) -> None:
        self.load_hosts = {h.strip().lower() for h in settings.load_hosts.split(",") if h.strip()}
        self._lock = asyncio.Lock()
        if folder is None:
            self._temporary: tempfile.TemporaryDirectory[str] | None = tempfile.TemporaryDirectory(
                prefix="celac-kg-updates-"
            )
            folder = Path(self._temporary.name)
        else:
            self._temporary = None
        self.folder = folder
        self._generation = 0
        self._retired: list[tuple[QueryRunner, Path]] = []

    def check(self, text: str) -> None:
        """Refuse what this server does not do for an update.

        Raises:
            ServiceForbidden: SERVICE.
            LoadForbidden: LOAD from a host not in ``load_hosts``.
        """
        if has_keyword(text, "SERVICE"):
            raise ServiceForbidden(protocol.NO_SERVICE)
        for source in load_sources(text):
            host = (urlsplit(source).hostname or "").lower() if "://" in source else ""
            if not self.load_hosts:
                raise LoadForbidden(
                    f"LOAD <{source[:200]}> is refused: this server fetches nothing for an update "
                    "unless its administrator lists the hosts it may fetch from "
                    "(CELAC_KG_LOAD_HOSTS)."
                )
            if host not in self.load_hosts:
                raise LoadForbidden(
                    f"LOAD <{source[:200]}> is refused: {host or 'its source'} is not one of the "
                    f"hosts this server may fetch from ({', '.join(sorted(self.load_hosts))}); "
                    "write the source's IRI in full."
                )

    async def apply(self, app: FastAPI, text: str) -> None:
        """Apply the update ``text`` to the app's store, once the one before it is applied.

        Raises:
            UpdateBusy: the update before it was still being applied after :data:`WAIT` s.
            MalformedQuery: the update does not parse.
            QueryFailed: the engine refused or failed it.
            ServiceForbidden, LoadForbidden: see :meth:`check`.
        """
        self.check(text)
        try:
            await asyncio.wait_for(self._lock.acquire(), WAIT)
        except TimeoutError:
            raise UpdateBusy(
                f"Another update is being applied, and was still after {WAIT:g} s; nothing was "
                "changed by this one: send it again shortly.",
                retry_after=1,
            ) from None
        try:
            store: Store = app.state.store
            self._generation += 1
            work = self.folder / f"generation-{self._generation}"
            app.state.store = await run_in_threadpool(self._apply, store, text, work)
            old: QueryRunner | None = getattr(app.state, "sparql_pool", None)
            app.state.sparql_pool = None  # the next query starts a runner over the new store
            if old is not None:
                old.retire()  # its queries under way finish on the store they started on
                folder = store.folder
                if folder is not None and folder.is_relative_to(self.folder):
                    self._retired.append((old, folder))
            app.state.sparql_counts = None
        finally:
            self._lock.release()
        self._sweep()

    def _apply(self, store: Store, text: str, work: Path) -> Store:
        """The store with ``text`` applied, its default graph the queries'
        (:mod:`api.sparql.update_default`)."""
        try:
            rewritten = update_default.rewrite(text, store.graph_names(fresh=True))
            return store.updated(rewritten, work)
        except SyntaxError as e:
            raise MalformedQuery(malformed(text, _syntax(text, e))) from None
        except GraphError as e:
            raise QueryFailed(f"The update could not be applied: {self._hide(e)}") from None

    def _hide(self, error: Exception) -> str:
        """The error's message without the folders of the stores (an attacker's map)."""
        return str(error).replace(str(self.folder), "<working copy>")

    def _sweep(self) -> None:
        """Remove the generations no worker reads any more."""
        kept = []
        for pool, path in self._retired:
            if pool.pids:
                kept.append((pool, path))
            else:
                shutil.rmtree(path, ignore_errors=True)
        self._retired = kept

    def close(self) -> None:
        """Remove the working copies (when they are in a temporary folder)."""
        if self._temporary is not None:
            self._temporary.cleanup()


def _syntax(text: str, error: SyntaxError) -> str:
    """The parser's message for the update as sent (its lines and columns, not those of the
    rewritten one that failed), by parsing it over an empty store in memory: an update that does
    not parse is refused whole, before any operation runs."""
    try:
        pyoxigraph.Store().update(text, prefixes=PREFIXES, base_iri=SPARQL_BASE)
    except SyntaxError as original:
        return str(original)
    except OSError:
        pass
    return f"{error} (in the update as rewritten for the default graph)"
