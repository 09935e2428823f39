"""Queries answered by a remote engine: the same jobs as the worker pool's, sent over HTTP.

The engine evaluates the query under its own time limit, and :class:`graph.remote.RemoteStore`
stops reading its answer at ours; the answer is capped and written in the format asked for by the
same code as the workers' (:func:`api.sparql.worker.answer`), reading no more of it than it writes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import cast

from pyoxigraph import Store
from starlette.concurrency import run_in_threadpool

from api.sparql.errors import MalformedQuery, QueryFailed, QueryTimeout
from api.sparql.execute import Answer, PreparedQuery, malformed, prepare
from api.sparql.formats import BY_NAME, ResultFormat
from api.sparql.worker import Config, Job, answer
from graph.errors import QueryError
from graph.errors import QueryTimeout as EngineTimeout
from graph.remote import RemoteStore


class RemoteQueries:
    """Jobs for the engine behind ``store``, answered within ``timeout`` seconds.

    Raises (from :meth:`run`): MalformedQuery, QueryFailed, QueryTimeout, as :class:`QueryPool`.
    """

    def __init__(
        self,
        store: RemoteStore,
        prefixes: Mapping[str, str],
        *,
        timeout: float,
        output_prefixes: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.config = Config(
            store.endpoint,
            dict(prefixes),
            dict(prefixes if output_prefixes is None else output_prefixes),
        )

    def prepare(
        self,
        query: str,
        *,
        solutions: ResultFormat,
        graph: ResultFormat,
        limit: int,
        link: str,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        union: bool = True,
    ) -> PreparedQuery:
        """:func:`api.sparql.execute.prepare` under this time limit; a query nested too deeply
        is refused here too (one such query overflows the stack of an Oxigraph server)."""
        return prepare(
            query,
            timeout=self.timeout,
            solutions=solutions,
            graph=graph,
            limit=limit,
            link=link,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            union=union,
        )

    def run(self, prepared: PreparedQuery) -> Answer:
        """Evaluate ``prepared`` on the engine, blocking until it is answered."""
        job = Job(**json.loads(prepared.message))
        try:
            # The remote store speaks pyoxigraph's query signature, which is all answer() uses.
            reply = answer(cast(Store, self.store), job, self.config)
        except EngineTimeout as e:  # before QueryError, which it is
            raise QueryTimeout(
                f"The query ran longer than the time limit of {self.timeout:g} s and was "
                f"stopped ({e}); narrow it (more specific patterns, a LIMIT) or ask for less."
            ) from e
        except QueryError as e:
            raise QueryFailed(f"The query could not be evaluated: {e}") from e
        if reply.status == "syntax":
            raise MalformedQuery(malformed(prepared.query, reply.message))
        if reply.status != "ok":
            raise QueryFailed(f"The query could not be evaluated: {reply.message}")
        return Answer(reply.body, BY_NAME[reply.format], reply.capped)

    async def run_async(self, prepared: PreparedQuery) -> Answer:
        return await run_in_threadpool(self.run, prepared)

    def close(self) -> None:
        """Nothing to stop: each query has its own connection, closed when answered."""
