"""The annotated carry-over pairs (``continuations.toml``), located among the plans' mandates."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.errors import ExtractError
from extract.records import Mandate, Plan

PAIRS = Path(__file__).resolve().parent / "continuations.toml"


@dataclass(frozen=True)
class Annotated:
    later_plan: str
    later: Mandate
    earlier: Mandate
    explicit: bool
    kind: str


def _squash(text: str) -> str:
    return " ".join(text.split())


def _locate(plans: dict[str, Plan], plan: str, needle: str, area: str | None) -> Mandate:
    if plan not in plans:
        raise ExtractError(PAIRS.name, f"unknown plan {plan!r}")
    hits = [
        m
        for a in plans[plan].all_areas()
        if area is None or _squash(area).lower() in _squash(a.title.text).lower()
        for m in a.mandates
        if _squash(needle) in _squash(m.text)
    ]
    if len(hits) != 1:
        raise ExtractError(PAIRS.name, f"{plan}: {needle!r} matches {len(hits)} mandates")
    return hits[0]


def read_pairs(plans: Sequence[Plan], path: Path = PAIRS) -> list[Annotated]:
    """The annotated pairs whose two plans are among ``plans``."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    by_id = {p.id: p for p in plans}
    found: list[Annotated] = []
    for p in data.get("pair", []):
        if p["later_plan"] not in by_id or p["earlier_plan"] not in by_id:
            continue
        found.append(
            Annotated(
                p["later_plan"],
                _locate(by_id, p["later_plan"], p["later"], p.get("later_area")),
                _locate(by_id, p["earlier_plan"], p["earlier"], p.get("earlier_area")),
                bool(p.get("explicit", False)),
                p["kind"],
            )
        )
    return found
