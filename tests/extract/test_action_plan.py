from __future__ import annotations

from extract.layouts.action_plan import ActionPlan
from extract.records import Area
from extract.text import Source, squash

# From a careful reading of the Plan de Acción de la CELAC 2014: mandates per area, in order.
CELAC_2014 = [
    ("SEGURIDAD ALIMENTARIA Y NUTRICIÓN Y ERRADICACIÓN DEL HAMBRE Y LA POBREZA", 8),
    ("AGRICULTURA FAMILIAR", 6),
    ("EDUCACIÓN", 12),
    ("CULTURA Y DIÁLOGO ENTRE CULTURAS", 13),
    ("CIENCIA Y TECNOLOGÍA E INNOVACIÓN", 8),
    ("DESARROLLO PRODUCTIVO E INDUSTRIAL", 5),
    ("INFRAESTRUCTURA", 4),
    ("FINANZAS", 8),
    ("PREFERENCIA ARANCELARIA LATINOAMERICANA Y DEL CARIBE", 1),
    ("ENERGÍA", 4),
    ("MEDIO AMBIENTE", 7),
    ("AGENDA DE DESARROLLO POST 2015", 6),
    ("ASISTENCIA HUMANITARIA INTERNACIONAL ANTE SITUACIONES DE DESASTRES", 7),
    ("MIGRACIONES", 4),
    ("PROBLEMA MUNDIAL DE LAS DROGAS ILÍCITAS Y LAS ADICCIONES", 3),
    ("PREVENCIÓN Y LUCHA CONTRA LA CORRUPCIÓN", 6),
    ("PARTICIPACIÓN CIUDADANA", 1),
    ("SEGURIDAD CIUDADANA", 1),
    ("COOPERACIÓN", 3),
    ("MECANISMOS REGIONALES Y SUBREGIONALES DE INTEGRACIÓN", 4),
    ("POLÍTICA INTERNACIONAL", 0),
    ("TEMAS GLOBALES", 3),
    ("RELACIONAMIENTO CON SOCIOS EXTRAREGIONALES", 5),
]


def parse(text: str) -> list[Area]:
    return ActionPlan().parse(Source("t.txt", text, "0" * 64))


def test_action_plan_areas_and_mandates_of_celac_2014(sources: dict[str, Source]) -> None:
    source = sources["celac-2014-havana-action-plan.txt"]
    areas = [a for top in ActionPlan().parse(source) for a in top.walk()]
    assert [(a.title.text, len(a.mandates)) for a in areas] == CELAC_2014
    politica = ActionPlan().parse(source)[-1]
    assert [a.number for a in politica.areas] == ["A", "B"]
    for area in areas:
        assert area.objectives, area.title.text
        for m in area.mandates:
            span = m.passages[0].span
            assert squash(source.text[span.start : span.end]) == squash(m.text)


def test_action_plan_item_split_by_a_page_break_is_whole(sources: dict[str, Source]) -> None:
    areas = ActionPlan().parse(sources["celac-2014-havana-action-plan.txt"])
    item = areas[0].mandates[1]
    assert item.text.startswith("Continuar trabajando de conjunto con la Organización")
    assert item.text.endswith(
        "II Reunión de Ministros de Desarrollo Social y Erradicación del Hambre y la Pobreza."
    )


def test_action_plan_footnote_is_a_note_not_text(sources: dict[str, Source]) -> None:
    educacion = ActionPlan().parse(sources["celac-2014-havana-action-plan.txt"])[2]
    item = educacion.mandates[9]
    assert "(ACRU-LAC) encaminadas" in item.text and "¹" not in item.text
    assert "Belo Horizonte" not in item.text
    assert item.notes and item.notes[0].text.startswith(
        "Las Conferencias, Asociaciones y Consejos de Rectores"
    )
    assert educacion.mandates[10].text.startswith("Fortalecer el Espacio de Encuentro")


def test_action_plan_dash_lines_belong_to_the_open_item_or_stand_alone() -> None:
    areas = parse(
        "TITULO DEL PLAN\n\nPreámbulo.\n\nENERGÍA\n\nObjetivo del área.\n\n"
        "1. Realizar una reunión, en cuyo marco tendrán lugar:\n - un taller;\n- un seminario.\n"
        "2. Otra cosa.\n\nPOLÍTICA EXTERIOR\n\nObjetivo general.\n\nA. TEMAS GLOBALES\n\nObjetivo A.\n\n"
        "- Primer mandato.\n- Segundo mandato.\n1. Tercer mandato, numerado.\n"
    )
    energia, politica = areas
    assert [m.text for m in energia.mandates] == [
        "Realizar una reunión, en cuyo marco tendrán lugar: - un taller; - un seminario.",
        "Otra cosa.",
    ]
    assert energia.objectives[0].text == "Objetivo del área."
    assert politica.mandates == [] and politica.objectives[0].text == "Objetivo general."
    (temas,) = politica.areas
    assert temas.number == "A" and temas.title.text == "TEMAS GLOBALES"
    assert [m.number for m in temas.mandates] == [None, None, "1"]


def test_action_plan_number_out_of_sequence_continues_the_item() -> None:
    (area,) = parse(
        "TITULO\n\nEDUCACIÓN\n\nObjetivo.\n\n1. Alcanzar una tasa de\n90. por ciento.\n2. Otro.\n"
    )
    assert [m.text for m in area.mandates] == ["Alcanzar una tasa de 90. por ciento.", "Otro."]


def test_action_plan_score_tells_it_from_other_layouts(sources: dict[str, Source]) -> None:
    scores = {name: ActionPlan().score(s) for name, s in sources.items()}
    assert scores.pop("celac-2014-havana-action-plan.txt") > 0.8
    assert all(v < 0.3 for v in scores.values()), scores
