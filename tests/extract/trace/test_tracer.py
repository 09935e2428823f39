"""The tracer end to end on plans written for the tests, read by the real entity pipeline."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence

import pytest
from spacy.language import Language

from extract.entities.annotate import annotate
from extract.records import Plan
from extract.reviews import Review
from extract.trace.themes import tag_plans
from extract.trace.tracer import Link, Tracer

PlanMaker = Callable[[str, str, Mapping[str, Sequence[str]]], Plan]


@pytest.fixture(scope="module")
def plans(nlp: Language, plan_maker: PlanMaker) -> list[Plan]:
    found = [
        plan_maker(
            "A-2008",
            "2008-12-17",
            {
                "Migración": [
                    "Realizar reuniones regionales con miras a la profundización del diálogo sobre migración.",
                ],
                "Corrupción": [
                    "Promover la ratificación de la Convención de las Naciones Unidas contra la Corrupción.",
                ],
                "Educación": [
                    "Adoptar programas integrales para erradicar el analfabetismo antes de 2015.",
                ],
            },
        ),
        plan_maker(
            "B-2014",
            "2014-01-29",
            {
                "Migraciones": [
                    "Dar seguimiento a las recomendaciones emanadas de la II Reunión sobre Migraciones, celebrada en Santiago.",
                ],
                "Educación": [
                    "Implementar programas de alfabetización y post alfabetización en la región.",
                ],
                "Turismo": ["Promover el turismo sostenible entre los países de la región."],
            },
        ),
        plan_maker(
            "C-2022",
            "2022-12-07",
            {
                "Seguridad": [
                    "Ampliar la cooperación contra la corrupción en el marco de la Convención de Mérida.",
                ],
            },
        ),
    ]
    annotate(found, nlp)
    return found


@pytest.fixture(scope="module")
def links(plans: list[Plan], nlp: Language) -> list[Link]:
    return Tracer(plans, tag_plans(plans, nlp)).trace()


def find(links: list[Link], later: str, earlier: str) -> Link:
    hits = [x for x in links if later in x.later.text and earlier in x.earlier.text]
    assert len(hits) == 1, [(x.later.text[:30], x.earlier.text[:30]) for x in links]
    return hits[0]


def test_tracer_explicit_reference_to_a_called_series(links: list[Link]) -> None:
    link = find(links, "Dar seguimiento", "Realizar reuniones regionales")
    assert link.explicit and link.kind == "followsUp"
    # The meeting's subject is the earlier mandate's heading: the rule asserts the link.
    assert link.signals["explicit"] >= 0.5 and link.tier == "asserted"
    assert link.evidence_es and link.evidence_en
    assert any("reunión" in line for line in link.evidence_es)


def test_tracer_a_pair_that_skips_a_plan_is_a_candidate(links: list[Link]) -> None:
    link = find(links, "Convención de Mérida", "Convención de las Naciones Unidas")
    assert any(
        "Convención de las Naciones Unidas contra la Corrupción" in x for x in link.evidence_en
    )
    assert link.signals["names"] > 0


def test_tracer_every_link_has_a_tier_and_a_calibrated_confidence(links: list[Link]) -> None:
    assert links
    for x in links:
        assert x.tier in {"asserted", "probable", "candidate"} and x.method_tier == x.tier
        assert 0 <= x.confidence <= 1 and x.rank >= 1
    assert not [x for x in links if x.later is x.earlier]


def test_tracer_reviews_set_the_tier_and_keep_the_methods(plans: list[Plan], nlp: Language) -> None:
    later = plans[1].areas[2].mandates[0]  # turismo: no antecedent in A
    earlier = plans[0].areas[2].mandates[0]
    confirmed = Review("l", "e", "confirmed", "Ana Pérez", datetime.date(2026, 12, 6), "why", 1)
    out = Tracer(plans, tag_plans(plans, nlp)).trace(reviews=[(confirmed, later, earlier)])
    link = next(x for x in out if x.later is later and x.earlier is earlier)
    assert link.tier == "asserted" and link.review is confirmed
    assert link.method_tier in {"probable", "candidate"}
    explicit = find(out, "Dar seguimiento", "Realizar reuniones regionales")
    rejected = Review("l", "e", "rejected", "Ana Pérez", datetime.date(2026, 12, 6), "", 2)
    again = Tracer(plans, tag_plans(plans, nlp)).trace(
        reviews=[(rejected, explicit.later, explicit.earlier)]
    )
    link = find(again, "Dar seguimiento", "Realizar reuniones regionales")
    assert link.tier == "candidate" and link.method_tier == explicit.method_tier


def test_tracer_a_later_mandate_naming_an_earlier_plan_continues_its_closest_mandate(
    nlp: Language, plan_maker: PlanMaker
) -> None:
    earlier = plan_maker(
        "A-2008",
        "2008-12-17",
        {
            "Energía": ["Promover la integración energética regional y la eficiencia energética."],
            "Turismo": ["Promover el turismo sostenible entre los países de la región."],
        },
    )
    earlier.spec.title = "Declaración de Salvador, Bahía — Cumbre de América Latina y el Caribe"
    earlier.spec.place = "Salvador, Bahía, Brasil"
    later = plan_maker(
        "B-2014",
        "2014-01-29",
        {
            "Energía": [
                "De conformidad con lo acordado en la Declaración de Salvador, avanzar en la "
                "integración energética regional.",
            ],
        },
    )
    plans = [earlier, later]
    annotate(plans, nlp)
    out = Tracer(plans, tag_plans(plans, nlp)).trace()
    link = find(out, "Declaración de Salvador", "integración energética")
    assert link.explicit and link.tier == "asserted"
    assert any("Declaración de Salvador" in line for line in link.evidence_en)
    assert not [x for x in out if x.explicit and "turismo" in x.earlier.text]
