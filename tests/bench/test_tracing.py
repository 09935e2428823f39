"""The tracing benchmark: synthetic corpora recombined from real mandates, the stages timed, where
it bends."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from bench.tracing import STAGES, Scale, summary, synthetic, text, trace_timed
from extract.records import Area, Mandate, Plan, PlanSpec
from extract.text import Passage


def _passage(text: str) -> Passage:
    return Passage("test.txt", text, tuple(range(len(text))))


def _plan(plan_id: str, date: str, areas: Mapping[str, Sequence[str]]) -> Plan:
    return Plan(
        PlanSpec(plan_id, plan_id, ["test.txt"], date=date),
        [],
        [
            Area(
                str(n),
                _passage(heading),
                mandates=[Mandate(str(k), [_passage(t)]) for k, t in enumerate(texts, start=1)],
            )
            for n, (heading, texts) in enumerate(areas.items(), start=1)
        ],
    )


REAL = [
    _plan(
        "A-2008",
        "2008-12-17",
        {
            "Migración": ["Realizar reuniones regionales sobre migración."],
            "Educación": ["Adoptar programas integrales para erradicar el analfabetismo."],
        },
    ),
    _plan(
        "B-2014",
        "2014-01-29",
        {
            "Educación": [
                "Implementar programas de alfabetización en la región.",
                "Promover el turismo sostenible entre los países de la región.",
            ]
        },
    ),
]


def test_tracing_synthetic_plans_recombine_the_real_mandates() -> None:
    plans = synthetic(REAL, 3, seed=7)
    assert len(plans) == 6
    assert [p.spec.date for p in plans] == sorted(p.spec.date or "" for p in plans)
    assert len({p.id for p in plans}) == 6 and not {p.id for p in plans} & {"A-2008", "B-2014"}
    texts = {m.text for p in REAL for m in p.all_mandates()}
    made = [m for p in plans for m in p.all_mandates()]
    # Each plan has the shape of a real one, and every mandate is a copy of a real one.
    assert [len(p.all_mandates()) for p in plans] == [2, 2, 2, 2, 2, 2]
    assert {m.text for m in made} <= texts
    assert len({id(m) for m in made}) == len(made)
    assert not {id(m) for m in made} & {id(m) for p in REAL for m in p.all_mandates()}
    assert synthetic(REAL, 1, seed=7) == REAL
    assert [m.text for p in synthetic(REAL, 3, seed=7) for m in p.all_mandates()] == [
        m.text for m in made
    ]


def test_tracing_summary_says_where_it_bends() -> None:
    rows = [
        Scale(1, 4, 100, 1000, 10.0, {s: 0.1 for s in STAGES}, 0.5),
        Scale(10, 40, 1000, 100_000, 10.0, {**{s: 1.0 for s in STAGES}, "features": 100.0}, 104.0),
        Scale(100, 400, 10_000, 10_000_000, None, {}, 10_400.0, extrapolated=True),
    ]
    result = summary(rows)
    assert result["bends"] == {"from": 1, "to": 10, "stages": ["features"]}
    assert result["growth"][0]["items"] == 1.0 and result["growth"][0]["features"] == 3.0
    out = text(result)
    assert "(extrapolated)" in out and "bends between 1x and 10x, in: features" in out


def test_tracing_summary_of_linear_growth_does_not_bend() -> None:
    rows = [
        Scale(1, 4, 100, 1000, 10.0, {s: 0.1 for s in STAGES}, 0.5),
        Scale(10, 40, 1000, 10_000, 10.0, {s: 1.0 for s in STAGES}, 5.0),
    ]
    assert summary(rows)["bends"] is None
    assert "no stage grows faster" in text(summary(rows))


@pytest.mark.slow
def test_tracing_times_every_stage_of_real_tracing() -> None:
    from extract.entities import pipeline
    from extract.entities.annotate import annotate
    from extract.trace.themes import tag_plans

    nlp = pipeline.load()
    annotate(REAL, nlp)
    plans = synthetic(REAL, 2, seed=1)
    real_themes = tag_plans(REAL, nlp)
    themes = {
        id(m): real_themes.get(id(o), [])
        for p in plans
        for m in p.all_mandates()
        for o in (x for q in REAL for x in q.all_mandates())
        if o.passages is m.passages
    }
    pairs, seconds = trace_timed(plans, themes)
    assert pairs > 0
    assert set(seconds) == set(STAGES) and all(v >= 0 for v in seconds.values())
