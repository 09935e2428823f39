from __future__ import annotations

from pathlib import Path

from extract.layouts.joint_plan import JointPlan
from extract.layouts.workplan_table import WorkplanTable
from extract.passages import plan_passages
from extract.plans import read_plans
from extract.records import Plan, PlanSpec
from extract.text import Source

SNIPPET = """PLAN DE ACCIÓN CONJUNTO 2099

La Cuarta Reunión Ministerial del Foro se celebró en Lima.
Las Partes acuerdan adoptar el Plan, con el
apoyo de la CEPAL.

- 7 -

I. Cooperación Política

1. Fortalecer el diálogo con la Red Universitaria¹.
2. Celebrar reuniones.

¹ Red de Universidades del Sur (RUS), creada en 2090.

II. Cooperación Económica

1. Promover el comercio.
2. Promover las inversiones.

III. Cooperación Social

1. Promover la salud.
"""


def test_passages_of_a_joint_plan_snippet() -> None:
    source = Source("jp.txt", SNIPPET, "0" * 64)
    areas = JointPlan().parse(source)
    plan = Plan(PlanSpec("JP-2099", "Plan", ["jp.txt"]), [source], areas, {"jp.txt": "joint-plan"})
    found = plan_passages(plan)
    assert [(p.kind, p.passage.text) for p in found] == [
        ("preamble", "PLAN DE ACCIÓN CONJUNTO 2099"),
        ("preamble", "La Cuarta Reunión Ministerial del Foro se celebró en Lima. Las Partes "
         "acuerdan adoptar el Plan, con el apoyo de la CEPAL."),
        ("footnote", "Red de Universidades del Sur (RUS), creada en 2090."),
    ]  # fmt: skip
    # The page number between the preamble and the first chapter is furniture, no passage.
    assert source.furniture.page_numbers
    for p in found:
        span = p.passage.span
        assert source.clean(span.start, span.end) == p.passage.text


def test_passages_of_the_corpus(corpus_dir: Path) -> None:
    kinds = {plan.id: sorted({(p.kind) for p in plan.passages}) for plan in read_plans(corpus_dir)}
    assert kinds == {
        "CALC-2008": ["preamble"],
        "CELAC-2014": ["footnote", "objective", "preamble"],
        "PPT-2020": ["header", "objective", "preamble", "responsible"],
        "CHINA-CELAC-2022-2024": ["preamble"],
    }
    calc = next(p for p in read_plans(corpus_dir) if p.id == "CALC-2008")
    preamble = [p.passage.text for p in calc.passages]
    # The numbered paragraphs 2 to 23 each start a passage; the decisions are no preamble.
    assert [t.split(".")[0] for t in preamble if t[:1].isdigit()] == [str(n) for n in range(2, 24)]
    assert not any(t.startswith("1. Cooperación entre los mecanismos") for t in preamble)


TABLE = """Plan de trabajo 2031

Área Objetivo Estrategia
Eje Temático
Área del Gobierno
de Chile
responsable

1.Cooperación en
agua

 Cuidar las
cuencas.

 Medir los caudales de los ríos
de la región.

1. Ambiente:
Cuida el agua.

MMA
 Área Objetivo Estrategia
Eje Temático
Área del Gobierno de
Chile responsable

2. Turismo

 Promover el
turismo.

 Crear una ruta
regional.

2. Economía:
Crece.

SERNATUR
"""


def test_passages_a_tables_column_header_wherever_a_page_repeats_it() -> None:
    source = Source("table.txt", TABLE, "0" * 64)
    areas = WorkplanTable().parse(source)
    plan = Plan(
        PlanSpec("T-2031", "Plan", ["table.txt"]), [source], areas, {"table.txt": "workplan-table"}
    )
    headers = [p.passage for p in plan_passages(plan) if p.kind == "header"]
    assert [h.text for h in headers] == [
        "Área Objetivo Estrategia Eje Temático Área del Gobierno de Chile responsable",
        "Área Objetivo Estrategia Eje Temático Área del Gobierno de Chile responsable",
    ]
    for h in headers:
        assert source.clean(h.span.start, h.span.end) == h.text
    assert headers[1].span.start > TABLE.index("MMA")
