"""What grows with the corpus: the real graph and the synthetic one at 10x, 100x and 1000x it.

For each scale: the time to generate the N-Quads and their size, the time to load them into an
embedded store and its size on disk; ``celac-kg serve`` over that store (its start-up, which
builds the pages' catalog and search index; resident memory after start and after the first home
page, search and VoID description; the query workers' memory), single-client latency of a point
lookup, a lineage query and a count per plan (``bench/queries``) and of a mandate page; then the
same data loaded into an Oxigraph server and served by ``celac-kg serve --store http://…/query``,
to show what the remote path costs, and the engine asked directly, with every graph named as the
remote store names them and with its union default graph. Writes ``docs/scaling.json`` after
every scale (``--merge`` keeps the scales of an earlier run) and prints a table. A scale that
would not fit in the time budget, judged from the previous one, is not measured; a figure not
measured at a scale is extrapolated along the trend of the two scales below it, and marked so.

    .venv/bin/python -m bench.scaling [--scales real,10x,100x,1000x] [--budget 1500]
    .venv/bin/python -m bench.scaling --report
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from random import Random
from types import FrameType
from typing import Any
from urllib.parse import urlencode

import httpx
from pyoxigraph import Literal, NamedNode, RdfFormat, Store

from bench.generate import GENERATOR_VERSION, write_nquads
from bench.machine import machine
from bench.pages import local_path
from bench.queries import Query, read_all, request_path
from bench.servers import CELAC_KG, descendants, free_port, rss_kib, tail
from graph.namespaces import CELAC
from graph.paths import PROJECT_ROOT
from graph.publish import BUILDS, CURRENT, DUMP_NAME

REAL_DATA = PROJECT_ROOT / "data"
OXIGRAPH = PROJECT_ROOT / ".venv" / "bin" / "oxigraph"
WORK = PROJECT_ROOT / "bench" / "work" / "scaling"
OUT = PROJECT_ROOT / "docs" / "scaling.json"
QUERIES = ("point", "lineage", "count_per_plan")
MANIFEST = "scaling.json"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SCALE = re.compile(r"^(real|([0-9]+)x)$")
_WORD = re.compile(r"[^\W\d_]{6,}")


class ScalingError(RuntimeError):
    """Raised when a server does not start, or a scale cannot be measured; says which and why."""


# -- the pure parts -------------------------------------------------------------------------


def parse_scales(text: str) -> list[int]:
    """``"real,10x,100x"`` → ``[1, 10, 100]``: factors of the real corpus, in increasing order.

    Raises:
        ValueError: a part is neither ``real`` nor ``<n>x`` with n ≥ 1, or none is given.
    """
    factors: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        m = _SCALE.match(part)
        if not m or (m.group(2) is not None and int(m.group(2)) < 1):
            raise ValueError(f"scale {part!r} is not 'real' or a factor such as 10x, 100x, 1000x")
        factors.add(1 if m.group(2) is None else int(m.group(2)))
    if not factors:
        raise ValueError(f"no scale in {text!r}: give e.g. real,10x,100x")
    return sorted(factors)


def scale_label(factor: int) -> str:
    """1 → ``"real"``, 10 → ``"10x"``."""
    return "real" if factor == 1 else f"{factor}x"


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) of ``values``, linearly interpolated between the two
    nearest ranks (numpy's default).

    Raises:
        ValueError: ``values`` is empty, or ``q`` is outside 0–100.
    """
    if not values:
        raise ValueError("no values: a percentile of nothing is undefined")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q!r} is outside 0–100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def exponent(x1: float, y1: float, x2: float, y2: float) -> float | None:
    """The b of y ∝ x^b through two points (the slope on log-log axes); None when a value is not
    positive or the xs are equal."""
    if min(x1, y1, x2, y2) <= 0 or x1 == x2:
        return None
    return math.log(y2 / y1) / math.log(x2 / x1)


def growth(b: float | None) -> str:
    """How a figure grows with the corpus, from its exponent: constant, sub-linear, linear or
    super-linear (``n/a`` when unknown)."""
    if b is None:
        return "n/a"
    if b < 0.2:
        return "constant"
    if b < 0.8:
        return "sub-linear"
    if b <= 1.2:
        return "linear"
    return "super-linear"


def extrapolate(x1: float, y1: float, x2: float, y2: float, x: float) -> float | None:
    """y at ``x`` on the power law through (x1, y1) and (x2, y2); None when there is none."""
    b = exponent(x1, y1, x2, y2)
    if b is None:
        return None
    return float(y2 * (x / x2) ** b)


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """The numbers of a nested record, by dotted path: ``{"a": {"b": 1}}`` → ``{"a.b": 1.0}``."""
    out: dict[str, float] = {}
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[path] = float(value)
    return out


def trend(points: Sequence[tuple[float, dict[str, Any]]], x: float) -> dict[str, float]:
    """Every figure of the records ``points`` (x, record), extrapolated to ``x`` along the power
    law through the last two records that hold it; a figure fewer than two hold is left out."""
    flat = [(px, flatten(r)) for px, r in points]
    found: dict[str, float] = {}
    for key in sorted({k for _, f in flat for k in f}):
        having = [(px, f[key]) for px, f in flat if key in f]
        if len(having) < 2:
            continue
        (x1, y1), (x2, y2) = having[-2:]
        y = extrapolate(x1, y1, x2, y2, x)
        if y is not None:
            found[key] = round(y, 3)
    return found


def estimate_seconds(done: dict[str, float], ratio: float, reusable: bool) -> float:
    """The wall time a scale ``ratio`` times bigger than one measured would take: its data
    preparation (unless the files are there already) and start-ups grow with it; the query
    samples are capped in time, so they do not."""
    data = 0.0 if reusable else done.get("data", 0.0) * ratio
    return data + done.get("startup", 0.0) * ratio + done.get("queries", 0.0)


# -- the data -------------------------------------------------------------------------------


@dataclass
class Data:
    """A dataset laid out like a build (``folder/current/{store,dumps}``), with how it was made."""

    factor: int
    folder: Path
    nquads: Path
    quads: int
    generate_s: float | None  # None for the real corpus, made by `celac-kg build`
    nquads_bytes: int
    load_s: float
    store_bytes: int
    reused: bool = False

    @property
    def store(self) -> Path:
        return self.folder / CURRENT / "store"


def disk_bytes(path: Path) -> int:
    """Bytes of the files under ``path`` (or of ``path``, a file)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _load(nquads: Path, store_dir: Path) -> float:
    shutil.rmtree(store_dir, ignore_errors=True)
    started = time.perf_counter()
    store = Store(str(store_dir))
    store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
    store.flush()
    store.optimize()
    del store
    return time.perf_counter() - started


def prepare(factor: int, real_quads: int, seed: int, work: Path) -> Data:
    """The dataset of ``factor`` times the real corpus in ``work`` (reused when there with the
    same generator, size and seed): generated, written as N-Quads and loaded, each timed. For
    the real corpus (factor 1) its build's N-Quads dump is loaded into a scratch store (timed),
    and the build in ``data/`` is what is served."""
    folder = work / scale_label(factor)
    manifest = folder / CURRENT / MANIFEST
    target = real_quads * factor
    wanted = {"generator": GENERATOR_VERSION, "target": target, "seed": seed}
    if manifest.is_file():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if {k: found.get(k) for k in wanted} == wanted:
            return Data(**_paths(folder, factor), **found["data"], reused=True)
    build = folder / BUILDS / f"scaling-{scale_label(factor)}-{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    nq = build / "dumps" / f"{DUMP_NAME}.nq"
    if factor == 1:
        nq.parent.mkdir(parents=True)
        shutil.copyfile(REAL_DATA / CURRENT / "dumps" / f"{DUMP_NAME}.nq", nq)
        generate_s = None
        quads = real_quads
    else:
        started = time.perf_counter()
        quads, _ = write_nquads(target, seed, nq)
        generate_s = round(time.perf_counter() - started, 2)
    load_s = round(_load(nq, build / "store"), 2)
    (folder / CURRENT).symlink_to(build.relative_to(folder))
    record: dict[str, Any] = {
        "quads": quads,
        "generate_s": generate_s,
        "nquads_bytes": disk_bytes(nq),
        "load_s": load_s,
        "store_bytes": disk_bytes(build / "store"),
    }
    manifest.write_text(json.dumps({**wanted, "data": record}, indent=2), encoding="utf-8")
    return Data(factor=factor, folder=folder, nquads=nq, **record)


def _paths(folder: Path, factor: int) -> dict[str, Any]:
    return {
        "factor": factor,
        "folder": folder,
        "nquads": folder / CURRENT / "dumps" / f"{DUMP_NAME}.nq",
    }


def count_quads(nquads: Path) -> int:
    """Quads in an N-Quads file: its non-blank lines that are not comments."""
    with nquads.open("rb") as f:
        return sum(1 for line in f if line.strip() and not line.lstrip().startswith(b"#"))


@dataclass
class Sample:
    """What the served store holds, and what to ask it."""

    mandates: int
    plans: int
    iris: list[str]  # a random sample of mandates
    word: str  # a word of a mandate's text, to search for


def sample(store_dir: Path, size: int, seed: int) -> Sample:
    """``size`` mandate IRIs drawn at random (one pass, reservoir sampling), the counts of
    mandates and plans, and a search word, read from the store in ``store_dir``."""
    store = Store.read_only(str(store_dir))
    rng = Random(seed)  # noqa: S311 (a benchmark's sample, reproducible from the seed)
    chosen: list[str] = []
    mandates = 0
    for quad in store.quads_for_pattern(None, RDF_TYPE, NamedNode(str(CELAC.Mandate)), None):
        if not isinstance(quad.subject, NamedNode):
            continue
        mandates += 1
        iri = quad.subject.value
        if len(chosen) < size:
            chosen.append(iri)
        else:
            j = rng.randrange(mandates)
            if j < size:
                chosen[j] = iri
    plans = sum(1 for _ in store.quads_for_pattern(None, RDF_TYPE, NamedNode(str(CELAC.Plan))))
    word = ""
    for iri in chosen:
        for quad in store.quads_for_pattern(NamedNode(iri), NamedNode(str(CELAC.text)), None):
            if isinstance(quad.object, Literal):
                words = _WORD.findall(quad.object.value)
                if words:
                    word = max(words, key=len).lower()
                    break
        if word:
            break
    del store
    if not chosen:
        raise ScalingError(f"the store in {store_dir} holds no celac:Mandate to ask for")
    return Sample(mandates, plans, sorted(chosen), word)


# -- the servers ----------------------------------------------------------------------------


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    startup_s: float = 0.0
    peak_mb: float = 0.0  # the most the process and its children held while starting

    def rss_mb(self) -> tuple[float, float]:
        """Resident memory of the process itself, and of its descendants (query workers)."""
        own = rss_kib(self.popen.pid) / 1024
        below = sum(rss_kib(pid) for pid in descendants(self.popen.pid)) / 1024
        return round(own, 1), round(below, 1)


def _stop(popen: subprocess.Popen[bytes]) -> None:
    if popen.poll() is not None:
        return
    os.killpg(popen.pid, signal.SIGTERM)  # its own session: its workers get it too
    try:
        popen.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(popen.pid, signal.SIGKILL)
        popen.wait(timeout=30)


@contextmanager
def started(
    name: str,
    line: list[str],
    ready: str,
    logs: Path,
    timeout: float,
    env: dict[str, str],
    max_rss_mb: float = math.inf,
) -> Iterator[Process]:
    """Run ``line`` in a session of its own, wait until ``ready`` (a URL) answers 200, and stop
    it (and its children) afterwards.

    Raises:
        ScalingError: it exits first, or does not answer within ``timeout`` seconds.
    """
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{name}.log"
    begun = time.perf_counter()
    with log.open("wb") as out:
        popen = subprocess.Popen(  # noqa: S603
            line,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            start_new_session=True,
        )
    process = Process(name, popen, log)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if popen.poll() is not None:
                raise ScalingError(f"{name} exited with {popen.returncode}: {tail(log)}")
            try:
                if httpx.get(ready, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            own, below = process.rss_mb()
            process.peak_mb = max(process.peak_mb, own + below)
            if process.peak_mb > max_rss_mb:  # a shared machine: stop before it runs short
                raise ScalingError(
                    f"{name} was stopped while starting, after {time.perf_counter() - begun:.0f} "
                    f"s, when its resident memory reached {process.peak_mb:,.0f} MB (the limit "
                    f"set is {max_rss_mb:,.0f} MB)"
                )
            if time.monotonic() > deadline:
                raise ScalingError(
                    f"{name} did not answer {ready} within {timeout:.0f} s; resident memory "
                    f"had reached {process.peak_mb:,.0f} MB"
                )
            time.sleep(0.1)
        process.startup_s = round(time.perf_counter() - begun, 2)
        yield process
    finally:
        _stop(popen)


def serve_line(store: str, port: int) -> list[str]:
    return [str(CELAC_KG), "serve", "--store", store, "--host", "127.0.0.1", "--port", str(port)]


def _ask(sparql_url: str) -> str:
    return f"{sparql_url}?{urlencode({'query': 'ASK { ?s ?p ?o }'})}"


# -- timing ---------------------------------------------------------------------------------


@dataclass
class Timing:
    """Single-client latency of one kind of request."""

    n: int
    p50_ms: float | None
    p95_ms: float | None
    errors: int = 0
    error: str = ""

    @classmethod
    def of(cls, seconds: Sequence[float], errors: int, error: str) -> Timing:
        if not seconds:
            return cls(0, None, None, errors, error)
        ms = [s * 1000 for s in seconds]
        return cls(
            len(ms), round(percentile(ms, 50), 2), round(percentile(ms, 95), 2), errors, error
        )


@dataclass(frozen=True)
class Ask:
    """One request: a GET of ``url``, or a POST of ``form`` (URL-encoded) when it is given."""

    url: str
    headers: dict[str, str]
    form: str | None = None

    def send(self, client: httpx.Client) -> httpx.Response:
        if self.form is None:
            return client.get(self.url, headers=self.headers)
        headers = {**self.headers, "Content-Type": "application/x-www-form-urlencoded"}
        return client.post(self.url, headers=headers, content=self.form.encode())


def timed(
    client: httpx.Client, requests: Sequence[Ask], max_seconds: float, min_count: int = 3
) -> Timing:
    """Send ``requests`` one after the other, after one untimed, until all are sent or
    ``max_seconds`` have passed (but at least ``min_count``)."""
    begun = time.perf_counter()
    try:
        first = requests[0].send(client)
    except httpx.HTTPError as e:  # a timeout: no use trying the others
        return Timing.of([], 1, f"{type(e).__name__} on the first request: {e}")
    elapsed = time.perf_counter() - begun
    if first.status_code == 200 and elapsed > max_seconds:  # one is all the time allows
        return Timing.of([elapsed], 0, "")
    seconds: list[float] = []
    errors, error = 0, ""
    deadline = time.monotonic() + max_seconds
    for i, ask in enumerate(requests):
        if i >= min_count and time.monotonic() > deadline:
            break
        begun = time.perf_counter()
        try:
            r = ask.send(client)
            ok, why = r.status_code == 200, f"HTTP {r.status_code}: {r.text[:300]}"
        except httpx.HTTPError as e:
            ok, why = False, f"{type(e).__name__}: {e}"
        elapsed = time.perf_counter() - begun
        if ok:
            seconds.append(elapsed)
        else:
            errors += 1
            error = error or why
    return Timing.of(seconds, errors, error)


def repeat(asks: Sequence[Ask], count: int) -> list[Ask]:
    """``count`` requests, going round ``asks`` as often as needed."""
    return [asks[i % len(asks)] for i in range(count)] if asks else []


def once(
    client: httpx.Client, url: str, headers: dict[str, str] | None = None, timeout: float = 600
) -> float | None:
    """Seconds one GET of ``url`` takes; None if it takes more than ``timeout``.

    Raises:
        ScalingError: it is not answered 200.
    """
    begun = time.perf_counter()
    try:
        r = client.get(url, headers=headers or {}, timeout=timeout)
    except httpx.TimeoutException:
        return None
    elapsed = time.perf_counter() - begun
    if r.status_code != 200:
        raise ScalingError(f"GET {url} answered {r.status_code}: {r.text[:300]}")
    return round(elapsed, 3)


def query_requests(
    base: str, path: str, query: Query, iris: Sequence[str], count: int, seed: int
) -> list[Ask]:
    """``count`` requests of ``query`` by GET, a random mandate of ``iris`` in each."""
    rng = Random(seed)  # noqa: S311 (a benchmark's sample, reproducible from the seed)
    texts = query.instances(iris, ["cooperación"], count, rng)
    asks = [Ask(base + request_path(path, t), {"Accept": query.accept}) for t in texts]
    return repeat(asks, count)


# -- one scale ------------------------------------------------------------------------------


@dataclass
class Options:
    scales: list[int]
    seed: int = 42
    requests: int = 300
    seconds: float = 15.0
    budget: float = 1500.0
    remote: bool = True
    startup_timeout: float = 1800.0
    void_timeout: float = 600.0
    merge: bool = False
    direct_timeout: float = 300.0
    max_rss_mb: float = math.inf
    remote_startup_timeout: float = 600.0
    work: Path = WORK
    out: Path = OUT
    env: dict[str, str] = field(
        default_factory=lambda: {"CELAC_KG_QUERY_TIMEOUT": "300", "CELAC_KG_ACCESS_LOG": "0"}
    )


def measure_queries(
    client: httpx.Client, base: str, path: str, s: Sample, o: Options
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for q in read_all(only=QUERIES):
        requests = query_requests(base, path, q, s.iris, o.requests, o.seed)
        out[q.name] = asdict(timed(client, requests, o.seconds))
    return out


def measure_embedded(data_dir: Path, s: Sample, o: Options) -> dict[str, Any]:
    """``celac-kg serve`` over the embedded store in ``data_dir``."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    line = [*serve_line(str(data_dir), port), "--no-access-log"]
    with (
        started(
            "celac-kg-embedded",
            line,
            _ask(base + "/sparql"),
            o.work / "logs",
            o.startup_timeout,
            o.env,
            o.max_rss_mb,
        ) as p,
        httpx.Client(timeout=600) as client,
    ):
        rss, workers = p.rss_mb()
        html = {"Accept": "text/html"}
        first = {
            "home_s": once(client, base + "/", html),
            "search_s": once(client, f"{base}/search?{urlencode({'q': s.word})}", html),
            "void_s": once(
                client, base + "/.well-known/void", {"Accept": "text/turtle"}, o.void_timeout
            )
            if o.void_timeout > 0
            else None,
        }
        rss_after, workers_after = p.rss_mb()
        again = {
            "home_s": once(client, base + "/", html),
            "search_s": once(client, f"{base}/search?{urlencode({'q': s.word})}", html),
        }
        queries = measure_queries(client, base, "/sparql", s, o)
        pages = repeat([Ask(base + local_path(iri), html) for iri in s.iris], o.requests)
        mandate_page = asdict(timed(client, pages, o.seconds))
        rss_end, workers_end = p.rss_mb()
    return {
        "startup_s": p.startup_s,
        "rss_start_mb": rss,
        "workers_rss_start_mb": workers,
        "first": first,
        "second": again,
        "rss_after_pages_mb": rss_after,
        "workers_rss_after_pages_mb": workers_after,
        "rss_end_mb": rss_end,
        "workers_rss_end_mb": workers_end,
        "queries": queries,
        "mandate_page": mandate_page,
    }


def oxigraph_location(d: Data, work: Path) -> tuple[Path, float, bool]:
    """An Oxigraph server store holding ``d`` (``oxigraph load``, timed; kept for later runs)."""
    location = work / f"{scale_label(d.factor)}-oxigraph"
    marker = location / ".scaling-loaded"
    stamp = f"{d.nquads.resolve()} {d.nquads.stat().st_mtime_ns}"
    if marker.is_file():
        recorded, _, loaded = marker.read_text().partition(" ")
        if loaded == stamp:
            return location, float(recorded), True
    shutil.rmtree(location, ignore_errors=True)
    location.mkdir(parents=True)
    begun = time.perf_counter()
    done = subprocess.run(  # noqa: S603
        [str(OXIGRAPH), "load", "--location", str(location), "--file", str(d.nquads)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = round(time.perf_counter() - begun, 2)
    if done.returncode != 0:
        raise ScalingError(f"oxigraph load of {d.nquads} failed: {done.stderr.strip()[-600:]}")
    marker.write_text(f"{seconds} {stamp}")
    return location, seconds, False


def measure_remote(d: Data, s: Sample, o: Options) -> dict[str, Any]:
    """The same data in an Oxigraph server, served by ``celac-kg serve --store URL``; the engine
    asked directly, with every graph named as the remote store names them, and then (restarted
    with ``--union-default-graph``) with nothing named. What fails is recorded, not raised."""
    location, load_s, reused = oxigraph_location(d, o.work)
    engine_port, port = free_port(), free_port()
    engine = f"http://127.0.0.1:{engine_port}"
    base = f"http://127.0.0.1:{port}"
    engine_line = [str(OXIGRAPH), "serve", "--location", str(location)]
    engine_line += ["--bind", f"127.0.0.1:{engine_port}"]
    line = [*serve_line(engine + "/query", port), "--no-access-log"]
    logs = o.work / "logs"
    out: dict[str, Any] = {
        "oxigraph_load_s": load_s,
        "oxigraph_load_reused": reused,
        "oxigraph_store_bytes": disk_bytes(location),
    }
    with started("oxigraph", engine_line, _ask(engine + "/query"), logs, 1800, {}) as ox:
        out["engine_startup_s"] = ox.startup_s
        out["engine_rss_start_mb"] = ox.rss_mb()[0]
        try:
            out.update(_served_remote(line, base, logs, s, o))
        except ScalingError as e:
            out["error"] = str(e)
        with httpx.Client(timeout=o.direct_timeout) as client:
            out["engine_direct"] = measure_direct(client, engine, s, o, union=False)
        out["engine_rss_end_mb"] = ox.rss_mb()[0]
    union_line = [str(OXIGRAPH), "serve-read-only", "--location", str(location)]
    union_line += ["--bind", f"127.0.0.1:{engine_port}", "--union-default-graph"]
    with (
        started("oxigraph-union", union_line, _ask(engine + "/query"), logs, 1800, {}),
        httpx.Client(timeout=600) as client,
    ):
        out["engine_union"] = measure_direct(client, engine, s, o, union=True)
    return out


def _served_remote(line: list[str], base: str, logs: Path, s: Sample, o: Options) -> dict[str, Any]:
    with (
        started(
            "celac-kg-remote", line, _ask(base + "/sparql"), logs, o.remote_startup_timeout, o.env
        ) as p,
        httpx.Client(timeout=600) as client,
    ):
        rss, workers = p.rss_mb()
        queries = measure_queries(client, base, "/sparql", s, o)
        html = {"Accept": "text/html"}
        pages = repeat([Ask(base + local_path(iri), html) for iri in s.iris], o.requests)
        mandate_page = asdict(timed(client, pages, o.seconds))
        rss_end, workers_end = p.rss_mb()
    return {
        "startup_s": p.startup_s,
        "rss_start_mb": rss,
        "workers_rss_start_mb": workers,
        "rss_end_mb": rss_end,
        "workers_rss_end_mb": workers_end,
        "queries": queries,
        "mandate_page": mandate_page,
    }


def measure_direct(
    client: httpx.Client, engine: str, s: Sample, o: Options, *, union: bool
) -> dict[str, Any]:
    """The three queries sent straight to the engine by URL-encoded POST: with ``union`` (an
    engine started with ``--union-default-graph``) as they are, else with every graph named as
    default and named graph, as :class:`graph.remote.RemoteStore` names them (in the body, where
    their length is not bounded by the engine's limit on headers)."""
    dataset: list[tuple[str, str]] = []
    if not union:
        listing = client.post(
            engine + "/query",
            data={"query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"},
        )
        graphs = [b["g"]["value"] for b in listing.json()["results"]["bindings"]]
        dataset = [("default-graph-uri", g) for g in graphs]
        dataset += [("named-graph-uri", g) for g in graphs]
    rng = Random(o.seed)  # noqa: S311 (a benchmark's sample, reproducible from the seed)
    out: dict[str, Any] = {}
    for q in read_all(only=QUERIES):
        asks = [
            Ask(engine + "/query", {"Accept": q.accept}, urlencode([("query", t), *dataset]))
            for t in q.instances(s.iris, ["cooperación"], o.requests, rng)
        ]
        out[q.name] = asdict(timed(client, repeat(asks, o.requests), o.seconds))
    return out


def measure(d: Data, o: Options) -> dict[str, Any]:
    """Every figure of one scale."""
    s = sample(d.store, 200, o.seed)
    record: dict[str, Any] = {
        "scale": scale_label(d.factor),
        "factor": d.factor,
        "measured": True,
        "quads": d.quads,
        "plans": s.plans,
        "mandates": s.mandates,
        "generate_s": d.generate_s,
        "nquads_bytes": d.nquads_bytes,
        "load_s": d.load_s,
        "store_bytes": d.store_bytes,
        "data_reused": d.reused,
        "search_word": s.word,
    }
    served = REAL_DATA if d.factor == 1 else d.folder
    timings: dict[str, float] = {}
    begun = time.perf_counter()
    try:
        record["embedded"] = measure_embedded(served, s, o)
    except ScalingError as e:
        record["embedded"] = {"error": str(e)}
        _progress(f"{record['scale']}: {e}")
    timings["embedded"] = time.perf_counter() - begun
    if o.remote:
        begun = time.perf_counter()
        record["remote"] = measure_remote(d, s, o)
        timings["remote"] = time.perf_counter() - begun
    record["wall_s"] = {k: round(v, 1) for k, v in timings.items()}
    return record


# -- the run --------------------------------------------------------------------------------


def _progress(text: str) -> None:
    sys.stdout.write(f"[{datetime.now(UTC):%H:%M:%S}] {text}\n")
    sys.stdout.flush()


def _load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(o: Options) -> dict[str, Any]:
    """Measure every scale of ``o`` that fits in the budget, extrapolate the rest; write
    ``o.out`` and return what was written."""
    real_nq = REAL_DATA / CURRENT / "dumps" / f"{DUMP_NAME}.nq"
    if not real_nq.is_file():
        raise ScalingError(f"no N-Quads dump of the real corpus at {real_nq}: run `make build`")
    real_quads = count_quads(real_nq)
    begun = time.monotonic()
    result: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "versions": {n: version(n) for n in ("celac-kg", "pyoxigraph", "uvicorn", "httpx")},
        "oxigraph_server": _oxigraph_version(),
        "real_quads": real_quads,
        "seed": o.seed,
        "requests": o.requests,
        "seconds_per_query": o.seconds,
        "budget_s": o.budget,
        "load_average_start": _load_average(),
        "scales": [],
    }
    before = json.loads(o.out.read_text(encoding="utf-8")) if o.merge and o.out.is_file() else None
    measured: list[tuple[float, dict[str, Any]]] = []
    spent: dict[str, float] = {}
    for factor in o.scales:
        label = scale_label(factor)
        if measured:
            previous = measured[-1][0]
            reusable = _reusable(o.work / label, real_quads * factor, o.seed)
            need = estimate_seconds(spent, factor / previous, reusable)
            left = o.budget - (time.monotonic() - begun)
            if need > left:
                _progress(
                    f"{label}: about {need:.0f} s needed, {left:.0f} s left: extrapolated, "
                    "not measured"
                )
                result["scales"].append(_skipped(factor, need, left))
                continue
        _progress(f"{label}: data ({real_quads * factor:,} quads)")
        t0 = time.perf_counter()
        d = prepare(factor, real_quads, o.seed, o.work)
        data_s = time.perf_counter() - t0
        _progress(f"{label}: served")
        record = measure(d, o)
        record["wall_s"]["data"] = round(data_s, 1)
        result["scales"].append(record)
        measured.append((float(factor), record))
        spent = _spent(record, data_s, d.reused)
        _write(result, o, before)
        _progress(f"{label}: done in {sum(record['wall_s'].values()):.0f} s")
    return _write(result, o, before)


def _write(result: dict[str, Any], o: Options, before: dict[str, Any] | None) -> dict[str, Any]:
    """``result`` with the scales of ``before`` that were not measured again, the extrapolations
    and the growth table, written to ``o.out`` (after every scale, so a run cut short keeps what
    it measured)."""
    out = {**result, "load_average_end": _load_average()}
    scales = [dict(r) for r in result["scales"]]
    if before is not None:
        done = {r["factor"] for r in scales}
        kept = [r for r in before["scales"] if r["measured"] and r["factor"] not in done]
        scales = sorted([*kept, *scales], key=lambda r: r["factor"])
        out["merged"] = [
            {
                "scale": r["scale"],
                "date": before["date"],
                "load_average": before["load_average_start"],
            }
            for r in kept
        ]
    out["scales"] = scales
    derive(out)
    o.out.parent.mkdir(parents=True, exist_ok=True)
    o.out.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def derive(result: dict[str, Any]) -> dict[str, Any]:
    """Add to ``result``, in place, what follows from its measured scales: for each scale, the
    figures it lacks extrapolated from the two scales below it that measured each
    (``figures``), and the growth table."""
    measured = [(float(r["factor"]), r) for r in result["scales"] if r["measured"]]
    for r in result["scales"]:
        r.pop("figures", None)
        below = [m for m in measured if m[0] < r["factor"]]
        have = flatten(r) if r["measured"] else {}
        missing = {k: v for k, v in trend(below, float(r["factor"])).items() if k not in have}
        if missing:
            r["figures"] = missing
            r["extrapolated_from"] = [m[1]["scale"] for m in below[-2:]]
    result["growth"] = growth_table(measured)
    return result


def _complete(record: dict[str, Any]) -> bool:
    """Whether a scale was measured, its embedded serving included."""
    return bool(record["measured"] and "error" not in record.get("embedded", {"error": ""}))


def _spent(record: dict[str, Any], data_s: float, reused: bool) -> dict[str, float]:
    """Where a measured scale's wall time went: data, start-ups, capped query samples."""
    embedded, remote = record["embedded"], record.get("remote", {})
    startup = (
        embedded.get("startup_s", 0.0)
        + remote.get("startup_s", 0.0)
        + remote.get("engine_startup_s", 0.0)
    )
    startup += sum(v for v in embedded.get("first", {}).values() if v is not None)
    data = (record["generate_s"] or 0.0) + record["load_s"] + remote.get("oxigraph_load_s", 0.0)
    if not reused:
        data = max(data, data_s)
    total = sum(v for k, v in record["wall_s"].items() if k != "data")
    return {"data": data, "startup": startup, "queries": max(0.0, total - startup)}


def _reusable(folder: Path, target: int, seed: int) -> bool:
    manifest = folder / CURRENT / MANIFEST
    if not manifest.is_file():
        return False
    found = json.loads(manifest.read_text(encoding="utf-8"))
    return bool(
        found.get("generator") == GENERATOR_VERSION
        and found.get("target") == target
        and found.get("seed") == seed
    )


def _skipped(factor: int, need: float, left: float) -> dict[str, Any]:
    return {
        "scale": scale_label(factor),
        "factor": factor,
        "measured": False,
        "why": f"estimated {need:.0f} s to measure, {left:.0f} s of the budget left",
    }


def growth_table(measured: list[tuple[float, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """For every figure, its exponent between the smallest and the largest scale that measured
    it (and between the last two), and what that makes it: constant, sub-linear, linear,
    super-linear."""
    flat = [(x, flatten(r)) for x, r in measured]
    table: dict[str, dict[str, Any]] = {}
    for key in sorted({k for _, f in flat for k in f}):
        if key.startswith(("factor", "wall_s")) or key.endswith(("errors", ".n")):
            continue
        having = [(x, f[key]) for x, f in flat if key in f]
        if len(having) < 2:
            continue
        (x0, y0), (x1, y1), (x2, y2) = having[0], having[-2], having[-1]
        b = exponent(x0, y0, x2, y2)
        tail_b = exponent(x1, y1, x2, y2)
        table[key] = {
            "exponent": None if b is None else round(b, 2),
            "exponent_last_step": None if tail_b is None else round(tail_b, 2),
            "growth": growth(b),
            "scales": f"{scale_label(int(x0))}–{scale_label(int(x2))}",
        }
    return table


def _oxigraph_version() -> str:
    try:
        done = subprocess.run(  # noqa: S603
            [str(OXIGRAPH), "--version"], capture_output=True, text=True, check=False
        )
    except OSError:
        return "missing"
    return done.stdout.strip() or "unknown"


# -- the report -----------------------------------------------------------------------------


ROWS: tuple[tuple[str, str, float], ...] = (
    # (dotted path, label, factor to the unit shown)
    ("quads", "quads", 1),
    ("mandates", "mandates", 1),
    ("plans", "plans", 1),
    ("generate_s", "generate N-Quads (s)", 1),
    ("nquads_bytes", "N-Quads (MB)", 1e-6),
    ("load_s", "load into the embedded store (s)", 1),
    ("store_bytes", "embedded store on disk (MB)", 1e-6),
    ("embedded.startup_s", "serve: start-up, catalog and search index included (s)", 1),
    ("embedded.rss_start_mb", "web process RSS after start (MB)", 1),
    ("embedded.first.home_s", "first home page (s)", 1),
    ("embedded.first.search_s", "first search page (s)", 1),
    ("embedded.first.void_s", "first VoID description, the counts (s)", 1),
    ("embedded.rss_after_pages_mb", "web process RSS after them (MB)", 1),
    ("embedded.workers_rss_end_mb", "query workers' RSS, all (MB)", 1),
    ("embedded.queries.point.p50_ms", "point lookup p50 (ms)", 1),
    ("embedded.queries.lineage.p50_ms", "lineage p50 (ms)", 1),
    ("embedded.queries.count_per_plan.p50_ms", "count per plan p50 (ms)", 1),
    ("embedded.mandate_page.p50_ms", "mandate page p50 (ms)", 1),
    ("remote.oxigraph_load_s", "oxigraph load (s)", 1),
    ("remote.oxigraph_store_bytes", "Oxigraph server store on disk (MB)", 1e-6),
    ("remote.engine_rss_end_mb", "Oxigraph server RSS (MB)", 1),
    ("remote.startup_s", "serve --store URL: start-up (s)", 1),
    ("remote.rss_end_mb", "web process RSS, remote (MB)", 1),
    ("remote.queries.point.p50_ms", "remote: point lookup p50 (ms)", 1),
    ("remote.queries.lineage.p50_ms", "remote: lineage p50 (ms)", 1),
    ("remote.queries.count_per_plan.p50_ms", "remote: count per plan p50 (ms)", 1),
    ("remote.mandate_page.p50_ms", "remote: mandate page p50 (ms)", 1),
    ("remote.engine_direct.point.p50_ms", "engine direct: point lookup p50 (ms)", 1),
    ("remote.engine_direct.lineage.p50_ms", "engine direct: lineage p50 (ms)", 1),
    ("remote.engine_direct.count_per_plan.p50_ms", "engine direct: count per plan p50 (ms)", 1),
    ("remote.engine_union.point.p50_ms", "engine, union default graph: point lookup p50 (ms)", 1),
    ("remote.engine_union.lineage.p50_ms", "engine, union default graph: lineage p50 (ms)", 1),
    (
        "remote.engine_union.count_per_plan.p50_ms",
        "engine, union default graph: count per plan p50 (ms)",
        1,
    ),
)


def _number(value: float) -> str:
    if math.isnan(value):
        return "–"
    if value >= 100 or value.is_integer():
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def markdown(result: dict[str, Any]) -> str:
    """The figures as a Markdown table, a column per scale (extrapolated ones in italics), and
    the growth of each between the smallest and largest measured scale."""
    scales = result["scales"]
    head = ["figure"] + [
        s["scale"] if _complete(s) else f"{s['scale']} (*extrapolated*)" for s in scales
    ]
    head.append("growth (exponent b)")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" + "---:|" * (len(head) - 1)]
    for path, label, unit in ROWS:
        cells = [label]
        for s in scales:
            value = flatten(s).get(path) if s["measured"] else None
            guess = s.get("figures", {}).get(path)
            if value is not None:
                cells.append(_number(value * unit))
            elif guess is not None:
                cells.append(f"*{_number(guess * unit)}*")
            else:
                cells.append("–")
        g = result.get("growth", {}).get(path)
        cells.append(_growth_cell(g, scales))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _growth_cell(g: dict[str, Any] | None, scales: list[dict[str, Any]]) -> str:
    if g is None or g["exponent"] is None:
        return "–"
    measured = [s["scale"] for s in scales if s["measured"]]
    whole = f"{measured[0]}–{measured[-1]}" if measured else ""
    span = "" if g.get("scales", whole) == whole else f", {g['scales']}"
    last = g.get("exponent_last_step")
    step = "" if last is None or abs(last - g["exponent"]) < 0.15 else f"; last step {last}"
    return f"{g['growth']} ({g['exponent']}{span}{step})"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__.splitlines()[0])
    p.add_argument("--scales", type=_scales, default=[1, 10, 100, 1000], help="e.g. real,10x,100x")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--requests", type=int, default=300, help="requests per query, at most")
    p.add_argument("--seconds", type=float, default=15.0, help="seconds per query, at most")
    p.add_argument("--budget", type=float, default=1500.0, help="seconds for the whole run")
    p.add_argument("--no-remote", action="store_true", help="skip the Oxigraph server")
    p.add_argument(
        "--startup-timeout", type=float, default=1800.0, help="seconds `celac-kg serve` may take"
    )
    p.add_argument(
        "--void-timeout",
        type=float,
        default=600.0,
        help="seconds the first VoID request may take (0: not asked)",
    )
    p.add_argument(
        "--direct-timeout",
        type=float,
        default=300.0,
        help="seconds a query sent straight to the engine, every graph named, may take",
    )
    p.add_argument(
        "--max-rss-mb",
        type=float,
        default=math.inf,
        help="stop `celac-kg serve` starting if it holds more than this",
    )
    p.add_argument(
        "--remote-startup-timeout",
        type=float,
        default=600.0,
        help="seconds `celac-kg serve --store URL` may take",
    )
    p.add_argument("--merge", action="store_true", help="keep the other scales already in --out")
    p.add_argument("--work", type=Path, default=WORK, help="datasets and logs")
    p.add_argument("--out", type=Path, default=OUT, help="the JSON written")
    p.add_argument(
        "--report",
        action="store_true",
        help="print the table of --out, its extrapolations made again",
    )
    return p


def _scales(text: str) -> list[int]:
    try:
        return parse_scales(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from e


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.report:
        result = derive(json.loads(args.out.read_text(encoding="utf-8")))
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
        sys.stdout.write(markdown(result))
        return 0
    if args.requests < 1 or args.seconds <= 0:
        sys.stderr.write("bench.scaling: --requests and --seconds must be positive\n")
        return 2

    def stop(signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")  # the servers are stopped on the way out

    signal.signal(signal.SIGTERM, stop)
    options = Options(
        scales=args.scales,
        seed=args.seed,
        requests=args.requests,
        seconds=args.seconds,
        budget=args.budget,
        remote=not args.no_remote,
        startup_timeout=args.startup_timeout,
        void_timeout=args.void_timeout,
        merge=args.merge,
        direct_timeout=args.direct_timeout,
        max_rss_mb=args.max_rss_mb,
        remote_startup_timeout=args.remote_startup_timeout,
        work=args.work,
        out=args.out,
    )
    try:
        result = run(options)
    except ScalingError as e:
        sys.stderr.write(f"bench.scaling: {e}\n")
        return 1
    sys.stdout.write(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
