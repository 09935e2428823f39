"""Charts of a benchmark run: ``throughput.png`` and ``latency.png``, one panel per size.

Runs in ``bench/.venv-ref`` (matplotlib is not a project dependency), standalone:

    bench/.venv-ref/bin/python bench/chart.py docs/benchmarks/results.json docs/benchmarks
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ENDPOINTS = ("celac-kg", "rdflib-endpoint", "oxigraph")
COLOURS = {"celac-kg": "#1b7837", "rdflib-endpoint": "#c51b7d", "oxigraph": "#2166ac"}


def figure(results: dict[str, Any], run: str, key: str, ylabel: str, out: Path) -> None:
    import matplotlib  # type: ignore[import-not-found, unused-ignore]

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # type: ignore[import-not-found, unused-ignore]

    sizes = results.get("sizes", [])
    names = list(results.get("queries", {}))
    fig, axes = plt.subplots(
        1, max(1, len(sizes)), figsize=(5.5 * max(1, len(sizes)), 4.2), squeeze=False
    )
    width = 0.8 / len(ENDPOINTS)
    for ax, size in zip(axes[0], sizes, strict=False):
        for i, endpoint in enumerate(ENDPOINTS):
            found = size.get("endpoints", {}).get(endpoint, {})
            heights = []
            for name in names:
                timed = found.get("queries", {}).get(name, {})
                heights.append(float(timed.get(run, {}).get(key) or 0.0))
            xs = [j + (i - 1) * width for j in range(len(names))]
            ax.bar(xs, heights, width, label=endpoint, color=COLOURS[endpoint])
        ax.set_yscale("log")
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=30, ha="right", fontsize=8)
        ax.set_title(f"{size['label']} ({size['quads']:,} quads)", fontsize=10)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", which="both", alpha=0.3)
    axes[0][0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: chart.py RESULTS.json OUT_DIR\n")
        return 2
    results = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = Path(argv[1])
    clients = results.get("options", {}).get("clients", "?")
    figure(
        results,
        "throughput",
        "throughput",
        f"requests/s, {clients} clients (log)",
        out / "throughput.png",
    )
    figure(results, "latency", "p50_ms", "latency p50, ms, 1 client (log)", out / "latency.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
