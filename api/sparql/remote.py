"""Queries answered by a remote engine: the same jobs as the worker pool's, sent over HTTP.

The engine evaluates the query under its own time limit, and :class:`graph.remote.RemoteStore`
stops reading its answer at ours; the answer is capped and written in the format asked for by the
same code as the workers' (:func:`api.sparql.worker.answer`), reading no more of it than it writes.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping

import anyio
import anyio.to_thread
from pyoxigraph import BlankNode, DefaultGraph, NamedNode

from api.sparql.errors import (
    AnswerTooLarge,
    MalformedQuery,
    QueryFailed,
    QueryTimeout,
    SparqlError,
)
from api.sparql.execute import Answer, PreparedQuery, Runner, malformed
from api.sparql.formats import BY_NAME
from api.sparql.lanes import Lanes, Place
from api.sparql.worker import Config, Job, answer
from graph.errors import QueryError
from graph.errors import QueryTimeout as EngineTimeout
from graph.store import Result, Store


def _given_up(task: asyncio.Future[Answer], lanes: Lanes, place: Place) -> None:
    """A query given up on has ended: free its place, and read its outcome (so that its error
    is not reported as lost)."""
    lanes.leave(place)
    if not task.cancelled():
        task.exception()


class _Budgeted:
    """The remote store as the workers' :class:`api.sparql.worker.Engine`, reading no more of an
    answer than ``max_bytes``."""

    def __init__(self, store: Store, max_bytes: int) -> None:
        self.store = store
        self.max_bytes = max_bytes
        self.cut = False  # a graph was cut at the budget, after its last whole triple

    def query(
        self,
        /,
        query: str,
        *,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: NamedNode
        | BlankNode
        | DefaultGraph
        | list[NamedNode | BlankNode | DefaultGraph]
        | None = None,
        named_graphs: list[NamedNode | BlankNode] | None = None,
    ) -> Result:
        defaults = default_graph if isinstance(default_graph, list) else [default_graph]
        return self.store.query(
            query,
            base_iri=base_iri,
            prefixes=prefixes,
            use_default_graph_as_union=use_default_graph_as_union,
            default_graph=None
            if default_graph is None
            else [g.value for g in defaults if isinstance(g, NamedNode)],
            named_graphs=None if named_graphs is None else [g.value for g in named_graphs],
            max_bytes=self.max_bytes,
            on_cut=self._cut,
        )

    def _cut(self) -> None:
        self.cut = True


class RemoteQueries(Runner):
    """Jobs for the engine behind ``store``, answered within ``timeout`` seconds.

    Raises (from :meth:`run`): MalformedQuery, QueryFailed, QueryTimeout, as :class:`QueryPool`.
    """

    def __init__(
        self,
        store: Store,
        prefixes: Mapping[str, str],
        *,
        timeout: float,
        output_prefixes: Mapping[str, str] | None = None,
        max_bytes: int = 0,
        lanes: Lanes | None = None,
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.lanes = lanes or Lanes(fast=8, slow=0, budget=timeout, reserve=False)
        # Threads of their own, so that queries waiting on the engine never take the threads
        # pages use; twice the places, since a query stopped at the fast lane's budget keeps its
        # thread until the engine gives up on it (at its own time limit).
        self._threads = anyio.CapacityLimiter(2 * (self.lanes.fast + self.lanes.slow))
        self.config = Config(
            repr(store),
            dict(prefixes),
            dict(prefixes if output_prefixes is None else output_prefixes),
            max_bytes=max_bytes,
        )

    def run(self, prepared: PreparedQuery) -> Answer:
        """Evaluate ``prepared`` on the engine, blocking until it is answered."""
        job = Job(**json.loads(prepared.message))
        # Errors are raised outside the handlers, with no context: a traceback reaching back
        # into answer() would hold pyoxigraph's results, which may not be dropped on another
        # thread (the event loop's, for a query given up on).
        error: SparqlError | None = None
        try:
            budgeted = _Budgeted(self.store, self.config.max_bytes)
            reply = answer(budgeted, job, self.config, lambda: budgeted.cut)
        except EngineTimeout as e:  # before QueryError, which it is
            error = QueryTimeout(
                f"The query ran longer than the time limit of {self.timeout:g} s and was "
                f"stopped ({e}); narrow it (more specific patterns, a LIMIT) or ask for less."
            )
        except QueryError as e:
            error = QueryFailed(f"The query could not be evaluated: {e}")
        if error is not None:
            raise error
        if reply.status == "syntax":
            raise MalformedQuery(malformed(prepared.query, reply.message))
        if reply.status == "too_large":
            raise AnswerTooLarge(reply.message)
        if reply.status != "ok":
            raise QueryFailed(f"The query could not be evaluated: {reply.message}")
        return Answer(reply.body, BY_NAME[reply.format], reply.capped)

    async def run_async(self, prepared: PreparedQuery, client: str = "") -> Answer:
        """:meth:`run` in this engine's lanes (:mod:`api.sparql.lanes`), as a query of
        ``client``. A query that outruns the fast lane when the slow lane is full is answered
        503 at once; the engine stops it at its own time limit.

        Raises (besides those of :meth:`run`): TooManyQueries, SlowLaneFull, as QueryPool's.
        """
        place = await self.lanes.enter(client)
        running = asyncio.ensure_future(
            anyio.to_thread.run_sync(self.run, prepared, limiter=self._threads)
        )
        given_up = False
        try:
            if self.lanes.budget < self.timeout:
                done, _ = await asyncio.wait({running}, timeout=self.lanes.budget)
                if not done and not self.lanes.promote(place):
                    # Answered now, but its place stays taken until the engine gives up on it
                    # (at its own time limit): the engine is not given more queries than places.
                    given_up = True
                    running.add_done_callback(lambda task: _given_up(task, self.lanes, place))
                    raise self.lanes.full(place)
                place.quick = bool(done)
            return await running
        finally:
            if not given_up:
                self.lanes.leave(place)

    @property
    def pids(self) -> list[int]:
        """None: the engine evaluates the queries."""
        return []

    def retire(self) -> None:
        """Nothing to wait for: the engine's queries under way finish there."""

    def close(self) -> None:
        """Nothing to stop: each query has its own connection, closed when answered."""
