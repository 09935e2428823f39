"""The three endpoints, each started as its own process on a free loopback port, waited for,
measured (resident memory from ``/proc``) and stopped:

- ``celac-kg``: ``.venv/bin/celac-kg serve --store DIR`` (SPARQL at ``/sparql``, pages at ``/id/…``)
- ``rdflib-endpoint``: ``rdflib-endpoint serve FILE.nq`` (rdflib in memory; ``/sparql``)
- ``oxigraph``: ``oxigraph load`` once, then ``oxigraph serve-read-only --union-default-graph``
  (``/query``)

All three answer queries over the union of the named graphs, as the project's store does.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench import refenv
from graph.paths import PROJECT_ROOT

OURS = "celac-kg"
RDFLIB = "rdflib-endpoint"
OXIGRAPH = "oxigraph"
ENDPOINTS = (OURS, RDFLIB, OXIGRAPH)
CELAC_KG = PROJECT_ROOT / ".venv" / "bin" / "celac-kg"
NO_ACCESS_LOG = "--no-access-log"


class ServerError(RuntimeError):
    """Raised when an endpoint does not start or stops answering; the message has its log's end."""


@dataclass
class Server:
    """A running endpoint."""

    name: str
    process: subprocess.Popen[bytes]
    base_url: str
    sparql_path: str
    log: Path
    startup_seconds: float = 0.0
    peak_mb: float = 0.0  # the most it and its children held while starting
    notes: list[str] = field(default_factory=list)

    @property
    def sparql_url(self) -> str:
        return self.base_url + self.sparql_path

    def cpu_seconds(self) -> tuple[float, float]:
        """CPU time (user and system) used so far by the server process, and by it with all its
        descendants, those it has already reaped included (our endpoint's query workers)."""
        main = cpu_seconds(self.process.pid)
        total = cpu_seconds(self.process.pid, reaped=True)
        total += sum(cpu_seconds(pid, reaped=True) for pid in descendants(self.process.pid))
        return main, total

    def rss_mb(self) -> tuple[float, float]:
        """Resident memory of the server process, and of it with all its descendants (workers)."""
        pids = [self.process.pid, *descendants(self.process.pid)]
        sizes = [rss_kib(pid) for pid in pids]
        return round(sizes[0] / 1024, 1), round(sum(sizes) / 1024, 1)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def rss_kib(pid: int) -> int:
    """VmRSS of ``pid`` in KiB, 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def cpu_seconds(pid: int, reaped: bool = False) -> float:
    """User and system CPU seconds of ``pid`` (with ``reaped``, and of the children it has waited
    for), read from ``/proc/<pid>/stat``; 0 if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    # Fields 14-17 (utime, stime, cutime, cstime); the command name, in parentheses, may hold
    # spaces, so they are counted from the last ")", after which field 3 comes.
    fields = stat.rsplit(")", 1)[1].split()
    ticks = sum(int(f) for f in fields[11 : 15 if reaped else 13])
    return ticks / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, read from ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name, in parentheses, may hold spaces: the fields follow the last ")".
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@dataclass(frozen=True)
class Loaded:
    """An Oxigraph server store, how long ``oxigraph load`` took, and whether it was there already."""

    location: Path
    seconds: float
    reused: bool


def load_oxigraph(nquads: Path, location: Path, binary: Path | None = None) -> Loaded:
    """Load ``nquads`` into an Oxigraph server store at ``location`` with ``binary`` (default: the
    reference environment's ``oxigraph``), timed; kept for later runs while ``nquads`` is the same
    file, unchanged.

    Raises:
        ServerError: ``oxigraph load`` failed.
    """
    marker = location / ".loaded"
    stamp = f"{nquads.resolve()} {nquads.stat().st_mtime_ns}"
    if marker.is_file():
        recorded, _, loaded = marker.read_text().partition(" ")
        if loaded == stamp:
            return Loaded(location, float(recorded), True)
    shutil.rmtree(location, ignore_errors=True)
    location.mkdir(parents=True, exist_ok=True)
    line = [str(binary or refenv.bin_path("oxigraph")), "load", "--location", str(location)]
    began = time.perf_counter()
    done = subprocess.run(  # noqa: S603
        [*line, "--file", str(nquads)], capture_output=True, text=True, check=False
    )
    seconds = round(time.perf_counter() - began, 2)
    if done.returncode != 0:
        raise ServerError(f"oxigraph load of {nquads} failed: {done.stderr.strip()[-800:]}")
    marker.write_text(f"{seconds} {stamp}")
    return Loaded(location, seconds, False)


def oxigraph_store(nquads: Path, location: Path) -> Path:
    """Load ``nquads`` into an Oxigraph server store at ``location`` (once: kept for later runs).

    Raises:
        ServerError: ``oxigraph load`` failed.
    """
    return load_oxigraph(nquads, location).location


@lru_cache(maxsize=1)
def serve_options() -> frozenset[str]:
    """The options ``celac-kg serve`` has (read from its ``--help``), empty if it cannot say."""
    try:
        done = subprocess.run(  # noqa: S603
            [str(CELAC_KG), "serve", "--help"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(re.findall(r"(?<![\w-])--[a-z][a-z-]*", done.stdout))


def command(name: str, store: Path, nquads: Path, port: int, workers: int) -> tuple[list[str], str]:
    """The command line that serves the dataset, and the path of its SPARQL endpoint."""
    if name == OURS:
        line = [str(CELAC_KG), "serve", "--store", str(store), "--host", "127.0.0.1"]
        line += ["--port", str(port), "--workers", str(workers)]
        if NO_ACCESS_LOG in serve_options():
            # A log line per request is ~5 % of a point lookup's time in the web process; the
            # environment variable (run.OUR_ENV) does the same for a version with no option.
            line.append(NO_ACCESS_LOG)
        return line, "/sparql"
    if name == RDFLIB:
        line = [str(refenv.bin_path("rdflib-endpoint")), "serve", str(nquads)]
        # Its CLI serves the endpoint at the root, whatever its help says.
        return line + ["--host", "127.0.0.1", "--port", str(port)], "/"
    if name == OXIGRAPH:
        line = [str(refenv.bin_path("oxigraph")), "serve-read-only", "--location", str(store)]
        return line + ["--bind", f"127.0.0.1:{port}", "--union-default-graph"], "/query"
    raise ValueError(f"no endpoint {name!r}; the endpoints are {', '.join(ENDPOINTS)}")


@contextmanager
def serve(
    name: str,
    store: Path,
    nquads: Path,
    logs: Path,
    workers: int = 1,
    startup_timeout: float = 900.0,
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """Start endpoint ``name`` over the dataset, wait until it answers, stop it afterwards.

    ``store`` is the build folder for ``celac-kg``, the Oxigraph server's store folder for
    ``oxigraph``; rdflib-endpoint loads ``nquads`` into memory.

    Raises:
        ServerError: it exits, or does not answer within ``startup_timeout`` seconds.
    """
    port = free_port()
    line, sparql_path = command(name, store, nquads, port, workers)
    base = f"http://127.0.0.1:{port}"
    log = logs / f"{name}-{port}.log"
    with spawn(name, line, base, sparql_path, log, startup_timeout, env) as server:
        yield server


@contextmanager
def spawn(
    name: str,
    line: list[str],
    base_url: str,
    sparql_path: str,
    log: Path,
    timeout: float,
    env: dict[str, str] | None = None,
    max_rss_mb: float = math.inf,
) -> Iterator[Server]:
    """Run ``line`` in a session of its own, logging to ``log``; wait until its SPARQL endpoint
    (``base_url`` + ``sparql_path``) answers ASK, and stop it and its children afterwards.

    Raises:
        ServerError: it exits first, does not answer within ``timeout`` seconds, or holds more
            than ``max_rss_mb`` of resident memory (itself and its children) while starting.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603
            line,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_ROOT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
    server = Server(name, process, base_url, sparql_path, log)
    try:
        _wait(server, timeout, max_rss_mb)
        server.startup_seconds = round(time.perf_counter() - started, 2)
        yield server
    finally:
        _stop(process)


def _wait(server: Server, timeout: float, max_rss_mb: float = math.inf) -> None:
    url = f"{server.sparql_url}?{urlencode({'query': 'ASK { ?s ?p ?o }'})}"
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(
                f"{server.name} exited with {server.process.returncode} before answering: "
                f"{tail(server.log)}"
            )
        try:
            r = httpx.get(url, headers={"Accept": "application/sparql-results+json"}, timeout=5)
            if r.status_code == 200:
                return
            last = f"HTTP {r.status_code}: {r.text[:200]}"
            if 400 <= r.status_code < 500:
                raise ServerError(f"{server.name} refuses ASK at {server.sparql_url}: {last}")
        except httpx.TransportError as e:
            last = f"{type(e).__name__}: {e}"
        server.peak_mb = max(server.peak_mb, server.rss_mb()[1])
        if server.peak_mb > max_rss_mb:  # a shared machine: stop before it runs short
            raise ServerError(
                f"{server.name} was stopped while starting, when its resident memory reached "
                f"{server.peak_mb:,.0f} MB (the limit set is {max_rss_mb:,.0f} MB)"
            )
        time.sleep(0.25)
    raise ServerError(
        f"{server.name} did not answer ASK at {server.sparql_url} within {timeout:.0f} s "
        f"({last}; resident memory had reached {server.peak_mb:,.0f} MB); log: {tail(server.log)}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    # Its own session: the signal reaches the workers it started too.
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)


def tail(log: Path, size: int = 800) -> str:
    """The end of a log file, on one line."""
    try:
        data = log.read_bytes()[-size:]
    except OSError:
        return "(no log)"
    return " | ".join(data.decode("utf-8", "replace").split("\n")).strip() or "(empty log)"
