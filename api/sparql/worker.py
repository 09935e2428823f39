"""A query worker: a child process that opens the store read-only and answers the jobs its parent
sends, one at a time, each under a deadline the kernel enforces.

Run by :mod:`api.sparql.execute` as ``python -m api.sparql.worker REQUESTS_FD REPLIES_FD
[READY_FD]`` (a byte on READY_FD says the store is open). The
first message on REQUESTS_FD is the configuration (store folder, prefixes); then each message is a
job, and each job gets one message on REPLIES_FD: a header, a newline, and the body. pyoxigraph cannot
cancel a running query, so a query is stopped by ending its process: the parent kills the worker
when the time limit passes, and the worker's own ``SIGALRM`` (left at its default action, which
terminates the process) does it too should the parent be late. A query that needs more memory
than the worker's budget fails to allocate it, which ends the process too (SIGABRT). The worker
exits when its parent closes the pipe, and ignores Ctrl-C (the parent's to handle).

Only the standard library and pyoxigraph are imported here, so that a worker starts quickly.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any, Protocol, cast

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
    Triple,
    parse_query_results,
    serialize,
)

from api.sparql.formats import BY_NAME, ResultFormat, mark_capped
from graph.errors import AnswerTooLong

RESULT_WRITERS: dict[str, QueryResultsFormat] = {
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
}
RDF_WRITERS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}
# Relative IRIs in a query resolve against the endpoint's canonical IRI: graph.namespaces's
# SPARQL_BASE, spelled out here since importing it would import rdflib into every worker.
BASE_IRI = "https://w3id.org/celac-kg/sparql"
# A worker's own deadline comes this long after its parent's, so the parent normally acts first.
GRACE = 0.5
STACK_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Job:
    query: str
    default_graphs: Sequence[str] | None  # None: the query's own (FROM), else see ``union``
    named_graphs: Sequence[str] | None  # None: the query's own (FROM NAMED), else every one
    union: bool  # without a dataset, whether the default graph is the union of the named graphs
    solutions: str  # the format name for SELECT/ASK results
    graph: str  # the format name for CONSTRUCT/DESCRIBE results
    limit: int  # rows or triples; more are cut and the answer flagged
    timeout: float  # seconds
    link: str  # where a capped JSON/XML answer points to for the explanation


@dataclass(frozen=True, slots=True)
class Reply:
    """``status`` is "ok" (``body`` holds the answer in ``format``), "syntax", "failed" or
    "too_large" (not even one row fits in the answer's bytes; ``message`` says why)."""

    status: str
    format: str = ""
    capped: bool = False
    message: str = ""
    body: bytes = b""


@dataclass(frozen=True, slots=True)
class Config:
    store: str  # the store folder
    prefixes: dict[str, str]  # declared for every query
    output_prefixes: dict[str, str]  # used in Turtle answers
    memory: int = 0  # bytes the worker's data may grow by once the store is open; 0: no limit
    max_bytes: int = 0  # bytes in one answer; more rows are cut, and flagged; 0: no limit


class Engine(Protocol):
    """What :func:`answer` evaluates a query with: a :class:`pyoxigraph.Store` (the workers'), or
    anything taking its query options (the remote engine's client)."""

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
    ) -> QuerySolutions | QueryBoolean | QueryTriples: ...


def answer(
    store: Engine, job: Job, config: Config, cut: Callable[[], bool] = lambda: False
) -> Reply:
    """Evaluate ``job`` on ``store`` and write its results, at most ``job.limit`` of them and at
    most ``config.max_bytes`` bytes (whole rows or triples: the rest is cut, and flagged).
    ``cut`` tells whether the store itself cut the answer it gave (a remote engine's, at the
    byte budget)."""
    kwargs: dict[str, Any] = {"prefixes": config.prefixes, "base_iri": BASE_IRI}
    if job.default_graphs is None and job.named_graphs is None:
        # pyoxigraph's union flag would override the query's FROM, so it is only set without one
        kwargs["use_default_graph_as_union"] = job.union
    else:
        kwargs["default_graph"] = [NamedNode(g) for g in job.default_graphs or ()]
        kwargs["named_graphs"] = [NamedNode(g) for g in job.named_graphs or ()]
    budget = config.max_bytes
    try:
        result = store.query(job.query, **kwargs)
        if isinstance(result, QueryTriples):
            fmt = BY_NAME[job.graph]
            body, capped = _graph(result, fmt, job.limit, config.output_prefixes, budget)
        elif isinstance(result, QuerySolutions):
            fmt = BY_NAME[job.solutions]
            body, capped = _solutions(result, fmt, job.limit, budget)
        else:
            fmt = BY_NAME[job.solutions]
            body, capped = result.serialize(format=RESULT_WRITERS[fmt.name]) or b"", False
    except SyntaxError as e:
        return Reply("syntax", message=str(e))
    except _TooLarge:
        return Reply("too_large", message=_too_large(budget))
    except AnswerTooLong:  # a remote engine's graph, read whole before it is written
        return Reply(
            "too_large",
            message=f"The answer is over the {budget / 2**20:g} MiB an answer may hold; ask "
            "for less of it (a LIMIT, fewer or shorter values).",
        )
    except (OSError, RuntimeError, ValueError) as e:
        return Reply("failed", message=str(e) or e.__class__.__name__)
    capped = capped or cut()
    if capped:
        body = mark_capped(body, fmt, job.link)
    return Reply("ok", fmt.name, capped, body=body)


def _too_large(budget: int) -> str:
    return (
        f"The answer's first row (or triple) alone is over the {budget / 2**20:g} MiB an answer "
        "may hold, so nothing of it can be sent; ask for less of it (SUBSTR on long values, "
        "a GROUP_CONCAT over fewer values, fewer columns)."
    )


class _Full(Exception):
    """Raised by :class:`_Lines` and :class:`_Budget` when they have all they keep."""


class _TooLarge(Exception):
    """Raised when not one row or triple of an answer fits in its bytes."""


class _Lines:
    """A file for pyoxigraph's line-per-record writers (TSV: a header line, then a line per row;
    N-Triples: a line per triple, newlines in terms being escaped) that keeps the first ``lines``
    lines and at most ``max_bytes`` bytes (0: no limit) of whole lines, and stops the writer
    after them."""

    def __init__(self, lines: int, max_bytes: int = 0) -> None:
        self.left = lines  # lines still wanted
        self.max_bytes = max_bytes
        self.size = 0
        self.parts: list[bytes] = []
        self.full = False

    def write(self, data: bytes) -> int:
        if self.full:  # pyoxigraph writes its buffer again as it gives up: not wanted
            raise _Full
        if not data:
            return 0
        cut = len(data)
        lines = data.count(b"\n")
        if lines >= self.left and (lines > self.left or not data.endswith(b"\n")):
            end = -1
            for _ in range(self.left):
                end = data.index(b"\n", end + 1)
            cut, self.full = end + 1, True
        if self.max_bytes and self.size + cut > self.max_bytes:
            cut, self.full = self.max_bytes - self.size, True
        kept = bytes(data[:cut])
        self.left -= kept.count(b"\n")
        self.parts.append(kept)
        self.size += len(kept)
        if self.full:
            raise _Full
        return len(data)

    def flush(self) -> None:
        pass

    def text(self) -> bytes:
        """What was kept, ending at the last whole line if the writer was stopped."""
        text = b"".join(self.parts)
        return text[: text.rfind(b"\n") + 1] if self.full else text


class _Budget:
    """A file for any writer that keeps at most ``max_bytes`` bytes (0: no limit), and stops
    the writer (:class:`_Full`) past them."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.max_bytes and self.size > self.max_bytes:
            raise _Full
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _graph(
    triples: QueryTriples, fmt: ResultFormat, limit: int, prefixes: dict[str, str], budget: int
) -> tuple[bytes, bool]:
    head = list(islice(triples, limit))
    capped = next(triples, None) is not None
    body = _write_triples(head, fmt, prefixes, budget)
    if body is not None:
        return body, capped
    # Over the budget: as many whole triples as N-Triples holds in it, then fewer until the
    # format asked for holds them too.
    lines = _Lines(len(head), budget)
    try:
        serialize(head, cast("IO[bytes]", lines), format=RdfFormat.N_TRIPLES)
    except _Full:
        pass
    count = lines.text().count(b"\n")
    while count > 0:
        body = _write_triples(head[:count], fmt, prefixes, budget)
        if body is not None:
            return body, True
        count = int(count * 0.7)
    raise _TooLarge


def _write_triples(
    triples: list[Triple], fmt: ResultFormat, prefixes: dict[str, str], budget: int
) -> bytes | None:
    """``triples`` in ``fmt``, or None when that is over ``budget`` bytes."""
    out = _Budget(budget)
    try:
        serialize(triples, cast("IO[bytes]", out), format=RDF_WRITERS[fmt.name], prefixes=prefixes)
    except _Full:
        return None
    return b"".join(out.parts)


def _solutions(
    solutions: QuerySolutions, fmt: ResultFormat, limit: int, budget: int
) -> tuple[bytes, bool]:
    if not solutions.variables:  # no variables, so every row is empty: nothing worth cutting
        return solutions.serialize(format=RESULT_WRITERS[fmt.name]) or b"", False
    # pyoxigraph writes only a whole result set, so the first ``limit`` rows are taken here, as
    # TSV written by pyoxigraph and cut after ``limit`` rows or ``budget`` bytes, read back and
    # written in the format asked for (unless that is TSV), with fewer rows if that is longer.
    rows = _Lines(limit + 1, budget)  # the header, then the rows
    try:
        solutions.serialize(cast("IO[bytes]", rows), format=QueryResultsFormat.TSV)
    except _Full:
        pass
    except AnswerTooLong:  # a remote engine's answer, read no further than the budget
        rows.full = True
    tsv = rows.text()
    count = tsv.count(b"\n") - 1  # rows kept
    if rows.full and count < 1:
        raise _TooLarge
    if fmt.name == "tsv":
        return tsv, rows.full
    capped = rows.full
    while True:
        parsed = parse_query_results(tsv, format=QueryResultsFormat.TSV)
        if not isinstance(parsed, QuerySolutions):  # TSV is always read back as rows
            raise RuntimeError(f"results read back from TSV as {type(parsed).__name__}")
        body = parsed.serialize(format=RESULT_WRITERS[fmt.name]) or b""
        if not budget or len(body) <= budget:
            return body, capped
        count = min(count - 1, int(count * budget / len(body) * 0.9))
        if count < 1:
            raise _TooLarge
        end = -1
        for _ in range(count + 1):
            end = tsv.index(b"\n", end + 1)
        tsv, capped = tsv[: end + 1], True


def limit_memory(budget: int) -> None:
    """Let this process's data (heap, anonymous mappings) grow by at most ``budget`` bytes: past
    it an allocation fails, and the engine ends the process with SIGABRT."""
    status = Path("/proc/self/status").read_text()
    used = next(int(line.split()[1]) * 1024 for line in status.splitlines() if "VmData:" in line)
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    resource.setrlimit(resource.RLIMIT_DATA, (used + budget, hard))


def serve(requests: Connection, replies: Connection, ready: int | None = None) -> None:
    """Answer jobs from ``requests`` on ``replies`` until the parent closes ``requests``; once
    the store is open, write a byte to the descriptor ``ready`` (if given) and close it."""
    config = Config(**json.loads(requests.recv_bytes()))
    store = Store.read_only(config.store)
    if config.memory:
        limit_memory(config.memory)
    if ready is not None:
        os.write(ready, b"1")
        os.close(ready)
    while True:
        try:
            message = requests.recv_bytes()
        except EOFError:
            return
        job = Job(**json.loads(message))
        signal.setitimer(signal.ITIMER_REAL, job.timeout + GRACE)
        try:
            reply = answer(store, job, config)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        header = {"status": reply.status, "format": reply.format, "capped": reply.capped}
        header["message"] = reply.message
        # One message: the header (JSON, on one line) and the body after a newline.
        replies.send_bytes(json.dumps(header).encode() + b"\n" + reply.body)


def main(argv: Sequence[str]) -> int:
    if len(argv) not in (3, 4):
        print(f"usage: {argv[0]} REQUESTS_FD REPLIES_FD [READY_FD]", file=sys.stderr)  # noqa: T201
        return 2
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parser and the evaluator recurse once per level of nesting: a thread with a large
    # stack (only the pages touched take memory) takes queries that would overflow the main
    # thread's 8 MiB and end the process with SIGSEGV.
    threading.stack_size(STACK_BYTES)
    requests = Connection(int(argv[1]), writable=False)
    replies = Connection(int(argv[2]), readable=False)
    ready = int(argv[3]) if len(argv) == 4 else None
    status = [1]  # unless serve() returns: it raised, and the thread printed the traceback

    def run() -> None:
        serve(requests, replies, ready)
        status[0] = 0

    thread = threading.Thread(target=run, name="queries")
    thread.start()
    thread.join()
    return status[0]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
