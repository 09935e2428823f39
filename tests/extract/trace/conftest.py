"""Small plans written for the tests, read by the real entity pipeline, for the tracer's tests."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pytest
from spacy.language import Language

from extract.records import Area, Mandate, Plan, PlanSpec
from extract.text import Passage

PlanMaker = Callable[[str, str, Mapping[str, Sequence[str]]], Plan]


def passage(text: str) -> Passage:
    return Passage("test.txt", text, tuple(range(len(text))))


def make_plan(plan_id: str, date: str, areas: Mapping[str, Sequence[str]]) -> Plan:
    """A plan of ``areas``: heading → the mandates' texts."""
    return Plan(
        PlanSpec(plan_id, plan_id, ["test.txt"], date=date),
        [],
        [
            Area(
                str(n),
                passage(heading),
                mandates=[Mandate(str(k), [passage(t)]) for k, t in enumerate(texts, start=1)],
            )
            for n, (heading, texts) in enumerate(areas.items(), start=1)
        ],
    )


@pytest.fixture(scope="session")
def nlp() -> Language:
    from extract.entities.pipeline import load

    return load()


@pytest.fixture(scope="session")
def plan_maker() -> PlanMaker:
    return make_plan
