"""How carry-over tracing grows with the corpus: the real plans, and synthetic corpora of 10x and
100x as many mandates, recombined from the real ones.

A synthetic corpus of scale s has 4·s plans, dated in order; each takes the areas of one of the real
plans in turn (its headings and objectives) and fills them with real mandates drawn at random from
the whole corpus (with what the entity pipeline found in them, so no model runs here). The
recombined corpus keeps the genre's vocabulary, names and meeting series, and the repetition of a
larger corpus: every real mandate appears about s times, as a sentence repeated across plans does.

For each scale: the mandates, the blocked pairs, and the seconds of each stage of the tracer
(items and weights, blocking, the meeting-series callers, features, the decision with the evidence
in words), timed once, as ``Tracer.trace`` runs them. ``per plan`` is the blocked pairs per later
mandate and earlier plan: what blocking keeps of each plan. The tracer keeps the best k of EACH
earlier plan, so its work is at least mandates × earlier plans; blocking keeps the pairs of each
plan bounded. A scale that would not fit in the time budget, judged from the previous one, is not
run: its pairs are extrapolated from the previous scale's pairs per plan, its time from that
scale's time per pair, and both are marked so. ``bends`` names the first stages whose time grows
faster than the mandates (exponent above 1.3 between two measured scales).

    .venv/bin/python -m bench.tracing [--scales 1,10,100] [--budget 900] [--seed 42]
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from random import Random
from typing import Any

from extract.records import Area, Plan
from graph.paths import PROJECT_ROOT

OUT = PROJECT_ROOT / "docs" / "benchmarks" / "tracing.json"
STAGES = ("items", "blocking", "callers", "features", "decision")
BEND = 1.3  # growth exponent (time ∝ mandates^k) from which a stage is said to bend


@dataclass
class Scale:
    scale: int
    plans: int
    mandates: int
    pairs: int | None = None
    # blocked pairs per (later mandate, earlier plan): what blocking keeps of each plan
    pairs_per_plan: float | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    total: float | None = None
    extrapolated: bool = False


def synthetic(real: Sequence[Plan], scale: int, seed: int) -> list[Plan]:
    """4·``scale`` plans whose areas are the real plans' in turn, filled with real mandates drawn
    at random (copies: each is a mandate of its own)."""
    if scale == 1:
        return list(real)
    rng = Random(seed)  # noqa: S311 (a reproducible sample, not a secret)
    pool = [m for p in real for m in p.all_mandates()]
    plans: list[Plan] = []
    for n in range(len(real) * scale):
        model = real[n % len(real)]
        areas: list[Area] = []
        for area in model.all_areas():
            if not area.mandates:
                continue
            mandates = [copy.copy(rng.choice(pool)) for _ in area.mandates]
            areas.append(replace(area, mandates=mandates, areas=[]))
        year = 1900 + n
        spec = replace(model.spec, id=f"SYN-{n:04d}", slug="", date=f"{year}-01-01")
        plans.append(replace(model, spec=spec, areas=areas))
    return plans


def trace_timed(
    plans: Sequence[Plan], themes: dict[int, list[str]]
) -> tuple[int, dict[str, float]]:
    """The blocked pairs and the seconds of each stage of tracing ``plans``."""
    from extract.trace import candidates
    from extract.trace.decision import decide, floor_of
    from extract.trace.features import set_hub
    from extract.trace.model import read_model
    from extract.trace.tracer import Tracer, _keep, _link

    seconds: dict[str, float] = {}
    model = read_model()
    t = time.perf_counter()
    tracer = Tracer(plans, themes, model=model)
    seconds["items"] = time.perf_counter() - t
    items = tracer.items
    t = time.perf_counter()
    met = candidates.blocks(items, tracer.index.weights)
    seconds["blocking"] = time.perf_counter() - t
    t = time.perf_counter()
    tracer._explicit = candidates.callers(
        items, tracer.owners_of, tracer.partners, tracer._similarity
    )
    tracer._follows = candidates.callers(
        items, tracer.owners_of, tracer.partners, tracer._similarity, referred=False
    )
    seconds["callers"] = time.perf_counter() - t
    t = time.perf_counter()
    found = {}
    pairs = 0
    for i, later in enumerate(items):
        if later.plan == 0:
            continue
        near = (
            met.get(i, set()) | set(tracer._explicit.get(i, {})) | set(tracer._follows.get(i, {}))
        )
        rows = tracer.rows_of(i, near)
        pairs += len(rows)
        found[i] = rows
    set_hub(found)
    seconds["features"] = time.perf_counter() - t
    t = time.perf_counter()
    for rows in found.values():
        kept = _keep([(model.probability(p.vector()), p) for p in rows])
        decided = decide(
            [(model.calibrated(s), p) for s, p in kept],
            model.thresholds,
            [floor_of(p.values["explicit"]) for _, p in kept],
        )
        for rank, ((raw, p), (confidence, tier)) in enumerate(zip(kept, decided, strict=True)):
            _link(p, raw, confidence, rank + 1, tier)
    seconds["decision"] = time.perf_counter() - t
    return pairs, {k: round(v, 3) for k, v in seconds.items()}


def exponent(a: Scale, b: Scale, stage: str | None = None) -> float | None:
    """k in time ∝ mandates^k between two scales (of one stage, or of the whole)."""
    ta = a.seconds.get(stage, 0.0) if stage else a.total
    tb = b.seconds.get(stage, 0.0) if stage else b.total
    if not ta or not tb or ta < 0.01 or b.mandates <= a.mandates:
        return None
    return round(math.log(tb / ta) / math.log(b.mandates / a.mandates), 2)


def run(scales: Sequence[int], budget: float, seed: int, corpus: Path) -> dict[str, Any]:
    from extract.entities import pipeline
    from extract.entities.annotate import annotate
    from extract.plans import read_plans
    from extract.trace.themes import tag_plans

    real = read_plans(corpus)
    nlp = pipeline.load()
    annotate(real, nlp)
    real_themes = tag_plans(real, nlp)
    done: list[Scale] = []
    for scale in scales:
        plans = synthetic(real, scale, seed)
        mandates = sum(len(p.all_mandates()) for p in plans)
        row = Scale(scale, len(plans), mandates)
        later_plan_pairs = sum(k * len(p.all_mandates()) for k, p in enumerate(plans))
        last = done[-1] if done else None
        if last and last.pairs and last.total and last.pairs_per_plan:
            # Tracing costs about the same per blocked pair at every scale, and blocking keeps
            # about the same pairs of each earlier plan: the next scale's time follows.
            pairs = round(last.pairs_per_plan * later_plan_pairs)
            guess = last.total / last.pairs * pairs
            if guess > budget:
                row.pairs, row.total, row.extrapolated = pairs, round(guess, 1), True
                done.append(row)
                say(f"{scale}x: {mandates} mandates, ~{pairs} pairs, ~{guess:.0f} s (extrapolated)")
                continue
        themes = {
            id(m): real_themes.get(id(_original(m, real)), [])
            for p in plans
            for m in p.all_mandates()
        }
        row.pairs, row.seconds = trace_timed(plans, themes)
        row.total = round(sum(row.seconds.values()), 2)
        row.pairs_per_plan = round(row.pairs / later_plan_pairs, 1) if later_plan_pairs else None
        done.append(row)
        say(f"{scale}x: {mandates} mandates, {row.pairs} pairs, {row.total} s {row.seconds}")
    return summary(done)


_ORIGINALS: dict[int, Any] = {}


def _original(mandate: Any, real: Sequence[Plan]) -> Any:
    """The real mandate a synthetic one copies (same passages list)."""
    if not _ORIGINALS:
        _ORIGINALS.update({id(m.passages): m for p in real for m in p.all_mandates()})
    return _ORIGINALS.get(id(mandate.passages), mandate)


def summary(rows: Sequence[Scale]) -> dict[str, Any]:
    growth = []
    bends = None
    measured = [r for r in rows if not r.extrapolated]
    for a, b in zip(measured, measured[1:], strict=False):
        stages = {s: exponent(a, b, s) for s in STAGES}
        growth.append({"from": a.scale, "to": b.scale, "total": exponent(a, b), **stages})
        if bends is None:
            steep = [s for s in STAGES if (stages[s] or 0) > BEND]
            if steep:
                bends = {"from": a.scale, "to": b.scale, "stages": steep}
    return {"scales": [asdict(r) for r in rows], "growth": growth, "bends": bends}


def text(result: dict[str, Any]) -> str:
    lines = [
        f"{'scale':>6}{'plans':>7}{'mandates':>10}{'pairs':>10}{'per plan':>9}"
        + "".join(f"{s:>10}" for s in STAGES)
        + f"{'total s':>10}"
    ]
    for r in result["scales"]:
        stages = "".join(f"{r['seconds'].get(s, float('nan')):>10.2f}" for s in STAGES)
        pairs = "-" if r["pairs"] is None else str(r["pairs"])
        per = "-" if r["pairs_per_plan"] is None else str(r["pairs_per_plan"])
        mark = " (extrapolated)" if r["extrapolated"] else ""
        lines.append(
            f"{str(r['scale']) + 'x':>6}{r['plans']:>7}{r['mandates']:>10}{pairs:>10}{per:>9}"
            f"{stages}{r['total']:>10.1f}{mark}"
        )
    for g in result["growth"]:
        lines.append(
            f"growth {g['from']}x→{g['to']}x: time ∝ mandates^{g['total']} "
            + ", ".join(f"{s} ^{g[s]}" for s in STAGES if g[s] is not None)
        )
    b = result["bends"]
    lines.append(
        f"bends between {b['from']}x and {b['to']}x, in: {', '.join(b['stages'])}"
        if b
        else "no stage grows faster than mandates^1.3 over the scales measured"
    )
    return "\n".join(lines)


def say(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.tracing", description=__doc__.splitlines()[0])
    p.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the corpus")
    p.add_argument("--budget", type=float, default=900.0, help="seconds a scale may take")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "corpus")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    try:
        scales = [int(s.strip().rstrip("x")) for s in args.scales.split(",") if s.strip()]
    except ValueError:
        p.error(f"--scales {args.scales!r}: give whole multiples, as 1,10,100")
    if any(s < 1 for s in scales):
        p.error(f"--scales {args.scales!r}: multiples start at 1")
    result = run(sorted(scales), args.budget, args.seed, args.corpus)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    say(text(result))
    say(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
