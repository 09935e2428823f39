"""The scaling benchmark's pure parts: scales, percentiles, growth exponents, extrapolation, the
time estimate and the table."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from bench.scaling.data import count_quads, disk_bytes
from bench.scaling.report import markdown
from bench.scaling.trend import (
    estimate_seconds,
    exponent,
    extrapolate,
    flatten,
    growth,
    growth_table,
    parse_scales,
    percentile,
    scale_label,
    trend,
)


@pytest.mark.parametrize(
    ("text", "factors"),
    [
        ("real,10x,100x,1000x", [1, 10, 100, 1000]),
        ("100x, real", [1, 100]),
        ("10x,10x", [10]),
        ("1x", [1]),
    ],
)
def test_scaling_scales(text: str, factors: list[int]) -> None:
    assert parse_scales(text) == factors


@pytest.mark.parametrize("text", ["", "ten", "10", "0x", "x", "real,1M"])
def test_scaling_bad_scale_named(text: str) -> None:
    with pytest.raises(ValueError, match="scale"):
        parse_scales(text)


def test_scaling_labels() -> None:
    assert [scale_label(f) for f in (1, 10, 1000)] == ["real", "10x", "1000x"]


def test_scaling_percentile_interpolates() -> None:
    values = [4.0, 1.0, 3.0, 2.0]
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 4.0
    assert percentile(values, 50) == pytest.approx(2.5)
    assert percentile(values, 95) == pytest.approx(3.85)
    assert percentile([7.0], 50) == 7.0


@pytest.mark.parametrize(("values", "q"), [([], 50.0), ([1.0], -1.0), ([1.0], 101.0)])
def test_scaling_percentile_refuses(values: list[float], q: float) -> None:
    with pytest.raises(ValueError, match="percentile|nothing"):
        percentile(values, q)


@pytest.mark.parametrize(
    ("y2", "b", "kind"),
    [
        (10.0, 0.0, "constant"),
        (1e3, 0.5, "sub-linear"),
        (1e5, 1.0, "linear"),
        (1e7, 1.5, "super-linear"),
    ],
)
def test_scaling_exponent_and_growth(y2: float, b: float, kind: str) -> None:
    found = exponent(1.0, 10.0, 1e4, y2)
    assert found == pytest.approx(b)
    assert growth(found) == kind


def test_scaling_exponent_undefined() -> None:
    assert exponent(1.0, 0.0, 10.0, 5.0) is None
    assert exponent(10.0, 1.0, 10.0, 5.0) is None
    assert growth(None) == "n/a"


def test_scaling_extrapolate_along_power_law() -> None:
    # y = 3 x^0.5: through (4, 6) and (16, 12), so 30 at 100
    assert extrapolate(4.0, 6.0, 16.0, 12.0, 100.0) == pytest.approx(30.0)
    assert extrapolate(4.0, 6.0, 16.0, -1.0, 100.0) is None


def test_scaling_flatten_keeps_numbers_only() -> None:
    record = {"a": 1, "b": {"c": 2.5, "d": "text", "e": {"f": 3}}, "g": True, "h": None}
    assert flatten(record) == {"a": 1.0, "b.c": 2.5, "b.e.f": 3.0}


def test_scaling_trend_from_the_last_two() -> None:
    points: list[tuple[float, dict[str, Any]]] = [
        (1.0, {"x": 999.0}),
        (10.0, {"rss": 100.0, "p50": {"ms": 2.0}, "only_here": 1.0}),
        (100.0, {"rss": 1000.0, "p50": {"ms": 2.0}}),
    ]
    assert trend(points, 1000.0) == {"rss": pytest.approx(10_000.0), "p50.ms": 2.0}
    assert trend(points[:1], 1000.0) == {}


def test_scaling_estimate() -> None:
    done = {"data": 10.0, "startup": 5.0, "queries": 60.0}
    assert estimate_seconds(done, 10.0, reusable=False) == pytest.approx(100 + 50 + 60)
    assert estimate_seconds(done, 10.0, reusable=True) == pytest.approx(50 + 60)


def test_scaling_growth_table_and_markdown() -> None:
    measured: list[tuple[float, dict[str, Any]]] = [
        (1.0, {"scale": "real", "measured": True, "quads": 100, "embedded": {"startup_s": 2.0}}),
        (10.0, {"scale": "10x", "measured": True, "quads": 1000, "embedded": {"startup_s": 2.0}}),
    ]
    table = growth_table(measured)
    assert table["quads"]["growth"] == "linear"
    assert table["embedded.startup_s"]["growth"] == "constant"
    result = {
        "scales": [
            *(r for _, r in measured),
            {"scale": "100x", "measured": False, "figures": trend(measured, 100.0)},
        ],
        "growth": table,
    }
    text = markdown(result)
    assert "100x (*extrapolated*)" in text
    quads_row = next(line for line in text.splitlines() if line.startswith("| quads |"))
    assert quads_row.split(" | ")[1:4] == ["100", "1,000", "*10,000*"]
    assert quads_row.endswith("linear (1.0) |")


def test_scaling_counts_and_sizes(tmp_path: Path) -> None:
    nq = tmp_path / "d.nq"
    nq.write_text(
        '# a comment\n<a:s> <a:p> <a:o> <a:g> .\n\n<a:s> <a:p> "x" <a:g> .\n', encoding="utf-8"
    )
    assert count_quads(nq) == 2
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f").write_bytes(b"12345")
    assert disk_bytes(tmp_path / "sub") == 5
    assert disk_bytes(nq) == nq.stat().st_size
    assert math.isclose(disk_bytes(tmp_path), nq.stat().st_size + 5)
