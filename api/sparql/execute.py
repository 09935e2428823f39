"""Time-limited, capped query evaluation: the jobs (:func:`prepare`), the answers, and the
protocol of what runs them (:class:`QueryRunner`): the pool of worker processes over the embedded
store (:mod:`api.sparql.pool`), or the remote engine's client (:mod:`api.sparql.remote`).

A query nested deeper, or with more property-path steps, than the limits below is refused before
it reaches a worker or the engine.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from api.sparql.errors import (
    TooComplex,
)
from api.sparql.formats import ResultFormat
from api.sparql.lanes import Lanes
from graph.sparql_text import outline

_POSITION = re.compile(r"\bat (\d+):(\d+)")
# Real queries nest a few levels and chain a few path steps. Oxigraph's parser and planner recurse
# once per level (on a main thread's 8 MiB stack 2,000 nested sub-SELECTs end the process with
# SIGSEGV; a worker's larger stack moves that past the size limit), nested OPTIONALs take time
# growing as the 4th power of their depth (100: 0.3 s, 200: 2.5 s), and a sequence path time cubic
# in its steps (500 steps: 5 s). So much more than real queries need is refused at once, with a
# message, rather than run to the time limit.
MAX_NESTING = 100
MAX_SLASHES = 128
# Bytes of memory a worker may take for a query (a sort of every mandate three times over takes
# 200 MB a second); an allocation past it ends the worker with SIGABRT.
MEMORY = 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    query: str
    message: bytes  # the job, as a worker reads it


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes
    format: ResultFormat
    capped: bool


def malformed(query: str, message: str) -> str:
    """The parser's ``message``, and the query's line it points at ("error at LINE:COLUMN")."""
    text = f"The query is malformed: {message}"
    position = _POSITION.search(message)
    lines = query.splitlines()
    if position and 1 <= int(position[1]) <= len(lines):
        line = int(position[1])
        text += f"\n{line:>5} | {lines[line - 1]}"
    return text


def check_shape(query: str) -> None:
    """Refuse a query nested deeper than :data:`MAX_NESTING` levels of ``{ }``, ``( )`` and
    ``[ ]``, or with more than :data:`MAX_SLASHES` ``/`` (property-path steps or divisions),
    outside its strings, IRIs and comments.

    Raises:
        TooComplex: the query is over either limit; the message gives its figure and the limit.
    """
    # The raw text's brackets and slashes bound those outside its strings, IRIs and comments:
    # most queries are under the limits by this count alone, and need no closer look.
    opening = query.count("{") + query.count("(") + query.count("[")
    if opening <= MAX_NESTING and query.count("/") <= MAX_SLASHES:
        return
    shape = outline(query)
    deepest, slashes = shape.depth, shape.slashes
    if deepest > MAX_NESTING:
        raise TooComplex(
            f"The query nests groups, sub-queries, brackets or parentheses {deepest} levels deep, "
            f"over the limit of {MAX_NESTING}; flatten it (a chain of patterns in one group "
            "means the same as nested groups)."
        )
    if slashes > MAX_SLASHES:
        raise TooComplex(
            f"The query has {slashes} `/` (property-path steps or divisions), over the limit of "
            f"{MAX_SLASHES}; use a shorter path, or a repeated one (p+, p*)."
        )


def prepare(
    query: str,
    *,
    timeout: float,
    solutions: ResultFormat,
    graph: ResultFormat,
    limit: int,
    link: str,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    union: bool = True,
    checked: bool = False,
) -> PreparedQuery:
    """The job of evaluating ``query`` within ``timeout`` seconds and writing at most ``limit``
    rows or triples, in ``solutions`` for SELECT/ASK or ``graph`` for CONSTRUCT/DESCRIBE; a cut
    JSON or XML answer links to ``link``.

    ``default_graphs``/``named_graphs``, when either is given, make the dataset (the protocol's
    ``default-graph-uri``, ``named-graph-uri``). Without them the query's own FROM and FROM
    NAMED apply, and ``union`` makes the default graph the union of all named graphs: it must
    be False for a query with FROM, which it would override.

    ``checked``: the caller has checked the query's shape already
    (:func:`api.sparql.precheck.check`).

    Raises:
        TooComplex: the query nests too deeply or chains too many path steps.
    """
    if not checked:
        check_shape(query)
    # The fields of api.sparql.worker.Job, by name (dataclasses.asdict deep-copies: slower).
    job = {
        "query": query,
        "default_graphs": default_graphs,
        "named_graphs": named_graphs,
        "union": union,
        "solutions": solutions.name,
        "graph": graph.name,
        "limit": limit,
        "timeout": timeout,
        "link": link,
    }
    return PreparedQuery(query, json.dumps(job).encode())


class QueryRunner(Protocol):
    """What evaluates the app's queries: :class:`api.sparql.pool.QueryPool` (worker processes
    over the embedded store) or :class:`api.sparql.remote.RemoteQueries` (the remote engine).

    Both raise, from :meth:`run` and :meth:`run_async`, the same errors for the same cases
    (MalformedQuery, AnswerTooLarge, QueryFailed, QueryTimeout, Unavailable; TooManyQueries
    and SlowLaneFull from the lanes).
    """

    timeout: float
    lanes: Lanes

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
        checked: bool = False,
    ) -> PreparedQuery:
        """:func:`prepare` under the runner's time limit."""
        ...

    def run(self, job: PreparedQuery) -> Answer:
        """Evaluate ``job``, blocking until it is answered."""
        ...

    async def run_async(self, job: PreparedQuery, client: str = "") -> Answer:
        """:meth:`run` for the event loop, in the runner's lanes, as a query of ``client``."""
        ...

    @property
    def pids(self) -> list[int]:
        """The processes evaluating its queries (none of ours for a remote engine)."""
        ...

    def retire(self) -> None:
        """Take no more queries; those under way finish (on the store they started on)."""
        ...

    def close(self) -> None:
        """Stop now."""
        ...


class Runner:
    """What the runners share: jobs made under their time limit (``timeout``)."""

    timeout: float

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
        checked: bool = False,
    ) -> PreparedQuery:
        """:func:`prepare` under this runner's time limit."""
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
            checked=checked,
        )
