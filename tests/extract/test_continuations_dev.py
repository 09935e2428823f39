"""The annotated development set of carry-over pairs stays aligned with the extraction.

``extract/trace/continuations.toml`` holds the pairs (later mandate, earlier mandate) a careful
reader finds across the four plans: each side is named by plan id and a verbatim substring that must
pick out exactly one mandate of that plan as ``read_plans`` gives it. These tests check the data
only — the locators, the plan order, the values, the header counts — never the tracer.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extract.plans import read_plans

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "extract" / "trace" / "continuations.toml"
CORPUS = ROOT / "corpus"

ORDER = ["CALC-2008", "CELAC-2014", "PPT-2020", "CHINA-CELAC-2022-2024"]
KINDS = {"reiterates", "reformulates", "followsUp", "extends"}
FIELDS = {"later_plan", "later", "earlier_plan", "earlier", "kind", "explicit", "why"}
OPTIONAL = {"later_area", "earlier_area"}  # when one sentence is printed in several areas
MIN_LOCATOR = 30

# The pairs the brief names, by (later plan, later substring, earlier plan, earlier substring): any
# substring of the right mandate will do, so these are short and independent of the data's locators.
REQUIRED = [
    (
        "CELAC-2014",
        "Continuar apoyando la Iniciativa América Latina y el Caribe sin Hambre 2025",
        "CALC-2008",
        "Fortalecer los procesos de integración en el ámbito alimentario",
    ),
    (
        "CHINA-CELAC-2022-2024",
        "Explorar la posibilidad de celebrar una Cumbre del Foro China-CELAC (FCC) en 2024",
        "CELAC-2014",
        "Avanzar en el establecimiento del Foro CELAC-China",
    ),
    (
        "CHINA-CELAC-2022-2024",
        "Explorar la posibilidad de celebrar una Cumbre del Foro China-CELAC (FCC) en 2024",
        "PPT-2020",
        "Celebrar reuniones previas sobre intercambio cultural",
    ),
    (
        "CHINA-CELAC-2022-2024",
        "Agencia para la Prohibición de Armas Nucleares en América Latina y el Caribe (OPANAL)",
        "CELAC-2014",
        "Continuar promoviendo la cooperación entre la CELAC y el OPANAL",
    ),
    (
        "PPT-2020",
        "Promover movilidad académica, intercambio de estudiantes y profesores",
        "CELAC-2014",
        "Asociación de Consejos de Rectores de Universidades de América Latina y el Caribe (ACRU-LAC)",
    ),
    (
        "CELAC-2014",
        "Implementar programas de alfabetización y post alfabetización",
        "CALC-2008",
        "Adoptar programas integrales y flexibles",
    ),
]


@dataclass(frozen=True)
class Mandate:
    plan: str
    index: int  # position among the plan's mandates, in reading order
    where: str
    text: str
    area: str  # the title of its area


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def mandates() -> dict[str, list[Mandate]]:
    found: dict[str, list[Mandate]] = {}
    for plan in read_plans(CORPUS):
        rows: list[Mandate] = []
        for area in plan.all_areas():
            for mandate in area.mandates:
                where = f"{area.number or ''} {area.title.text[:30]} / {mandate.number or '-'}"
                rows.append(Mandate(plan.id, len(rows), where, mandate.text, area.title.text))
        found[plan.id] = rows
    return found


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    with DATA.open("rb") as f:
        return tomllib.load(f)


def locate(
    mandates: dict[str, list[Mandate]], plan: str, needle: str, area: str | None = None
) -> Mandate:
    """The one mandate of ``plan`` whose text contains ``needle`` (modulo whitespace), in an area
    whose title contains ``area`` when that is given."""
    assert plan in mandates, f"unknown plan {plan!r}"
    hits = [
        m
        for m in mandates[plan]
        if squash(needle) in squash(m.text)
        and (area is None or squash(area).lower() in squash(m.area).lower())
    ]
    assert len(hits) == 1, (
        f"{plan}: {needle!r} matches {len(hits)} mandates: {[m.where for m in hits]}"
    )
    return hits[0]


def resolved(
    data: dict[str, Any], mandates: dict[str, list[Mandate]]
) -> list[tuple[Mandate, Mandate, dict[str, Any]]]:
    return [
        (
            locate(mandates, p["later_plan"], p["later"], p.get("later_area")),
            locate(mandates, p["earlier_plan"], p["earlier"], p.get("earlier_area")),
            p,
        )
        for p in data["pair"]
    ]


def test_the_corpus_is_the_one_annotated(mandates: dict[str, list[Mandate]]) -> None:
    assert list(mandates) == ORDER
    assert {p: len(ms) for p, ms in mandates.items()} == {
        "CALC-2008": 61,
        "CELAC-2014": 119,
        "PPT-2020": 39,
        "CHINA-CELAC-2022-2024": 112,
    }


def test_the_file_parses_into_pairs(data: dict[str, Any]) -> None:
    assert isinstance(data.get("pair"), list) and data["pair"], "no [[pair]] entries"
    for pair in data["pair"]:
        assert FIELDS <= set(pair) <= FIELDS | OPTIONAL, f"fields of {pair}"
        for key in FIELDS - {"explicit"}:
            assert isinstance(pair[key], str) and pair[key].strip(), f"{key} of {pair}"
        assert isinstance(pair["explicit"], bool), pair


def test_every_locator_picks_out_one_mandate(
    data: dict[str, Any], mandates: dict[str, list[Mandate]]
) -> None:
    for pair in data["pair"]:
        for side in ("later", "earlier"):
            assert len(pair[side]) >= MIN_LOCATOR, f"locator too short: {pair[side]!r}"
            locate(mandates, pair[f"{side}_plan"], pair[side], pair.get(f"{side}_area"))


def test_the_earlier_plan_is_strictly_earlier(data: dict[str, Any]) -> None:
    for pair in data["pair"]:
        assert pair["later_plan"] in ORDER and pair["earlier_plan"] in ORDER, pair
        assert ORDER.index(pair["earlier_plan"]) < ORDER.index(pair["later_plan"]), pair


def test_kinds_are_valid(data: dict[str, Any]) -> None:
    for pair in data["pair"]:
        assert pair["kind"] in KINDS, pair


def test_no_pair_is_annotated_twice(
    data: dict[str, Any], mandates: dict[str, list[Mandate]]
) -> None:
    seen = Counter(
        (later.plan, later.index, earlier.plan, earlier.index)
        for later, earlier, _ in resolved(data, mandates)
    )
    twice = [k for k, n in seen.items() if n > 1]
    assert not twice, f"pairs annotated twice: {twice}"


def test_the_required_pairs_are_present(
    data: dict[str, Any], mandates: dict[str, list[Mandate]]
) -> None:
    pairs = {
        (later.plan, later.index, earlier.plan, earlier.index)
        for later, earlier, _ in resolved(data, mandates)
    }
    for later_plan, later, earlier_plan, earlier in REQUIRED:
        l_m, e_m = locate(mandates, later_plan, later), locate(mandates, earlier_plan, earlier)
        assert (later_plan, l_m.index, earlier_plan, e_m.index) in pairs, (
            f"missing: {later_plan} {l_m.where} <- {earlier_plan} {e_m.where}"
        )


def test_the_counts_in_the_header_are_the_counts_of_the_file(
    data: dict[str, Any], mandates: dict[str, list[Mandate]]
) -> None:
    rows = resolved(data, mandates)
    by_plans = Counter(f"{later.plan} <- {earlier.plan}" for later, earlier, _ in rows)
    counts = {
        "pairs": len(rows),
        "explicit": sum(p["explicit"] for _, _, p in rows),
        "by_plans": dict(by_plans),
        "by_kind": dict(Counter(p["kind"] for _, _, p in rows)),
        "later_with_antecedent": dict(
            Counter(plan for plan, _ in {(later.plan, later.index) for later, _, _ in rows})
        ),
    }
    assert data["counts"] == counts
