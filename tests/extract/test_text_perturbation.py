"""Every corpus text, re-wrapped and re-paginated as another PDF extractor would give it, reads the
same: the same layout, areas, mandates and texts, and offsets that cut the perturbed text back to
each mandate's text (a property test over seeded perturbations, see ``pdf_noise``)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_noise import perturb

from extract.layouts.base import is_footnote
from extract.manifest import read_manifest
from extract.plans import read_plan
from extract.records import Area, Plan, PlanSpec
from extract.text import Passage, Source

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SPECS = {spec.id: spec for spec in read_manifest(CORPUS)}
EXAMPLES = 50


def _header_lines(text: str) -> int:
    """A work-plan table's title and column header: the lines before its first row."""
    for i, line in enumerate(text.split("\n")):
        if line.startswith("1."):
            return i
    return 0


def perturbed(spec: PlanSpec, seed: int, folder: Path) -> Plan:
    (folder / "plans.toml").write_text("", encoding="utf-8")
    for k, name in enumerate(spec.sources):
        text = (CORPUS / name).read_text(encoding="utf-8")
        table = "table" in name
        noisy = perturb(text, seed * 7 + k, table=table, keep=_header_lines(text) if table else 0)
        (folder / name).write_text(noisy, encoding="utf-8")
    return read_plan(folder, spec)


def shape(areas: list[Area]) -> list[Any]:
    return [
        (
            a.number,
            a.title.text,
            [(m.number, [p.text for p in m.passages]) for m in a.mandates],
            shape(a.areas),
        )
        for a in areas
    ]


def cuts_back(source: Source, passage: Passage, notes: list[int]) -> None:
    """The passage's span, cut from the source and cleaned (furniture and the footnote lines
    ``notes`` left out), is its text; each character is where its offset says."""
    span = passage.span
    assert source.clean(span.start, span.end, notes) == passage.text, (source.name, passage.text)
    for c, at in zip(passage.text, passage.offsets, strict=True):
        assert c == " " or source.text[at] == c, (source.name, passage.text)


ORIGINAL = {plan_id: read_plan(CORPUS, spec) for plan_id, spec in SPECS.items()}


@pytest.mark.parametrize("plan_id", sorted(SPECS))
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_text_perturbed_sources_read_the_same(plan_id: str, seed: int) -> None:
    spec = SPECS[plan_id]
    original = ORIGINAL[plan_id]
    with tempfile.TemporaryDirectory() as tmp:
        plan = perturbed(spec, seed, Path(tmp))
    assert plan.layouts == original.layouts, f"seed {seed}"
    assert shape(plan.areas) == shape(original.areas), f"seed {seed}"
    sources = {s.name: s for s in plan.sources}
    notes = {s.name: [x.index for x in s.lines if is_footnote(x)] for s in plan.sources}
    for area in plan.all_areas():
        for passage in [*area.titles, *(p for m in area.mandates for p in m.passages)]:
            cuts_back(sources[passage.source], passage, notes[passage.source])
