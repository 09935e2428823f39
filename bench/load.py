"""Abuse by numbers: N concurrent clients (default 50) for T seconds (default 60) of mixed SPARQL
queries (``bench/queries``) and entity page views against a running service on loopback; the error
count and the latency p50/p95/p99 at the end.

    python -m bench load http://127.0.0.1:8000 --clients 50 --duration 60

Only loopback addresses are accepted: this is a load test, and it is bounded in time and count.
"""

from __future__ import annotations

import asyncio
import ipaddress
import math
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from random import Random
from urllib.parse import urlencode, urlsplit

import httpx

from bench import queries
from bench.pages import local_path
from graph.namespaces import BASE

LOOPBACK_NAMES = {"localhost"}
MAX_REQUESTS_PER_CLIENT = 100_000
_DISCOVER = """PREFIX celac: <https://w3id.org/celac-kg/ontology#>
SELECT ?x WHERE { { ?x a celac:Mandate } UNION { ?x a celac:Plan } UNION { ?x a celac:Actor } }
LIMIT 2000"""


class LoadError(ValueError):
    """Raised for a target that is not on loopback, or a service that gives nothing to ask for."""


@dataclass
class LoadReport:
    """What the clients saw."""

    clients: int
    seconds: float
    requests: int = 0
    errors: int = 0
    # Answers the service shed under load: 503 with Retry-After (a full slow lane), which a client
    # is told to retry; counted apart from errors, by kind in ``shed_by_kind``.
    shed: int = 0
    shed_by_kind: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list, repr=False)
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind → [requests, errors]
    error_samples: list[str] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile of the latencies, in ms (0 when nothing was measured)."""
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    def summary(self) -> dict[str, object]:
        """The figures, for a JSON record: counts, rate, latency percentiles (ms), by kind."""
        return {
            "clients": self.clients,
            "seconds": round(self.seconds, 3),
            "requests": self.requests,
            "errors": self.errors,
            "shed": self.shed,
            "shed_by_kind": self.shed_by_kind,
            "per_second": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "latency_ms": {f"p{p}": round(self.percentile(p), 2) for p in (50, 95, 99)},
            "by_kind": {
                kind: {"requests": n, "errors": e} for kind, (n, e) in self.by_kind.items()
            },
            "error_samples": self.error_samples,
        }

    def text(self) -> str:
        lines = [
            f"{self.requests} requests by {self.clients} clients in {self.seconds:.1f} s "
            f"({self.requests / self.seconds if self.seconds else 0:.0f}/s), {self.errors} errors, "
            f"{self.shed} shed (503 with Retry-After)",
            f"latency p50 {self.percentile(50):.1f} ms, p95 {self.percentile(95):.1f} ms, "
            f"p99 {self.percentile(99):.1f} ms",
        ]
        for kind, (count, errors) in sorted(self.by_kind.items()):
            lines.append(f"  {kind:15} {count:7} requests, {errors} errors")
        lines += [f"  error: {e}" for e in self.error_samples]
        return "\n".join(lines)


def check_loopback(base_url: str) -> str:
    """``base_url`` without a trailing slash.

    Raises:
        LoadError: its host is not 127.0.0.0/8, ::1 or localhost.
    """
    host = urlsplit(base_url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host in LOOPBACK_NAMES
    if not loopback:
        raise LoadError(
            f"{base_url}: the load script only targets loopback (127.0.0.0/8, ::1, localhost)"
        )
    return base_url.rstrip("/")


@dataclass(frozen=True)
class _Request:
    kind: str
    path: str
    accept: str


def plan_requests(
    iris: Sequence[str], terms: Sequence[str], sparql_path: str, count: int, seed: int
) -> list[_Request]:
    """``count`` requests: half SPARQL queries of every kind in ``bench/queries``, half pages."""
    rng = Random(seed)  # noqa: S311 (a reproducible mix of requests)
    mandates = [i for i in iris if "/mandate/" in i] or list(iris)
    pages = [local_path(i) for i in iris if i.startswith(BASE)]
    templates = queries.read_all()
    out: list[_Request] = []
    for _ in range(count):
        if pages and rng.random() < 0.5:
            out.append(_Request("page", rng.choice(pages), "text/html"))
        else:
            q = rng.choice(templates)
            sparql = q.instances(mandates, terms, 1, rng)[0]
            path = f"{sparql_path}?{urlencode({'query': sparql})}"
            out.append(_Request(q.name, path, q.accept))
    return out


async def _client(
    client: httpx.AsyncClient,
    requests: Sequence[_Request],
    start: int,
    deadline: float,
    report: LoadReport,
) -> None:
    i = start
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            return
        r = requests[i % len(requests)]
        i += 1
        counts = report.by_kind.setdefault(r.kind, [0, 0])
        began = time.perf_counter()
        error = None
        shed = False
        try:
            answer = await client.get(r.path, headers={"Accept": r.accept})
            await answer.aread()
            if answer.status_code == 503 and "retry-after" in answer.headers:
                shed = True
            elif answer.status_code >= 400:
                error = f"{r.kind} HTTP {answer.status_code}: {answer.text[:120]}"
        except httpx.HTTPError as e:
            error = f"{r.kind} {type(e).__name__}: {e}"
        report.latencies_ms.append((time.perf_counter() - began) * 1000)
        report.requests += 1
        counts[0] += 1
        if shed:
            report.shed += 1
            report.shed_by_kind[r.kind] = report.shed_by_kind.get(r.kind, 0) + 1
        if error is not None:
            report.errors += 1
            counts[1] += 1
            if len(report.error_samples) < 5:
                report.error_samples.append(error)


async def _run(
    base_url: str, clients: int, seconds: float, sparql_path: str, seed: int, timeout: float
) -> LoadReport:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=timeout, limits=limits) as client:
        found = await client.get(
            sparql_path,
            params={"query": _DISCOVER},
            headers={"Accept": "application/sparql-results+json"},
        )
        if found.status_code != 200:
            raise LoadError(
                f"{base_url}{sparql_path} answered {found.status_code} to the discovery query: "
                f"{found.text[:200]}"
            )
        iris = [b["x"]["value"] for b in found.json()["results"]["bindings"]]
        if not iris:
            raise LoadError(f"{base_url} has no mandates, plans or actors to ask for")
        terms = ["cooperación", "desarrollo", "cambio climático", "educación", "salud", "energía"]
        requests = plan_requests(iris, terms, sparql_path, 2000, seed)
        report = LoadReport(clients, seconds)
        began = time.monotonic()
        deadline = began + seconds
        await asyncio.gather(
            *(
                _client(client, requests, n * len(requests) // clients, deadline, report)
                for n in range(clients)
            )
        )
        report.seconds = time.monotonic() - began
    return report


def run_load(
    base_url: str,
    clients: int = 50,
    seconds: float = 60.0,
    sparql_path: str = "/sparql",
    seed: int = 42,
    timeout: float = 30.0,
) -> LoadReport:
    """Run ``clients`` concurrent clients against ``base_url`` for ``seconds``.

    Raises:
        LoadError: the URL is not on loopback, or the service answers no discovery query.
    """
    if clients < 1 or seconds <= 0:
        raise LoadError(f"clients ({clients}) and duration ({seconds} s) must be positive")
    url = check_loopback(base_url)

    def load() -> LoadReport:
        return asyncio.run(_run(url, clients, seconds, sparql_path, seed, timeout))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return load()
    # An event loop runs in this thread already (Playwright's sync API leaves one): the load
    # gets a thread, and a loop, of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(load).result()
