"""The app's query runner (:class:`api.sparql.execute.QueryRunner`), started on first use and
kept in ``app.state``: worker processes over the embedded store's folder, or the remote engine's
client when the store has no folder (the engine evaluates the queries); and its updater."""

from __future__ import annotations

import os
import threading

from fastapi import FastAPI

from api.settings import Settings
from api.sparql.execute import QueryRunner
from api.sparql.lanes import Lanes
from api.sparql.pool import QueryPool
from api.sparql.remote import RemoteQueries
from api.sparql.updater import Updater
from graph.namespaces import PREFIXES
from graph.store import Store

# Turtle answers spell resources in full: ``id:`` would print their slashes escaped.
OUTPUT_PREFIXES = {p: iri for p, iri in PREFIXES.items() if p != "id"}
_LOCK = threading.Lock()


def query_pool(app: FastAPI) -> QueryRunner:
    """What answers the app's queries: worker processes over the embedded store, started on
    first use, or the remote engine."""
    pool: QueryRunner | None = getattr(app.state, "sparql_pool", None)
    if pool is not None:
        return pool
    with _LOCK:
        pool = getattr(app.state, "sparql_pool", None)
        if pool is None:
            pool = _start_pool(app.state.store, app.state.settings)
            app.state.sparql_pool = pool
    return pool


def _start_pool(store: Store, settings: Settings) -> QueryRunner:
    fast = settings.fast_lane or min(8, max(4, os.cpu_count() or 4))
    lanes = Lanes(
        fast=fast,
        slow=settings.slow_lane,
        budget=settings.fast_lane_seconds,
        per_client=settings.client_queries,
        wait=settings.query_timeout,
    )
    folder = store.folder
    if folder is None:  # the engine evaluates the queries itself
        return RemoteQueries(
            store,
            PREFIXES,
            timeout=settings.query_timeout,
            output_prefixes=OUTPUT_PREFIXES,
            max_bytes=settings.max_answer_bytes,
            lanes=lanes,
        )
    return QueryPool(
        # The build the app opened, even if `current` is switched to a newer one meanwhile.
        folder.resolve(),
        PREFIXES,
        timeout=settings.query_timeout,
        size=fast + 2,
        # A worker for each place, and four more: under a stream of runaway queries, stopped
        # ones are replaced faster than their replacements start on a busy machine.
        max_size=fast + settings.slow_lane + 4,
        output_prefixes=OUTPUT_PREFIXES,
        max_bytes=settings.max_answer_bytes,
        lanes=lanes,
    )


def updater(app: FastAPI) -> Updater:
    """The app's updater (:mod:`api.sparql.updater`), made on first use."""
    with _LOCK:
        found: Updater | None = getattr(app.state, "sparql_updater", None)
        if found is None:
            found = app.state.sparql_updater = Updater(app.state.settings)
    return found
