"""A bounded load loop on loopback with wrk (Debian's ``wrk``), driven by ``bench/wrk.lua``: each
request a GET of a path drawn at random from a list, for a fixed duration.

wrk rather than a Python client: on two cores a Python client saturates long before the Oxigraph
server does, and would measure itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve().parent / "wrk.lua"


class WrkError(RuntimeError):
    """Raised when wrk is missing or does not report; the message says what it printed."""


@dataclass(frozen=True)
class Measure:
    """One wrk run: how many requests completed, how fast, and how many failed."""

    requests: int
    seconds: float
    errors: int  # connection errors, timeouts and answers other than 2xx/3xx
    status_errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "throughput": round(self.throughput, 1)}


def executable() -> str:
    """The wrk command.

    Raises:
        WrkError: wrk is not installed.
    """
    found = shutil.which("wrk")
    if found is None:
        raise WrkError("wrk is not installed: run `make -C bench wrk` (apt-get install wrk)")
    return found


def run(
    base_url: str,
    paths: Sequence[str],
    accept: str,
    seconds: float,
    connections: int = 1,
    threads: int = 1,
    timeout: float = 60.0,
) -> Measure:
    """GET random ``paths`` of ``base_url`` for ``seconds`` over ``connections`` connections.

    Raises:
        WrkError: wrk is missing, or exits without its report.
    """
    if not paths:
        raise WrkError("no request paths to send")
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False, encoding="utf-8") as f:
        f.write("\n".join(paths) + "\n")
        listing = f.name
    command = [
        executable(),
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        f"--timeout={max(1, round(timeout))}s",
        f"--script={SCRIPT}",
        base_url,
    ]
    env = {**os.environ, "BENCH_PATHS": listing, "BENCH_ACCEPT": accept}
    try:
        done = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, env=env, timeout=seconds + timeout + 30
        )
    except subprocess.TimeoutExpired as e:
        raise WrkError(f"wrk against {base_url} did not finish within {e.timeout:.0f} s") from e
    finally:
        os.unlink(listing)
    for line in done.stdout.splitlines():
        if line.startswith('{"bench"'):
            return _measure(json.loads(line))
    raise WrkError(
        f"wrk against {base_url} exited {done.returncode} without its report: "
        f"{(done.stderr or done.stdout).strip()[-500:]}"
    )


def _measure(report: dict[str, Any]) -> Measure:
    errors: dict[str, int] = report["errors"]

    def ms(key: str) -> float:
        return round(float(report[key]) / 1000, 3)

    return Measure(
        requests=int(report["requests"]),
        seconds=int(report["duration_us"]) / 1e6,
        errors=sum(int(v) for v in errors.values()),
        status_errors=int(errors["status"]),
        p50_ms=ms("p50_us"),
        p95_ms=ms("p95_us"),
        p99_ms=ms("p99_us"),
        mean_ms=ms("mean_us"),
        max_ms=ms("max_us"),
    )
