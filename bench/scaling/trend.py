"""The scaling benchmark's arithmetic: scales, percentiles, growth exponents, extrapolation along
the trend of the two scales below, the growth table, and the time a scale will take."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

_SCALE = re.compile(r"^(real|([0-9]+)x)$")


def parse_scales(text: str) -> list[int]:
    """``"real,10x,100x"`` → ``[1, 10, 100]``: factors of the real corpus, in increasing order.

    Raises:
        ValueError: a part is neither ``real`` nor ``<n>x`` with n ≥ 1, or none is given.
    """
    factors: set[int] = set()
    for part in (p.strip() for p in text.split(",")):
        m = _SCALE.match(part)
        if not m or (m.group(2) is not None and int(m.group(2)) < 1):
            raise ValueError(f"scale {part!r} is not 'real' or a factor such as 10x, 100x, 1000x")
        factors.add(1 if m.group(2) is None else int(m.group(2)))
    if not factors:
        raise ValueError(f"no scale in {text!r}: give e.g. real,10x,100x")
    return sorted(factors)


def scale_label(factor: int) -> str:
    """1 → ``"real"``, 10 → ``"10x"``."""
    return "real" if factor == 1 else f"{factor}x"


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) of ``values``, linearly interpolated between the two
    nearest ranks (numpy's default).

    Raises:
        ValueError: ``values`` is empty, or ``q`` is outside 0–100.
    """
    if not values:
        raise ValueError("no values: a percentile of nothing is undefined")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q!r} is outside 0–100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def exponent(x1: float, y1: float, x2: float, y2: float) -> float | None:
    """The b of y ∝ x^b through two points (the slope on log-log axes); None when a value is not
    positive or the xs are equal."""
    if min(x1, y1, x2, y2) <= 0 or x1 == x2:
        return None
    return math.log(y2 / y1) / math.log(x2 / x1)


def growth(b: float | None) -> str:
    """How a figure grows with the corpus, from its exponent: constant, sub-linear, linear or
    super-linear (``n/a`` when unknown)."""
    if b is None:
        return "n/a"
    if b < 0.2:
        return "constant"
    if b < 0.8:
        return "sub-linear"
    if b <= 1.2:
        return "linear"
    return "super-linear"


def extrapolate(x1: float, y1: float, x2: float, y2: float, x: float) -> float | None:
    """y at ``x`` on the power law through (x1, y1) and (x2, y2); None when there is none."""
    b = exponent(x1, y1, x2, y2)
    if b is None:
        return None
    return float(y2 * (x / x2) ** b)


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """The numbers of a nested record, by dotted path: ``{"a": {"b": 1}}`` → ``{"a.b": 1.0}``."""
    out: dict[str, float] = {}
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            out[path] = float(value)
    return out


def trend(points: Sequence[tuple[float, dict[str, Any]]], x: float) -> dict[str, float]:
    """Every figure of the records ``points`` (x, record), extrapolated to ``x`` along the power
    law through the last two records that hold it; a figure fewer than two hold is left out."""
    flat = [(px, flatten(r)) for px, r in points]
    found: dict[str, float] = {}
    for key in sorted({k for _, f in flat for k in f}):
        having = [(px, f[key]) for px, f in flat if key in f]
        if len(having) < 2:
            continue
        (x1, y1), (x2, y2) = having[-2:]
        y = extrapolate(x1, y1, x2, y2, x)
        if y is not None:
            found[key] = round(y, 3)
    return found


def estimate_seconds(done: dict[str, float], ratio: float, reusable: bool) -> float:
    """The wall time a scale ``ratio`` times bigger than one measured would take: its data
    preparation (unless the files are there already) and start-ups grow with it; the query
    samples are capped in time, so they do not."""
    data = 0.0 if reusable else done.get("data", 0.0) * ratio
    return data + done.get("startup", 0.0) * ratio + done.get("queries", 0.0)


def derive(result: dict[str, Any]) -> dict[str, Any]:
    """Add to ``result``, in place, what follows from its measured scales: for each scale, the
    figures it lacks extrapolated from the two scales below it that measured each
    (``figures``), and the growth table."""
    measured = [(float(r["factor"]), r) for r in result["scales"] if r["measured"]]
    for r in result["scales"]:
        r.pop("figures", None)
        below = [m for m in measured if m[0] < r["factor"]]
        have = flatten(r) if r["measured"] else {}
        missing = {k: v for k, v in trend(below, float(r["factor"])).items() if k not in have}
        if missing:
            r["figures"] = missing
            r["extrapolated_from"] = [m[1]["scale"] for m in below[-2:]]
    result["growth"] = growth_table(measured)
    return result


def growth_table(measured: list[tuple[float, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """For every figure, its exponent between the smallest and the largest scale that measured
    it (and between the last two), and what that makes it: constant, sub-linear, linear,
    super-linear."""
    flat = [(x, flatten(r)) for x, r in measured]
    table: dict[str, dict[str, Any]] = {}
    for key in sorted({k for _, f in flat for k in f}):
        if key.startswith(("factor", "wall_s")) or key.endswith(("errors", ".n")):
            continue
        having = [(x, f[key]) for x, f in flat if key in f]
        if len(having) < 2:
            continue
        (x0, y0), (x1, y1), (x2, y2) = having[0], having[-2], having[-1]
        b = exponent(x0, y0, x2, y2)
        tail_b = exponent(x1, y1, x2, y2)
        table[key] = {
            "exponent": None if b is None else round(b, 2),
            "exponent_last_step": None if tail_b is None else round(tail_b, 2),
            "growth": growth(b),
            "scales": f"{scale_label(int(x0))}–{scale_label(int(x2))}",
        }
    return table
