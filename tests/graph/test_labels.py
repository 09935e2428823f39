from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from extract.layouts.joint_plan import JointPlan
from extract.records import Plan, PlanSpec
from extract.text import Source
from graph.labels import join_numbers, natural_key, roman
from graph.rdf import plan_graph


@pytest.mark.parametrize(
    ("parent", "number", "expected"),
    [
        ("II.10", "10.1", "II.10.1"),  # the item prints its section's number again
        ("II", "3", "II.3"),
        ("II.1", "1", "II.1.1"),  # a plain "1" in section 1 is its own part
        ("4", "4.2.1", "4.2.1"),
        ("", "7", "7"),
        ("III.2", "5.1", "III.2.5.1"),  # nothing in common: laid end to end
    ],
)
def test_labels_join_numbers(parent: str, number: str, expected: str) -> None:
    assert join_numbers(parent, number) == expected


SNIPPET = """PLAN DE ACCIÓN CONJUNTO DE PRUEBA (2030-2032)

I. Cooperación Política

1. Fortalecer el diálogo político.
2. Celebrar una reunión de cancilleres.

II. Cooperación Económica

1. Comercio

- 1.1. Fortalecer los intercambios comerciales.

2. Finanzas

- 2.1 Profundizar la cooperación financiera.
- 2.2 Poner en funcionamiento el paquete de medidas.

III. Cooperación Social

1. Promover el intercambio de jóvenes.
"""


def test_labels_mandates_cited_as_printed() -> None:
    """A joint plan's section items are cited chapter + item number, as printed ("II.2.2")."""
    source = Source("snippet.txt", SNIPPET, "0" * 64)
    areas = JointPlan().parse(source)
    plan = Plan(PlanSpec("TEST-2030", "Plan de prueba", ["snippet.txt"]), [source], areas)
    g: Graph = plan_graph(plan)
    labels = {str(o).split(":")[0] for o in g.objects(None, RDFS.label) if isinstance(o, Literal)}
    assert {"TEST-2030 I.2", "TEST-2030 II.1.1", "TEST-2030 II.2.1", "TEST-2030 II.2.2"} <= labels
    assert not [label for label in labels if "II.2.2.2" in label or "II.1.1.1" in label]


@pytest.mark.parametrize(
    ("unsorted", "expected"),
    [
        (["II.10", "II.2", "II.1"], ["II.1", "II.2", "II.10"]),
        (["area/2/mandate/10", "area/2/mandate/9"], ["area/2/mandate/9", "area/2/mandate/10"]),
        (["IX.1", "V.2", "IV.3", "I.1"], ["I.1", "IV.3", "V.2", "IX.1"]),  # roman as numbers
        (["CELAC-2014 · Educación · 12", "CELAC-2014 · educación · 3"], None),
        (["Cumbre", "cumbre de", "ALC"], ["ALC", "Cumbre", "cumbre de"]),  # words by case-fold
    ],
)
def test_labels_natural_key(unsorted: list[str], expected: list[str] | None) -> None:
    found = sorted(unsorted, key=natural_key)
    if expected is None:  # same words in another case: by number
        assert [s.rsplit(" ", 1)[-1] for s in found] == ["3", "12"]
    else:
        assert found == expected


@pytest.mark.parametrize(
    ("numeral", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("CIVIL", None), ("", None)]
)
def test_labels_roman(numeral: str, value: int | None) -> None:
    assert roman(numeral) == value
