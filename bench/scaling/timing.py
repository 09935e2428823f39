"""Single-client latency: requests sent one after the other, their percentiles."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

import httpx

from bench.queries import Query, request_path
from bench.scaling import ScalingError
from bench.scaling.trend import percentile


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
