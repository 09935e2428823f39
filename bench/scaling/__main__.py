"""``python -m bench.scaling``: measure every scale that fits in the budget, extrapolate the rest,
write ``docs/scaling.json`` and print the table (see :mod:`bench.scaling`)."""

from __future__ import annotations

import argparse
import json
import math
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from types import FrameType
from typing import Any

import bench.scaling
from bench.machine import machine
from bench.scaling import OUT, OXIGRAPH, REAL_DATA, WORK, ScalingError
from bench.scaling.data import count_quads, prepare, reusable
from bench.scaling.measure import Options, measure
from bench.scaling.progress import progress
from bench.scaling.report import markdown
from bench.scaling.trend import derive, estimate_seconds, parse_scales, scale_label
from graph.publish import CURRENT, DUMP_NAME


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
            kept = reusable(o.work / label, real_quads * factor, o.seed)
            need = estimate_seconds(spent, factor / previous, kept)
            left = o.budget - (time.monotonic() - begun)
            if need > left:
                progress(
                    f"{label}: about {need:.0f} s needed, {left:.0f} s left: extrapolated, "
                    "not measured"
                )
                result["scales"].append(_skipped(factor, need, left))
                continue
        progress(f"{label}: data ({real_quads * factor:,} quads)")
        t0 = time.perf_counter()
        d = prepare(factor, real_quads, o.seed, o.work)
        data_s = time.perf_counter() - t0
        progress(f"{label}: served")
        record = measure(d, o)
        record["wall_s"]["data"] = round(data_s, 1)
        result["scales"].append(record)
        measured.append((float(factor), record))
        spent = _spent(record, data_s, d.reused)
        _write(result, o, before)
        progress(f"{label}: done in {sum(record['wall_s'].values()):.0f} s")
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


def _skipped(factor: int, need: float, left: float) -> dict[str, Any]:
    return {
        "scale": scale_label(factor),
        "factor": factor,
        "measured": False,
        "why": f"estimated {need:.0f} s to measure, {left:.0f} s of the budget left",
    }


def _oxigraph_version() -> str:
    try:
        done = subprocess.run(  # noqa: S603
            [str(OXIGRAPH), "--version"], capture_output=True, text=True, check=False
        )
    except OSError:
        return "missing"
    return done.stdout.strip() or "unknown"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench.scaling", description=(bench.scaling.__doc__ or "").splitlines()[0]
    )
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
