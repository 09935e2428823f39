"""The build time of the real corpus, cold: ``celac-kg build --out <new folder>`` in a fresh
process, timed from outside, with the breakdown the build prints on its summary line
(``… 27656 triples in 25.3 s (reading the plans 0.3 s, loading the model 2.1 s, …)``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.servers import CELAC_KG
from graph.paths import PROJECT_ROOT

_SUMMARY = re.compile(r"(\d+) triples in ([0-9.]+) s \((.*)\)\s*$", re.MULTILINE)
_STEP = re.compile(r"(.+?) ([0-9.]+) s$")


class BuildTimeError(RuntimeError):
    """Raised when the build fails or prints no summary line; the message has its output's end."""


@dataclass(frozen=True)
class BuildTime:
    wall_seconds: float  # the whole command, interpreter start-up and imports included
    total_seconds: float  # the sum of the steps, as the build reports it
    triples: int
    steps: dict[str, float] = field(default_factory=dict)
    out: Path = Path()


def parse_summary(output: str) -> tuple[int, float, dict[str, float]]:
    """(triples, total seconds, {step: seconds}) from the build's summary line.

    Raises:
        BuildTimeError: there is no summary line in ``output``.
    """
    m = _SUMMARY.search(output)
    if not m:
        raise BuildTimeError(f"no build summary line in: {output.strip()[-500:]!r}")
    steps: dict[str, float] = {}
    for part in m.group(3).split(", "):
        step = _STEP.match(part.strip())
        if step:
            steps[step.group(1)] = float(step.group(2))
    return int(m.group(1)), float(m.group(2)), steps


def measure(out: Path) -> BuildTime:
    """Build the real corpus into the empty folder ``out`` (emptied first) and time it.

    Raises:
        BuildTimeError: the build failed, or printed no summary.
    """
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603
        [str(CELAC_KG), "build", "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise BuildTimeError(
            f"celac-kg build --out {out} exited {done.returncode}: {done.stderr.strip()[-800:]}"
        )
    triples, total, steps = parse_summary(done.stdout)
    return BuildTime(round(wall, 2), total, triples, steps, out)
