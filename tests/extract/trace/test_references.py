"""Earlier plans named in a later text: by title, by kind and city, by kind and year."""

from __future__ import annotations

from extract.records import PlanSpec
from extract.trace.references import named_plans, plan_names

SALVADOR = PlanSpec(
    "CALC-2008",
    "Declaración de Salvador, Bahía — Cumbre de América Latina y el Caribe (CALC)",
    ["a.txt"],
    date="2008-12-17",
    place="Salvador, Bahía, Brasil",
)
HAVANA = PlanSpec(
    "CELAC-2014",
    "Plan de Acción de la CELAC 2014",
    ["b.txt"],
    date="2014-01-29",
    place="La Habana, Cuba",
)
SPECS = [SALVADOR, HAVANA]


def test_references_names_of_a_plan() -> None:
    assert plan_names(SALVADOR) == [
        "declaracion de la celac 2008",
        "declaracion de salvador",
        "declaracion de salvador, bahia",
    ]
    assert "plan de accion de la habana" in plan_names(HAVANA)
    assert "plan de accion 2014" in plan_names(HAVANA)


def test_references_a_later_text_names_an_earlier_plan() -> None:
    assert named_plans(
        "De conformidad con lo acordado en la Declaración de Salvador, impulsar la integración.",
        SPECS,
    ) == {0}
    assert named_plans(
        "En seguimiento del Plan de Acción de la CELAC 2014, celebrar la reunión.", SPECS
    ) == {1}
    assert named_plans("Dar seguimiento al Plan de Acción de La Habana.", SPECS) == {1}


def test_references_a_kind_alone_or_another_city_names_nothing() -> None:
    assert named_plans("Adoptar una declaración sobre migración.", SPECS) == set()
    assert named_plans("De acuerdo con el Plan de Acción de Montego Bay.", SPECS) == set()
    assert named_plans("Plan de Acción de la CELAC 2015", SPECS) == set()
    # A name is whole words: "Declaración de Salvadoreños" is not "Declaración de Salvador".
    assert named_plans("la Declaración de Salvadoreños", SPECS) == set()
