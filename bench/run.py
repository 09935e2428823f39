"""One benchmark run, end to end: the cold build of the real corpus and its entity pages, then for
each size a synthetic dataset served by each endpoint in turn, every query timed with one client
(latency) and with several (throughput); the results as JSON, a Markdown table and two charts.

An endpoint that does not start, or a query it does not answer, is recorded as an error and the run
goes on with the others.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from random import Random
from typing import Any
from xml.sax import SAXParseException

import httpx
from pyoxigraph import NamedNode, QuerySolutions, Store
from rdflib import Graph

from bench import buildtime, pages, queries, refenv, report, servers, wrk
from bench.generate import generate, size_label
from bench.machine import http_stack, machine, versions
from bench.vocabulary import load as load_vocabulary
from graph.namespaces import PREFIXES
from graph.paths import PROJECT_ROOT

BENCH = Path(__file__).resolve().parent
CHART = BENCH / "chart.py"
# Our endpoint's limits raised, so that it does the same work as the two others (which have none),
# and its access log off (``celac-kg serve --no-access-log`` too, see servers.command).
OUR_ENV = {
    "CELAC_KG_QUERY_TIMEOUT": "120",
    "CELAC_KG_MAX_RESULTS": "100000000",
    "CELAC_KG_ACCESS_LOG": "0",
    # wrk's clients all come from one address: the per-client limit would answer 429 (and a
    # query left running by the previous wrk run would count against the next); the slow lane
    # would stop (503) the concurrent aggregates the others run to the end.
    "CELAC_KG_CLIENT_QUERIES": "1000",
    "CELAC_KG_SLOW_LANE": "8",
}
# uvicorn's --workers N (N > 1) binds a socket without IPPROTO_TCP, so asyncio leaves Nagle's
# algorithm on and each keep-alive request after the first waits ~40 ms for a delayed ACK
# (uvicorn#3149; measured: 22 req/s instead of ~700). uvloop sets TCP_NODELAY itself.
SLOW_WORKERS = (
    "warning: --workers {n} without uvloop in the project's environment: uvicorn leaves Nagle's "
    "algorithm on for its workers' connections (uvicorn#3149), ~40 ms per keep-alive request; "
    "install uvloop (uvicorn[standard]) or use --workers 1"
)


@dataclass
class Options:
    sizes: list[int]
    seed: int = 42
    duration: float = 10.0  # seconds of each latency run and of each throughput run
    clients: int = 8
    endpoints: list[str] = field(default_factory=lambda: list(servers.ENDPOINTS))
    queries: list[str] = field(default_factory=list)  # names; empty: all of bench/queries
    workers: int = 1  # celac-kg serve --workers
    samples: int = 1000  # filled-in instances of each query, drawn at random per request
    build: bool = True
    pages: bool = True
    page_seconds: float = 3.0
    work: Path = BENCH / "work"
    docs: Path = PROJECT_ROOT / "docs" / "benchmarks"


def say(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def run(options: Options) -> dict[str, Any]:
    """Run the benchmark; write ``results.json``, ``results.md`` and the charts to ``docs``."""
    refenv.ensure()
    wrk.executable()
    selected = queries.read_all(only=options.queries)
    notes: list[str] = []
    if options.workers > 1 and http_stack().startswith("none"):
        notes.append(SLOW_WORKERS.format(n=options.workers))
        say(notes[-1])
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_start": _load(),
        "machine": machine(),
        "versions": versions(),
        "options": {
            "seed": options.seed,
            "duration_s": options.duration,
            "clients": options.clients,
            "workers": options.workers,
            "page_seconds": options.page_seconds,
            "endpoints": options.endpoints,
            "our_env": OUR_ENV,
        },
        "queries": {q.name: {"title": q.title, "group": q.group} for q in selected},
        "notes": notes,
        "build": None,
        "pages": None,
        "sizes": [],
    }
    real = PROJECT_ROOT / "data"
    if options.build:
        say("building the real corpus, cold …")
        try:
            built = buildtime.measure(options.work / "real")
            results["build"] = {**asdict(built), "out": str(built.out), "error": None}
            real = built.out
            say(f"  {built.wall_seconds} s wall, {built.total_seconds} s of steps: {built.steps}")
        except buildtime.BuildTimeError as e:
            results["build"] = {"error": str(e)}
            say(f"  build failed: {e}")
    if options.pages and servers.OURS in options.endpoints:
        results["pages"] = measure_pages(real, options)
    for triples in options.sizes:
        results["sizes"].append(measure_size(triples, selected, options))
        _write(results, options.docs)
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["load_end"] = _load()
    _write(results, options.docs)
    for line in report.ratio_lines(results):
        say(line)
    return results


def _write(results: dict[str, Any], docs: Path) -> None:
    docs.mkdir(parents=True, exist_ok=True)
    data = docs / "results.json"
    data.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (docs / "results.md").write_text(report.markdown(results), encoding="utf-8")
    done = subprocess.run(  # noqa: S603
        [str(refenv.PYTHON), str(CHART), str(data), str(docs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        say(f"  the charts failed: {done.stderr.strip()[-500:]}")


def measure_pages(real: Path, options: Options) -> dict[str, Any]:
    """Entity pages of the real graph on our endpoint: one client, each kind for a few seconds."""
    say(f"entity pages of the real graph ({real}) …")
    out: dict[str, Any] = {"store": str(real), "kinds": {}, "error": None}
    try:
        store = Store.read_only(str(real / "current" / "store"))
        iris = pages.sample(store, 25, options.seed)
        del store
        with servers.serve(
            servers.OURS, real, Path(), options.work / "logs", options.workers, env=OUR_ENV
        ) as srv:
            every: list[str] = []
            for kind, found in iris.items():
                paths = [pages.local_path(i) for i in found]
                every.extend(paths)
                out["kinds"][kind] = _timed(
                    srv.base_url, paths, "text/html", options, srv, pages=True
                )
                say(f"  {kind:8} {_brief(out['kinds'][kind])}")
            out["all"] = _timed(srv.base_url, every, "text/html", options, srv, pages=True)
            say(f"  {'all':8} {_brief(out['all'])}")
            out["rss_mb"], out["rss_total_mb"] = srv.rss_mb()
    except (OSError, servers.ServerError, wrk.WrkError) as e:
        out["error"] = str(e)
        say(f"  pages failed: {e}")
    return out


def measure_size(
    triples: int, selected: Sequence[queries.Query], options: Options
) -> dict[str, Any]:
    label = size_label(triples)
    say(f"size {label}: generating …")
    ds = generate(triples, options.seed, options.work / f"data-{label}-{options.seed}")
    say(f"  {ds.quads} quads, {ds.plans} plans ({ds.seconds} s to generate and load)")
    mandates = _mandates(ds.store)
    rng = Random(options.seed)  # noqa: S311 (the same requests for every endpoint)
    terms = rng.sample(load_vocabulary().terms, 100)
    instances = {q.name: q.instances(mandates, terms, options.samples, rng) for q in selected}
    entry: dict[str, Any] = {
        "label": label,
        "triples": triples,
        "quads": ds.quads,
        "plans": ds.plans,
        "mandates": len(mandates),
        "endpoints": {},
    }
    for name in options.endpoints:
        entry["endpoints"][name] = measure_endpoint(name, ds, selected, instances, options)
    return entry


def measure_endpoint(
    name: str,
    ds: Any,
    selected: Sequence[queries.Query],
    instances: dict[str, list[str]],
    options: Options,
) -> dict[str, Any]:
    out: dict[str, Any] = {"error": None, "queries": {}}
    say(f"  {name} …")
    try:
        store = ds.folder
        if name == servers.OXIGRAPH:
            started = time.perf_counter()
            store = servers.oxigraph_store(
                ds.nquads, options.work / f"oxigraph-{size_label(ds.triples)}-{ds.seed}"
            )
            out["load_s"] = round(time.perf_counter() - started, 2)
        env = OUR_ENV if name == servers.OURS else None
        with servers.serve(
            name, store, ds.nquads, options.work / "logs", options.workers, env=env
        ) as srv:
            out["startup_s"] = srv.startup_seconds
            for q in selected:
                paths = [queries.request_path(srv.sparql_path, s) for s in instances[q.name]]
                out["queries"][q.name] = _timed(srv.base_url, paths, q.accept, options, srv)
                say(f"    {q.name:15} {_brief(out['queries'][q.name])}")
            out["rss_mb"], out["rss_total_mb"] = srv.rss_mb()
            say(f"    resident memory {out['rss_mb']} MB ({out['rss_total_mb']} MB with workers)")
    except (OSError, servers.ServerError, wrk.WrkError) as e:
        out["error"] = str(e)
        say(f"    failed: {e}")
    return out


def _timed(
    base_url: str,
    paths: Sequence[str],
    accept: str,
    options: Options,
    server: servers.Server | None = None,
    pages: bool = False,
) -> dict[str, Any]:
    """Check one request, then time: a short warm-up, one client, then ``options.clients``; with
    ``server``, the CPU time it spent per request in each of the two runs too."""
    result: dict[str, Any] = {"check": _check(base_url + paths[0], accept)}
    if result["check"]["status"] != 200:
        result["error"] = f"HTTP {result['check']['status']}: {result['check']['body']}"
        return result
    try:
        wrk.run(base_url, paths, accept, 1)
        seconds = options.page_seconds if pages else options.duration
        result["latency"] = _cpu_timed(server, lambda: wrk.run(base_url, paths, accept, seconds))
        if not pages:
            result["throughput"] = _cpu_timed(
                server,
                lambda: wrk.run(base_url, paths, accept, seconds, options.clients, threads=2),
            )
    except wrk.WrkError as e:
        result["error"] = str(e)
    return result


def _cpu_timed(server: servers.Server | None, run: Callable[[], wrk.Measure]) -> dict[str, Any]:
    """The figures of ``run()``, and the server's CPU time per request during it, in µs: less
    disturbed by other work on the machine than the requests per second (wrk's own time is not
    counted)."""
    before = server.cpu_seconds() if server else None
    measured = run()
    found: dict[str, Any] = measured.as_dict()
    if server is not None and before is not None and measured.requests:
        after = server.cpu_seconds()
        found["cpu_us_per_request_main"] = round((after[0] - before[0]) / measured.requests * 1e6)
        found["cpu_us_per_request"] = round((after[1] - before[1]) / measured.requests * 1e6)
    return found


def _check(url: str, accept: str) -> dict[str, Any]:
    """One request: its status, and how many results it gave (rows, triples or bytes)."""
    try:
        r = httpx.get(url, headers={"Accept": accept}, timeout=120)
    except httpx.HTTPError as e:
        return {"status": 0, "body": f"{type(e).__name__}: {e}", "results": None}
    media_type = r.headers.get("content-type", "").split(";")[0].strip()
    count: int | None = None
    if r.status_code == 200:
        count = _count(r.text, media_type)
    return {
        "status": r.status_code,
        "media_type": media_type,
        "body": r.text[:300],
        "results": count,
    }


def _count(body: str, media_type: str) -> int | None:
    """Rows of a JSON result, triples of an RDF answer; None for anything else."""
    if "json" in media_type:
        try:
            return len(json.loads(body)["results"]["bindings"])
        except (ValueError, KeyError, TypeError):
            return None
    # rdflib-endpoint answers DESCRIBE in RDF/XML under application/sparql-results+xml.
    formats = {"application/n-triples": "nt", "text/turtle": "turtle", "xml": "xml"}
    rdf_format = next((f for key, f in formats.items() if key in media_type), None)
    if rdf_format is None:
        return None
    try:
        return len(Graph().parse(data=body, format=rdf_format))
    except (SyntaxError, ValueError, SAXParseException):
        return None


def _mandates(store_path: Path) -> list[str]:
    store = Store.read_only(str(store_path))
    result = store.query(
        "SELECT ?m WHERE { ?m a celac:Mandate } ORDER BY ?m",
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
    )
    if not isinstance(result, QuerySolutions):
        raise TypeError(f"SELECT of mandates gave {type(result).__name__}")
    return [s["m"].value for s in result if isinstance(s["m"], NamedNode)]


def _brief(timed: dict[str, Any]) -> str:
    if "error" in timed:
        return f"error: {timed['error'][:200]}"
    lat = timed["latency"]
    text = f"p50 {lat['p50_ms']:.2f} ms, p95 {lat['p95_ms']:.2f} ms"
    if "throughput" in timed:
        thr = timed["throughput"]
        text += f"; {thr['throughput']:.0f} req/s concurrently"
        if thr["errors"]:
            text += f" ({thr['errors']} errors)"
    if lat["errors"]:
        text += f" ({lat['errors']} errors)"
    return text


def _load() -> list[float]:
    """The machine's load averages (1, 5 and 15 minutes): how much other work shared it."""
    return [round(x, 2) for x in os.getloadavg()]
