"""The scaling figures as a Markdown table, a column per scale."""

from __future__ import annotations

import math
from typing import Any

from bench.scaling.trend import flatten


def _complete(record: dict[str, Any]) -> bool:
    """Whether a scale was measured, its embedded serving included."""
    return bool(record["measured"] and "error" not in record.get("embedded", {"error": ""}))


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
