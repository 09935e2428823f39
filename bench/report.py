"""The results of a run as Markdown (``docs/benchmarks/results.md``), the ratios of our endpoint to
the two others, and the targets of issues 6 and 13 checked against them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bench.servers import OURS, OXIGRAPH, RDFLIB

CPU = "cpu_us_per_request"  # the server's CPU time per request, all its processes
MB_LIMIT = 300.0
PAGE_P50_MS = 10.0
BUILD_S = 30.0


@dataclass(frozen=True)
class Target:
    name: str
    wanted: str
    measured: str
    met: bool | None  # None: not measured in this run


def value(size: dict[str, Any], endpoint: str, query: str, run: str, key: str) -> float | None:
    """One figure of one size, or None where the endpoint or query failed or was not run."""
    found = size.get("endpoints", {}).get(endpoint, {})
    timed = found.get("queries", {}).get(query, {}) if found.get("error") is None else {}
    figure = timed.get(run, {}).get(key)
    return None if figure is None else float(figure)


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def _x(r: float | None) -> str:
    return "—" if r is None else f"{r:.2f}×"


def _n(v: float | None, digits: int = 2) -> str:
    return "—" if v is None else f"{v:,.{digits}f}"


def _rate(v: float | None) -> str:
    """Requests per second: whole numbers, but one decimal below 10."""
    return _n(v, 1 if v is not None and v < 10 else 0)


def targets(results: dict[str, Any]) -> list[Target]:
    """The targets of issues 6 and 13, measured on the largest size of the run."""
    found: list[Target] = []
    groups = {name: q["group"] for name, q in results.get("queries", {}).items()}
    sizes = results.get("sizes", [])
    if sizes:
        size = max(sizes, key=lambda s: s["triples"])
        at = f" ({size['label']})"

        def thr(endpoint: str) -> float | None:
            return value(size, endpoint, "point", "throughput", "throughput")

        def p50(endpoint: str, query: str) -> float | None:
            return value(size, endpoint, query, "latency", "p50_ms")

        for other, factor in ((RDFLIB, 15.0), (OXIGRAPH, 0.25)):
            r = ratio(thr(OURS), thr(other))
            found.append(
                Target(
                    f"point-lookup throughput, ours / {other}{at}",
                    f"≥ {factor:g}×",
                    _x(r),
                    None if r is None else r >= factor,
                )
            )
        for query, group in groups.items():
            if group not in ("point", "lineage", "aggregate"):
                continue
            r = ratio(p50(OURS, query), p50(OXIGRAPH, query))
            found.append(
                Target(
                    f"{query} latency p50, ours / {OXIGRAPH}{at}",
                    "≤ 1.5×",
                    _x(r),
                    None if r is None else r <= 1.5,
                )
            )
        ours = size.get("endpoints", {}).get(OURS, {})
        rss = ours.get("rss_total_mb")
        big = size["triples"] >= 1_000_000
        found.append(
            Target(
                f"resident memory of our web process with its workers{at}",
                f"< {MB_LIMIT:g} MB at 1M triples",
                "—" if rss is None else f"{rss:g} MB",
                None if rss is None or not big else rss < MB_LIMIT,
            )
        )
    page = (results.get("pages") or {}).get("all", {}).get("latency", {}).get("p50_ms")
    found.append(
        Target(
            "entity page p50, real graph",
            f"≤ {PAGE_P50_MS:g} ms",
            "—" if page is None else f"{page:.2f} ms",
            None if page is None else page <= PAGE_P50_MS,
        )
    )
    build = (results.get("build") or {}).get("wall_seconds")
    found.append(
        Target(
            "celac-kg build of the real corpus, cold",
            f"≤ {BUILD_S:g} s",
            "—" if build is None else f"{build:.1f} s",
            None if build is None else build <= BUILD_S,
        )
    )
    return found


def ratio_lines(results: dict[str, Any]) -> Iterator[str]:
    """The ratios of ours to the others, size by size, then the targets: for the terminal."""
    for size in results.get("sizes", []):
        yield f"ratios at {size['label']} (ours / rdflib-endpoint, ours / oxigraph):"
        for query in results.get("queries", {}):
            t_ours = value(size, OURS, query, "throughput", "throughput")
            l_ours = value(size, OURS, query, "latency", "p50_ms")
            yield (
                f"  {query:15} throughput "
                f"{_x(ratio(t_ours, value(size, RDFLIB, query, 'throughput', 'throughput')))}"
                f" {_x(ratio(t_ours, value(size, OXIGRAPH, query, 'throughput', 'throughput')))}"
                f"   latency p50 "
                f"{_x(ratio(l_ours, value(size, RDFLIB, query, 'latency', 'p50_ms')))}"
                f" {_x(ratio(l_ours, value(size, OXIGRAPH, query, 'latency', 'p50_ms')))}"
            )
    yield "targets:"
    for t in targets(results):
        mark = {True: "met", False: "NOT met", None: "not measured"}[t.met]
        yield f"  {mark:12} {t.name}: {t.measured} (target {t.wanted})"


def markdown(results: dict[str, Any]) -> str:
    """The whole report."""
    opts = results.get("options", {})
    lines = [
        "# Benchmarks",
        "",
        f"Run of {results.get('started', '?')} by `python -m bench run` (see `bench/README.md`). "
        f"Each query: {opts.get('duration_s')} s with one client (latency), then "
        f"{opts.get('duration_s')} s with {opts.get('clients')} concurrent clients (throughput), "
        "by wrk on 127.0.0.1, a random IRI or word per request. "
        f"Our endpoint ran with {opts.get('workers')} worker(s).",
        *_load_note(results),
        *(f"\n**Note**: {note}." for note in results.get("notes", [])),
        "",
        "## Machine and versions",
        "",
        "| | |",
        "|---|---|",
    ]
    for k, v in {**results.get("machine", {}), **results.get("versions", {})}.items():
        lines.append(f"| {k} | {v} |")
    lines += ["", "## Targets (issues 6 and 13)", "", "| target | wanted | measured | met |"]
    lines.append("|---|---|---|---|")
    for t in targets(results):
        met = {True: "yes", False: "**no**", None: "not measured"}[t.met]
        lines.append(f"| {t.name} | {t.wanted} | {t.measured} | {met} |")
    for size in results.get("sizes", []):
        lines += _size(size, results)
    lines += _pages(results.get("pages"))
    lines += _build(results.get("build"))
    lines += ["", "![throughput](throughput.png)", "", "![latency](latency.png)", ""]
    return "\n".join(lines)


def _load_note(results: dict[str, Any]) -> list[str]:
    start, end = results.get("load_start"), results.get("load_end")
    if not start:
        return []
    cores = results.get("machine", {}).get("cores", "?")
    ended = f", {end[0]:g} at its end" if end else ""
    return [
        f"\n**Machine load**: the 1-minute load average was {start[0]:g} at the run's start"
        f"{ended}, on {cores} cores: the machine was shared with other work, which lowers the "
        "requests per second of every endpoint (and not evenly); the CPU time per request "
        "moves much less."
    ]


def _size(size: dict[str, Any], results: dict[str, Any]) -> list[str]:
    lines = [
        "",
        f"## {size['label']}: {size['quads']:,} quads, {size['plans']} plans, "
        f"{size['mandates']:,} mandates",
        "",
        "| query | endpoint | p50 ms | p95 ms | p99 ms | 1 client req/s | concurrent req/s "
        "| CPU µs/req | errors | results |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for query, meta in results.get("queries", {}).items():
        for endpoint, found in size.get("endpoints", {}).items():
            if found.get("error"):
                continue
            timed = found.get("queries", {}).get(query, {})
            if "error" in timed:
                lines.append(
                    f"| {meta['title']} | {endpoint} | error: {_cell(timed['error'])} "
                    "| | | | | | | |"
                )
                continue
            lat, thr = timed.get("latency", {}), timed.get("throughput", {})
            errors = int(lat.get("errors", 0)) + int(thr.get("errors", 0))
            lines.append(
                f"| {meta['title']} | {endpoint} | {_n(lat.get('p50_ms'))} | "
                f"{_n(lat.get('p95_ms'))} | {_n(lat.get('p99_ms'))} | "
                f"{_rate(lat.get('throughput'))} | {_rate(thr.get('throughput'))} | "
                f"{_n(thr.get('cpu_us_per_request'), 0)} | {errors} | "
                f"{timed.get('check', {}).get('results', '—')} |"
            )
    lines += [
        "",
        "Ratios, ours to the others (throughput: higher is better; latency and the server's CPU "
        "time per request with concurrent clients, all its processes: lower is better):",
        "",
        "| query | throughput / rdflib-endpoint | throughput / oxigraph | p50 / rdflib-endpoint "
        "| p50 / oxigraph | CPU per request / rdflib-endpoint | CPU per request / oxigraph |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for query, meta in results.get("queries", {}).items():
        t = value(size, OURS, query, "throughput", "throughput")
        p = value(size, OURS, query, "latency", "p50_ms")
        c = value(size, OURS, query, "throughput", CPU)
        lines.append(
            f"| {meta['title']} "
            f"| {_x(ratio(t, value(size, RDFLIB, query, 'throughput', 'throughput')))} "
            f"| {_x(ratio(t, value(size, OXIGRAPH, query, 'throughput', 'throughput')))} "
            f"| {_x(ratio(p, value(size, RDFLIB, query, 'latency', 'p50_ms')))} "
            f"| {_x(ratio(p, value(size, OXIGRAPH, query, 'latency', 'p50_ms')))} "
            f"| {_x(ratio(c, value(size, RDFLIB, query, 'throughput', CPU)))} "
            f"| {_x(ratio(c, value(size, OXIGRAPH, query, 'throughput', CPU)))} |"
        )
    lines += [
        "",
        "| endpoint | start-up s | resident MB | with workers MB | error |",
        "|---|---:|---:|---:|---|",
    ]
    for endpoint, found in size.get("endpoints", {}).items():
        lines.append(
            f"| {endpoint} | {_n(found.get('startup_s'))} | {_n(found.get('rss_mb'), 1)} | "
            f"{_n(found.get('rss_total_mb'), 1)} | {_cell(found.get('error') or '')} |"
        )
    return lines


def _pages(pages: dict[str, Any] | None) -> list[str]:
    if not pages:
        return []
    lines = ["", "## Entity pages of the real graph (our endpoint, one client)", ""]
    if pages.get("error"):
        return [*lines, f"Failed: {_cell(pages['error'])}"]
    lines += ["| kind | p50 ms | p95 ms | req/s | errors |", "|---|---:|---:|---:|---:|"]
    for kind, timed in [*pages.get("kinds", {}).items(), ("all", pages.get("all", {}))]:
        if "error" in timed:
            lines.append(f"| {kind} | error: {_cell(timed['error'])} | | | |")
            continue
        lat = timed.get("latency", {})
        lines.append(
            f"| {kind} | {_n(lat.get('p50_ms'))} | {_n(lat.get('p95_ms'))} | "
            f"{_rate(lat.get('throughput'))} | {lat.get('errors', '—')} |"
        )
    return lines


def _build(build: dict[str, Any] | None) -> list[str]:
    if not build:
        return []
    lines = ["", "## Build of the real corpus, cold (`celac-kg build`)", ""]
    if build.get("error"):
        return [*lines, f"Failed: {_cell(build['error'])}"]
    lines += [
        f"{_n(build.get('wall_seconds'), 1)} s for the whole command "
        f"({_n(build.get('triples'), 0)} triples); "
        f"the build's own steps add up to {_n(build.get('total_seconds'), 1)} s:",
        "",
        "| step | s |",
        "|---|---:|",
    ]
    lines += [f"| {step} | {s:.1f} |" for step, s in build.get("steps", {}).items()]
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")[:300]
