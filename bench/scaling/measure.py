"""One scale measured: ``celac-kg serve`` over the embedded store, then over an Oxigraph server,
and the engine asked directly. The servers are started, waited for and stopped by
:func:`bench.servers.spawn`."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from random import Random
from typing import Any
from urllib.parse import urlencode

import httpx

from bench.pages import local_path
from bench.queries import read_all
from bench.scaling import OUT, OXIGRAPH, QUERIES, REAL_DATA, WORK, ScalingError
from bench.scaling.data import Data, Sample, disk_bytes, sample
from bench.scaling.progress import progress
from bench.scaling.timing import Ask, once, query_requests, repeat, timed
from bench.scaling.trend import scale_label
from bench.servers import CELAC_KG, Server, ServerError, free_port, load_oxigraph, spawn


def serve_line(store: str, port: int) -> list[str]:
    return [str(CELAC_KG), "serve", "--store", store, "--host", "127.0.0.1", "--port", str(port)]


@contextmanager
def started(
    name: str,
    line: list[str],
    base: str,
    sparql_path: str,
    logs: Path,
    timeout: float,
    env: dict[str, str],
    max_rss_mb: float = math.inf,
) -> Iterator[Server]:
    """:func:`bench.servers.spawn`, its failures told as this benchmark's.

    Raises:
        ScalingError: it exits first, does not answer within ``timeout`` seconds, or outgrows
            ``max_rss_mb`` while starting.
    """
    log = logs / f"{name}.log"
    try:
        with spawn(name, line, base, sparql_path, log, timeout, env, max_rss_mb) as server:
            yield server
    except ServerError as e:
        raise ScalingError(str(e)) from e


def rss_mb(server: Server) -> tuple[float, float]:
    """Resident memory of the server process, and of its descendants (query workers)."""
    own, everything = server.rss_mb()
    return own, round(everything - own, 1)


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
            base,
            "/sparql",
            o.work / "logs",
            o.startup_timeout,
            o.env,
            o.max_rss_mb,
        ) as p,
        httpx.Client(timeout=600) as client,
    ):
        rss, workers = rss_mb(p)
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
        rss_after, workers_after = rss_mb(p)
        again = {
            "home_s": once(client, base + "/", html),
            "search_s": once(client, f"{base}/search?{urlencode({'q': s.word})}", html),
        }
        measured = _queries_and_pages(client, base, p, s, o)
    return {
        "startup_s": p.startup_seconds,
        "rss_start_mb": rss,
        "workers_rss_start_mb": workers,
        "first": first,
        "second": again,
        "rss_after_pages_mb": rss_after,
        "workers_rss_after_pages_mb": workers_after,
        **measured,
    }


def oxigraph_location(d: Data, work: Path) -> tuple[Path, float, bool]:
    """An Oxigraph server store holding ``d`` (``oxigraph load``, timed; kept for later runs).

    Raises:
        ScalingError: the load failed.
    """
    try:
        loaded = load_oxigraph(d.nquads, work / f"{scale_label(d.factor)}-oxigraph", OXIGRAPH)
    except ServerError as e:
        raise ScalingError(str(e)) from e
    return loaded.location, loaded.seconds, loaded.reused


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
    with started("oxigraph", engine_line, engine, "/query", logs, 1800, {}) as ox:
        out["engine_startup_s"] = ox.startup_seconds
        out["engine_rss_start_mb"] = rss_mb(ox)[0]
        try:
            out.update(_served_remote(line, base, logs, s, o))
        except ScalingError as e:
            out["error"] = str(e)
        with httpx.Client(timeout=o.direct_timeout) as client:
            out["engine_direct"] = measure_direct(client, engine, s, o, union=False)
        out["engine_rss_end_mb"] = rss_mb(ox)[0]
    union_line = [str(OXIGRAPH), "serve-read-only", "--location", str(location)]
    union_line += ["--bind", f"127.0.0.1:{engine_port}", "--union-default-graph"]
    with (
        started("oxigraph-union", union_line, engine, "/query", logs, 1800, {}),
        httpx.Client(timeout=600) as client,
    ):
        out["engine_union"] = measure_direct(client, engine, s, o, union=True)
    return out


def _served_remote(line: list[str], base: str, logs: Path, s: Sample, o: Options) -> dict[str, Any]:
    with (
        started(
            "celac-kg-remote", line, base, "/sparql", logs, o.remote_startup_timeout, o.env
        ) as p,
        httpx.Client(timeout=600) as client,
    ):
        rss, workers = rss_mb(p)
        measured = _queries_and_pages(client, base, p, s, o)
    return {
        "startup_s": p.startup_seconds,
        "rss_start_mb": rss,
        "workers_rss_start_mb": workers,
        **measured,
    }


def _queries_and_pages(
    client: httpx.Client, base: str, p: Server, s: Sample, o: Options
) -> dict[str, Any]:
    """The sample's queries and mandate pages against the server ``p`` at ``base``, and its
    memory after them."""
    queries = measure_queries(client, base, "/sparql", s, o)
    html = {"Accept": "text/html"}
    pages = repeat([Ask(base + local_path(iri), html) for iri in s.iris], o.requests)
    mandate_page = asdict(timed(client, pages, o.seconds))
    rss_end, workers_end = rss_mb(p)
    return {
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
        progress(f"{record['scale']}: {e}")
    timings["embedded"] = time.perf_counter() - begun
    if o.remote:
        begun = time.perf_counter()
        record["remote"] = measure_remote(d, s, o)
        timings["remote"] = time.perf_counter() - begun
    record["wall_s"] = {k: round(v, 1) for k, v in timings.items()}
    return record
