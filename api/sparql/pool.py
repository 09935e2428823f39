"""Time-limited, capped query evaluation in a pool of worker processes (a :class:`QueryRunner`
of :mod:`api.sparql.execute`).

pyoxigraph has no way to cancel a query from Python (its cancellation token is in the Rust API
and Oxigraph's own server only: oxigraph/oxigraph#1409, #1926), and a query evaluated in a thread
keeps its core busy after we stop waiting. So queries run in worker processes (each opening the
store read-only; RocksDB allows many read-only openers), and a query that runs past the time
limit is stopped by killing its worker, which a fresh one replaces. The pool starts ``size``
workers and more, up to ``max_size``, when all are busy, so a runaway query does not hold up the
others; a worker once started stays until the pool closes.

A query nested deeper, or with more property-path steps, than the limits below is refused before
it reaches a worker; should a query still crash its worker (a signal such as SIGSEGV), the client
is told so and the pool carries on with a fresh worker.

Per query the parent only writes the job to a pipe and reads the answer, already serialized by
the worker, back: :meth:`QueryPool.run_async` waits for it on the event loop, without a thread.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Mapping
from dataclasses import asdict
from multiprocessing.connection import Connection
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from api.sparql.errors import (
    AnswerTooLarge,
    MalformedQuery,
    OutOfMemory,
    QueryCrashed,
    QueryFailed,
    QueryTimeout,
    SparqlError,
    Unavailable,
)
from api.sparql.execute import MEMORY, Answer, PreparedQuery, Runner, malformed
from api.sparql.formats import BY_NAME
from api.sparql.lanes import Lanes, Place
from api.sparql.worker import Config

# The workers' CPU priorities (niceness): a worker runs below the web process, so that queries
# take the CPU the pages and the event loop leave (ten runaways once held a page for 2 s:
# tests/api/test_abuse_fairness.py); once its query is in the slow lane, below the fast lane's.
FAST_NICE = 5
SLOW_NICE = 15
# Signals with which a process ends when it crashes, as opposed to being stopped.
_CRASHES = frozenset({signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT, signal.SIGILL, signal.SIGFPE})
# The folder that holds the ``api`` package, so workers import the same code whatever their cwd.
_ROOT = str(Path(__file__).resolve().parents[2])


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class _Worker:
    """One worker process and the two pipes to it."""

    def __init__(self, config: Config) -> None:
        job_read, job_write = os.pipe()
        reply_read, reply_write = os.pipe()
        ready_read, ready_write = os.pipe()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_ROOT, env.get("PYTHONPATH")]))
        command = [sys.executable, "-m", "api.sparql.worker", str(job_read), str(reply_write)]
        try:
            self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
                [*command, str(ready_write)],
                pass_fds=(job_read, reply_write, ready_write),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=env,
            )
        except OSError:
            os.close(job_write)
            os.close(reply_read)
            os.close(ready_read)
            raise
        finally:
            os.close(job_read)
            os.close(reply_write)
            os.close(ready_write)
        self.jobs = Connection(job_write, readable=False)
        self.replies = Connection(reply_read, writable=False)
        self.ready_fd = ready_read  # a byte comes once the worker has opened the store
        self.ready = False
        self.niceness = 0
        self.nice(FAST_NICE)
        self.jobs.send_bytes(json.dumps(asdict(config)).encode())

        # Killed and reaped when stopped, when garbage-collected, or when the interpreter exits.
        self.stop = weakref.finalize(
            self, _stop, self.process, self.jobs, self.replies, self.ready_fd
        )

    def nice(self, niceness: int) -> bool:
        """Set the worker's CPU priority to ``niceness`` below the web process's (0: the same;
        up to 19 lower); False if not allowed (only a privileged process may raise it again)."""
        try:
            own = os.getpriority(os.PRIO_PROCESS, 0)
            os.setpriority(os.PRIO_PROCESS, self.process.pid, min(19, own + niceness))
        except (PermissionError, ProcessLookupError):
            return False
        self.niceness = niceness
        return True

    def is_ready(self) -> bool:
        """Whether the worker has opened the store (and takes a job at once)."""
        if not self.ready and select.select([self.ready_fd], [], [], 0)[0]:
            self.ready = True
        return self.ready


def _exit_code(process: subprocess.Popen[bytes]) -> int | None:
    """The exit code of a worker whose pipe has closed; None if it is still running a moment
    later (its pipe closes just before it has exited)."""
    try:
        return process.wait(timeout=1.0)
    except subprocess.TimeoutExpired:
        return None


def _stop(
    process: subprocess.Popen[bytes], jobs: Connection, replies: Connection, ready: int
) -> None:
    """Kill the worker, which is harmless even when it is idle (it only reads), and reap it."""
    if process.poll() is None:
        process.kill()
    jobs.close()
    replies.close()
    os.close(ready)
    process.wait()


class QueryPool(Runner):
    """Worker processes over the store in ``store_path``, answering queries within ``timeout``
    seconds and ``memory`` bytes (0: no limit), in answers of at most ``max_bytes`` (0: no
    limit; more rows are cut).

    Raises (from :meth:`run`):
        MalformedQuery: the query does not parse.
        AnswerTooLarge: not one row of the answer fits in ``max_bytes``.
        QueryFailed: the engine failed, or the worker died.
        QueryTimeout: the query ran past ``timeout`` seconds; its worker was killed.
        OutOfMemory: the query needed more than ``memory`` bytes; its worker ended.
        QueryCrashed: the query crashed its worker (SIGSEGV …).
        Unavailable: every worker stayed busy for ``timeout`` seconds.
    """

    def __init__(
        self,
        store_path: Path,
        prefixes: Mapping[str, str],
        *,
        timeout: float,
        size: int = 2,
        max_size: int = 8,
        output_prefixes: Mapping[str, str] | None = None,
        memory: int = MEMORY,
        max_bytes: int = 0,
        lanes: Lanes | None = None,
    ) -> None:
        if size < 1 or max_size < size:
            raise ValueError(
                f"a pool needs 1 <= size <= max_size, not size={size} max_size={max_size}"
            )
        # Without lanes of its own: every worker a fast place, none slow (a query runs to the
        # time limit in the fast lane).
        self.lanes = lanes or Lanes(fast=max_size, slow=0, budget=timeout, reserve=False)
        if self.lanes.fast + self.lanes.slow > max_size:
            raise ValueError(
                f"lanes of {self.lanes.fast} fast and {self.lanes.slow} slow places need as many "
                f"workers, more than max_size={max_size}"
            )
        self.config = Config(
            str(store_path),
            dict(prefixes),
            dict(prefixes if output_prefixes is None else output_prefixes),
            memory,
            max_bytes,
        )
        self.timeout = timeout
        self.size = size
        self.max_size = max_size
        self._idle: list[_Worker] = []  # the last is the next to work
        self._workers: set[_Worker] = set()  # idle or busy
        self._closed = False
        self._lock = threading.Condition()
        with self._lock:
            for _ in range(size):
                self._idle.append(self._start())

    def run(self, job: PreparedQuery) -> Answer:
        """Evaluate ``job`` (made by :meth:`prepare`), blocking until it is answered."""
        deadline = time.monotonic() + self.timeout
        worker = self._send(job, self._acquire(deadline), deadline)
        if not worker.replies.poll(max(0.0, deadline - time.monotonic())):
            self._discard(worker)
            raise QueryTimeout(self._too_long())
        return self._receive(job, worker, deadline)

    async def run_async(self, job: PreparedQuery, client: str = "") -> Answer:
        """:meth:`run` for the event loop, in the pool's lanes (:mod:`api.sparql.lanes`) as a
        query of ``client``: it waits for a place and for the answer without holding a thread.

        Raises (besides those of :meth:`run`):
            TooManyQueries: the client has as many queries under way as it may.
            SlowLaneFull: the query outran the fast lane and the slow lane was full: stopped.
        """
        place = await self.lanes.enter(client)
        try:
            return await self._run_in(place, job)
        finally:
            self.lanes.leave(place)

    async def _run_in(self, place: Place, job: PreparedQuery) -> Answer:
        deadline = time.monotonic() + self.timeout
        worker = self._try_acquire(spare=not place.proven)
        if worker is None:  # the lanes admit no more queries than there are workers
            raise Unavailable(f"All {self.max_size} query workers are busy; try again shortly.")
        worker = self._send(job, worker, deadline)
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = worker.replies.fileno()
        loop.add_reader(fd, _resolve, ready)
        try:
            if not worker.is_ready():  # the fast lane's budget counts from the worker's start
                await self._started(worker, deadline)
            if self.lanes.budget < deadline - time.monotonic():
                done, _ = await asyncio.wait({ready}, timeout=self.lanes.budget)
                if not done:
                    if not self.lanes.promote(place):  # no room: stop it now
                        loop.remove_reader(fd)
                        await run_in_threadpool(self._discard, worker)
                        raise self.lanes.full(place)
                    worker.nice(SLOW_NICE)  # the fast lane's queries come first for the CPU
            place.quick = not place.slow and ready.done()
            if not ready.done():
                await asyncio.wait_for(ready, max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            loop.remove_reader(fd)
            await run_in_threadpool(self._discard, worker)  # it starts a replacement
            raise QueryTimeout(self._too_long()) from None
        except SparqlError:
            raise
        except BaseException:  # cancelled (the server stopping): stop the query too
            loop.remove_reader(fd)
            self._discard(worker)
            raise
        loop.remove_reader(fd)
        # uvloop leaves a watched descriptor non-blocking: a reply longer than the pipe holds at
        # once would then fail to read (EAGAIN) instead of waiting for the rest.
        os.set_blocking(fd, True)
        return self._receive(job, worker, deadline)

    async def _started(self, worker: _Worker, deadline: float) -> None:
        """Wait until ``worker`` has opened the store, or ``deadline``."""
        loop = asyncio.get_running_loop()
        started = loop.create_future()
        loop.add_reader(worker.ready_fd, _resolve, started)
        try:
            await asyncio.wait({started}, timeout=max(0.0, deadline - time.monotonic()))
        finally:
            loop.remove_reader(worker.ready_fd)
        worker.is_ready()

    def _send(self, job: PreparedQuery, worker: _Worker, deadline: float) -> _Worker:
        """Send ``job`` to ``worker``, or to a fresh worker if that one has died meanwhile."""
        try:
            worker.jobs.send_bytes(job.message)
        except OSError:  # it died while idle (killed from outside): try once with a fresh one
            self._discard(worker)
            worker = self._acquire(deadline)
            worker.jobs.send_bytes(job.message)
        return worker

    def _receive(self, job: PreparedQuery, worker: _Worker, deadline: float) -> Answer:
        """The answer ``worker`` has sent, or is sending."""
        try:
            reply = worker.replies.recv_bytes()
        except (EOFError, OSError) as e:
            ended = _exit_code(worker.process)
            self._discard(worker)
            if time.monotonic() >= deadline or ended == -signal.SIGALRM:
                raise QueryTimeout(self._too_long()) from e
            if ended == -signal.SIGABRT and self.config.memory:
                raise OutOfMemory(
                    f"The query needed more than the {self.config.memory / 2**20:g} MiB of "
                    "memory a query may use, and was stopped; narrow it (more specific patterns, "
                    "a LIMIT) or ask for less."
                ) from e
            if ended is not None and -ended in _CRASHES:
                raise QueryCrashed(
                    f"Evaluating the query crashed the engine (its worker process ended with "
                    f"{signal.Signals(-ended).name}); the endpoint carries on with a fresh worker, "
                    "but the same query would crash it again: simplify it (less nesting, fewer "
                    "patterns)."
                ) from e
            raise QueryFailed(
                f"the query's worker process ended without answering ({e!r}, exit code {ended})"
            ) from e
        self._release(worker)
        head, _, body = reply.partition(b"\n")
        header = json.loads(head)
        if header["status"] == "syntax":
            raise MalformedQuery(malformed(job.query, header["message"]))
        if header["status"] == "too_large":
            raise AnswerTooLarge(header["message"])
        if header["status"] != "ok":
            raise QueryFailed(f"The query could not be evaluated: {header['message']}")
        return Answer(body, BY_NAME[header["format"]], header["capped"])

    def _too_long(self) -> str:
        return (
            f"The query ran longer than the time limit of {self.timeout:g} s and was stopped; "
            "narrow it (more specific patterns, a LIMIT) or ask for less."
        )

    def _start(self) -> _Worker:
        """A new worker, counted in the pool (the caller holds the lock)."""
        try:
            worker = _Worker(self.config)
        except OSError as e:
            raise Unavailable(f"no query worker could be started: {e}") from e
        self._workers.add(worker)
        return worker

    def _take(self, spare: bool = False) -> _Worker | None:
        """An idle or new worker, or None when all ``max_size`` are busy (the caller holds the
        lock): one that is ready if there is one, or with ``spare``, if there are two (the
        last ready one is kept for a query of a proven client: see :mod:`api.sparql.lanes`)."""
        if self._closed:
            raise Unavailable("The SPARQL endpoint is shutting down.")
        ready = [i for i in range(len(self._idle) - 1, -1, -1) if self._idle[i].is_ready()]
        if len(ready) > (1 if spare else 0):  # the last used first
            return self._idle.pop(ready[0])
        starting = [i for i in range(len(self._idle) - 1, -1, -1) if i not in ready]
        if starting:  # the one started first
            return self._idle.pop(starting[0])
        if len(self._workers) < self.max_size:
            return self._start()
        if self._idle:
            return self._idle.pop()
        return None

    def _try_acquire(self, spare: bool = False) -> _Worker | None:
        with self._lock:
            return self._take(spare)

    def _acquire(self, deadline: float) -> _Worker:
        with self._lock:
            while (worker := self._take()) is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise Unavailable(
                        f"All {self.max_size} query workers stayed busy for {self.timeout:g} s; "
                        "try again shortly."
                    )
                self._lock.wait(remaining)
            return worker

    def _release(self, worker: _Worker) -> None:
        # a slow query's worker, if it may not be raised again: not to be used so again
        if worker.niceness != FAST_NICE and not worker.nice(FAST_NICE):
            self._discard(worker)
            return
        with self._lock:
            # A worker started under load stays: retiring it when the load dips and starting
            # another when it rises again made throughput fall as clients were added.
            retire = self._closed or len(self._idle) >= self.max_size
            if retire:
                self._workers.discard(worker)
            else:
                self._idle.append(worker)
            self._lock.notify()
        if retire:
            worker.stop()

    def _discard(self, worker: _Worker) -> None:
        """Kill ``worker`` (its query stops) and start its replacement at once, so that the
        next queries find it started (under load, starting takes a good part of a second)."""
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            if not self._closed and len(self._workers) < self.max_size:
                try:
                    fresh = self._start()
                except Unavailable:
                    pass  # the next query starts one, or says why it cannot
                else:
                    self._idle.insert(0, fresh)  # behind the warm ones: it is still starting
            self._lock.notify()

    @property
    def pids(self) -> list[int]:
        """The process ids of the workers, idle or busy."""
        with self._lock:
            return [w.process.pid for w in self._workers]

    @property
    def idle_pids(self) -> list[int]:
        """The process ids of the idle workers, the next to work last."""
        with self._lock:
            return [w.process.pid for w in self._idle]

    def retire(self) -> None:
        """Take no more queries: stop the idle workers now, and the busy ones as their queries
        finish (on the store they started on)."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._workers.difference_update(idle)
            self._lock.notify_all()
        for worker in idle:
            worker.stop()

    def close(self) -> None:
        """Stop every worker; a query still running is stopped too."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = list(self._workers.difference(idle))
            self._workers.clear()
            self._lock.notify_all()
        for worker in (*idle, *busy):
            worker.stop()
