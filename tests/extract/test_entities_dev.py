"""The annotated development set for the entity pipeline stays aligned with the extraction.

``tests/data/entities-dev.toml`` holds, for every mandate of the four plans (and the area titles
and objectives that name meetings), the meetings and actors a careful reader finds there. Each
annotation names its text by plan id and a verbatim substring (``in``) that must pick out exactly
one text unit — a mandate, an area title or an objective — of that plan as ``read_plans`` gives it.
These tests check the data only: the locators, the names, the values; never the pipeline.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from extract.plans import read_plans

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "entities-dev.toml"
CORPUS = ROOT / "corpus"

STATUSES = {"convenes", "refersTo"}
KINDS = {"actor", "partner"}
MEETING_FIELDS = {"plan", "in", "name", "ordinal", "series", "status", "place", "date"}
ACTOR_FIELDS = {"plan", "in", "name", "kind", "key"}
# EDTF sub-year groupings used — 33-36 quarters, 40-41 semesters: (first month, months).
SUB_YEAR = {33: (1, 3), 34: (4, 3), 35: (7, 3), 36: (10, 3), 40: (1, 6), 41: (7, 6)}
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MIN_LOCATOR = 15  # most locators are ~30+ characters; short list items are whole texts


@dataclass(frozen=True)
class Unit:
    """One text of a plan that annotations may point at."""

    plan: str
    where: str  # "mandate 3 of SEGURIDAD ...", "title of area 8", ...
    text: str


def squash(text: str) -> str:
    return " ".join(text.split())


def _units() -> dict[str, list[Unit]]:
    units: dict[str, list[Unit]] = defaultdict(list)
    for plan in read_plans(CORPUS):
        for a_index, area in enumerate(plan.all_areas()):
            label = f"area {a_index} ({area.number} {area.title.text[:30]})"
            units[plan.id].append(Unit(plan.id, f"title of {label}", area.title.text))
            seen: set[str] = set()
            for objective in area.objectives:
                if objective.text in seen:  # a reconciled area repeats an objective per source
                    continue
                seen.add(objective.text)
                units[plan.id].append(Unit(plan.id, f"objective of {label}", objective.text))
            for m_index, mandate in enumerate(area.mandates):
                units[plan.id].append(
                    Unit(plan.id, f"mandate {m_index} ({mandate.number}) of {label}", mandate.text)
                )
    return dict(units)


@pytest.fixture(scope="module")
def units() -> dict[str, list[Unit]]:
    return _units()


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    with DATA.open("rb") as f:
        return tomllib.load(f)


def locate(units: dict[str, list[Unit]], plan: str, needle: str) -> Unit:
    """The one text unit of ``plan`` that contains ``needle`` (compared modulo whitespace)."""
    assert plan in units, f"unknown plan {plan!r}"
    found = [u for u in units[plan] if squash(needle) in squash(u.text)]
    assert len(found) == 1, (
        f"{plan}: locator {needle!r} matches {len(found)} texts: {[u.where for u in found]}"
    )
    return found[0]


def _span(text: str) -> tuple[date, date]:
    """The first and last day of one EDTF point of the forms the data uses."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text)
    assert m, f"not an EDTF date of the expected forms: {text!r}"
    year = int(m[1])
    if m[2] is None:
        return date(year, 1, 1), date(year, 12, 31)
    part = int(m[2])
    if m[3] is not None:
        try:
            day = date(year, part, int(m[3]))
        except ValueError as e:
            raise AssertionError(f"impossible day in {text!r}") from e
        return day, day
    if part in SUB_YEAR:  # quarters 33-36, semesters 40-41
        first, months = SUB_YEAR[part]
    else:
        assert 1 <= part <= 12, f"bad month or sub-year grouping in {text!r}"
        first, months = part, 1
    last = first + months - 1
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return date(year, first, 1), date.fromordinal(end.toordinal() - 1)


def edtf_span(value: str) -> tuple[date, date]:
    """YYYY, YYYY-MM, YYYY-MM-DD, YYYY-33..36 (quarters), YYYY-40/41 (semesters), or a/b of those."""
    points = value.split("/")
    assert len(points) in (1, 2), f"bad EDTF {value!r}"
    spans = [_span(p) for p in points]
    assert spans[0][0] <= spans[-1][1], f"interval runs backwards: {value!r}"
    return spans[0][0], spans[-1][1]


def check_edtf(value: str) -> None:
    edtf_span(value)


def test_edtf_checker() -> None:
    for good in ("2014", "2014-03", "2014-05-13/2014-05-14", "2014-41", "2014-33", "2014/2015"):
        check_edtf(good)
    for bad in ("2014-13", "2014-02-30", "2014-42", "14", "2015/2014", "2014-05-14/2014-05-13"):
        with pytest.raises(AssertionError):
            check_edtf(bad)


def test_the_dev_set_covers_every_plan(data: dict[str, Any], units: dict[str, list[Unit]]) -> None:
    mandates = {p: sum(u.where.startswith("mandate") for u in us) for p, us in units.items()}
    assert sum(mandates.values()) == 331
    for table in ("meeting", "actor"):
        plans = {entry["plan"] for entry in data[table]}
        assert plans == set(units), f"{table}: plans annotated {sorted(plans)}"


def test_meetings_are_found_where_they_are_said_to_be(
    data: dict[str, Any], units: dict[str, list[Unit]]
) -> None:
    seen: Counter[tuple[str, str, str, int | None]] = Counter()
    for meeting in data["meeting"]:
        assert set(meeting) <= MEETING_FIELDS, f"unknown fields in {meeting}"
        assert {"plan", "in", "name", "status"} <= set(meeting), f"missing fields in {meeting}"
        assert len(meeting["in"]) >= MIN_LOCATOR, f"locator too short: {meeting['in']!r}"
        unit = locate(units, meeting["plan"], meeting["in"])
        assert squash(meeting["name"]) in squash(unit.text), (
            f"{unit.where}: meeting name {meeting['name']!r} is not in the text"
        )
        assert meeting["status"] in STATUSES, meeting
        ordinal = meeting.get("ordinal")
        if ordinal is not None:
            assert isinstance(ordinal, int) and not isinstance(ordinal, bool) and ordinal >= 1
        if "series" in meeting:
            assert isinstance(meeting["series"], str) and meeting["series"].strip()
        if "place" in meeting:
            assert isinstance(meeting["place"], str) and meeting["place"].strip()
        if "date" in meeting:
            check_edtf(meeting["date"])
        seen[(unit.plan, unit.where, meeting["name"], ordinal)] += 1
    twice = [k for k, n in seen.items() if n > 1]
    assert not twice, f"a meeting annotated twice in one text: {twice}"


def test_series_are_consistent(data: dict[str, Any]) -> None:
    by_series: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for meeting in data["meeting"]:
        if "series" in meeting:
            by_series[meeting["series"]].append(meeting)
    assert by_series, "no series at all"
    for series, meetings in by_series.items():
        assert meetings, series  # every series key is used by at least one meeting
        # The same edition of a series is one meeting: where mentions date it, the dates overlap
        # ("2014-03" in one mandate, "2014-40" — first semester — in another).
        dates: dict[int, set[str]] = defaultdict(set)
        for meeting in meetings:
            if "ordinal" in meeting and "date" in meeting:
                dates[meeting["ordinal"]].add(meeting["date"])
        for ordinal, values in dates.items():
            spans = [edtf_span(v) for v in values]
            start, end = max(s for s, _ in spans), min(e for _, e in spans)
            assert start <= end, f"{series} {ordinal}: dates disagree {values}"
    # Series keys differ by more than spacing or case (one spelling per series).
    folded = Counter(squash(s).casefold() for s in by_series)
    assert all(n == 1 for n in folded.values()), folded


def test_actors_are_found_where_they_are_said_to_be(
    data: dict[str, Any], units: dict[str, list[Unit]]
) -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    seen: Counter[tuple[str, str, str]] = Counter()
    for actor in data["actor"]:
        assert set(actor) == ACTOR_FIELDS, f"fields of {actor}"
        assert len(actor["in"]) >= MIN_LOCATOR, f"locator too short: {actor['in']!r}"
        unit = locate(units, actor["plan"], actor["in"])
        assert unit.where.startswith("mandate"), f"actors are annotated in mandates: {actor}"
        assert squash(actor["name"]) in squash(unit.text), (
            f"{unit.where}: actor name {actor['name']!r} is not in the text"
        )
        assert actor["kind"] in KINDS, actor
        assert KEY.fullmatch(actor["key"]), f"key {actor['key']!r} is not a lowercase slug"
        assert actor["key"] != "celac", "the CELAC itself is not annotated"
        kinds[actor["key"]].add(actor["kind"])
        seen[(unit.plan, unit.where, actor["key"])] += 1
    mixed = {k: v for k, v in kinds.items() if len(v) > 1}
    assert not mixed, f"a key with two kinds: {mixed}"
    twice = [k for k, n in seen.items() if n > 1]
    assert not twice, f"an actor annotated twice in one mandate: {twice}"


def test_the_counts_in_the_file_are_the_counts_of_the_file(data: dict[str, Any]) -> None:
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"meetings": 0, "actors": 0, "partners": 0}
    )
    for meeting in data["meeting"]:
        counts[meeting["plan"]]["meetings"] += 1
    for actor in data["actor"]:
        counts[actor["plan"]]["actors" if actor["kind"] == "actor" else "partners"] += 1
    assert data["counts"] == dict(counts)
