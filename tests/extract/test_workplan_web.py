"""The work-plan web layout on the PPT-2020 web page and on a made-up plan of the same layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import LayoutError
from extract.layouts.workplan_web import WorkplanWeb, heading_of, is_scope
from extract.records import Area
from extract.text import Line, Source, squash

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
WEB = "ppt-2020-mexico-work-plan-web.txt"

# Projects per area, read off the page: a paragraph under "Proyecto(s)" is one project, except
# "Participación de un funcionario por temática:" (area 3), whose three topics make one project
# with it, and "En Centroamérica y el Caribe:" (area 2), a scope whose three items stay three.
WEB_MANDATES = [3, 3, 1, 2, 1, 5, 1, 2, 2, 3, 3, 1, 5, 2]


@pytest.fixture(scope="module")
def source() -> Source:
    return Source.load(CORPUS / WEB)


@pytest.fixture(scope="module")
def areas(source: Source) -> list[Area]:
    return WorkplanWeb().parse(source)


def test_areas_and_mandates(areas: list[Area]) -> None:
    assert len(areas) == 14
    assert [len(a.mandates) for a in areas] == WEB_MANDATES
    assert sum(len(a.mandates) for a in areas) == 34
    assert all(a.number is None for a in areas)
    assert all(m.number is None for a in areas for m in a.mandates)
    assert areas[0].title.text == "Cooperación aeroespacial y aeronáutica"
    assert areas[-1].title.text == "Acción Turística Común"


def test_rectors_project(areas: list[Area]) -> None:
    rectors = areas[3]
    assert rectors.title.text == "1er. Encuentro CELAC de Rectores"
    texts = [m.text for m in rectors.mandates]
    assert "Promover movilidad académica, intercambio de estudiantes y profesores." in texts


def test_scope_lead_in_is_a_note(areas: list[Area]) -> None:
    risks = areas[1]
    assert [m.text[:20] for m in risks.mandates] == [
        "Creación de grupos t",
        "Procurar fuentes de ",
        "Promover el Centro L",
    ]
    assert all(
        [n.text for n in m.notes] == ["En Centroamérica y el Caribe:"] for m in risks.mandates
    )


def test_other_lead_in_joins_its_items(areas: list[Area]) -> None:
    (only,) = areas[2].mandates
    assert only.text == (
        "Participación de un funcionario por temática: Diplomacia científica y tecnológica. "
        "Formulación de políticas para la sociedad basadas en la ciencia y la tecnología. "
        "Ecosistemas de innovación"
    )
    assert not only.notes


def test_corrupted_heading_and_objectives(areas: list[Area]) -> None:
    # "Obje\tetivos\t" still opens the objectives of area 1.
    assert [o.text[:20] for o in areas[0].objectives] == [
        "Vincular a las agenc",
        "Fomentar la cooperac",
        "Se buscará programa ",
    ]
    # Area 12 has no "Objetivo" heading: the paragraph after the area line is its objective.
    concert = areas[11]
    assert concert.title.text.startswith("Concertación política regional")
    assert [o.text for o in concert.objectives] == [
        "Fortalecer la posición y unidad de la región en el escenario internacional en las "
        "posiciones que son comunes."
    ]


def test_axis(areas: list[Area]) -> None:
    assert all(len(a.axis) == 2 for a in areas)
    assert areas[0].axis[0].text == "Cooperación internacional"
    assert areas[10].axis[0].text.startswith("Agricultura familiar, seguridad alimentaria")
    assert areas[7].axis[0].text == "Relacionamiento con socios extra regionales."


def test_every_passage_cuts_back_to_the_source(source: Source, areas: list[Area]) -> None:
    for area in areas:
        for p in area.passages():
            assert p.source == source.name
            span = p.span
            assert squash(source.text[span.start : span.end]) == squash(p.text), p.text


def test_headings_are_matched_tolerantly() -> None:
    def line(text: str) -> Line:
        return Line(0, 0, text)

    assert heading_of(line("Obje\tetivos\t")) == "objectives"
    assert heading_of(line("OBJETIVO")) == "objectives"
    assert heading_of(line("Proyecto:")) == "projects"
    assert heading_of(line("Eje tematico del proceso de reflexion")) == "axis"
    assert heading_of(line("Fomentar la investigación.")) is None
    assert is_scope("En Centroamérica y el Caribe:")
    assert is_scope("A nivel regional:")
    assert not is_scope("Participación de un funcionario por temática:")


SYNTHETIC = """Plan de trabajo 2030 – Propuesta

Área - Cooperación en energía

Objetivos

Impulsar la transición energética.

Proyecto

Para los países insulares:

Instalar paneles solares.

Crear un fondo regional.

Eje temático del proceso de reflexión

Cooperación internacional

Fomenta la cooperación técnica.

Área - Cultura

Promover el patrimonio común.

Proyectos

Festival regional con las siguientes secciones:

Música.

Cine.

Eje temático del proceso de reflexión

Cultura
"""


def test_a_new_plan_in_the_layout() -> None:
    source = Source("made-up-web.txt", SYNTHETIC, "0" * 64)
    layout = WorkplanWeb()
    assert layout.score(source) > 0.7
    energy, culture = layout.parse(source)
    assert energy.title.text == "Cooperación en energía"
    assert [o.text for o in energy.objectives] == ["Impulsar la transición energética."]
    assert [m.text for m in energy.mandates] == [
        "Instalar paneles solares.",
        "Crear un fondo regional.",
    ]
    assert [m.notes[0].text for m in energy.mandates] == ["Para los países insulares:"] * 2
    assert [a.text for a in energy.axis] == [
        "Cooperación internacional",
        "Fomenta la cooperación técnica.",
    ]
    assert [o.text for o in culture.objectives] == ["Promover el patrimonio común."]
    assert [m.text for m in culture.mandates] == [
        "Festival regional con las siguientes secciones: Música. Cine."
    ]
    for area in (energy, culture):
        for p in area.passages():
            assert squash(source.text[p.span.start : p.span.end]) == squash(p.text)


def test_an_area_without_projects_is_an_error() -> None:
    text = "Área - Uno\n\nObjetivo\n\nAlgo.\n\nÁrea - Dos\n\nProyectos\n\nOtra cosa.\n"
    with pytest.raises(LayoutError, match="line 1: the area 'Uno' has no project"):
        WorkplanWeb().parse(Source("bad.txt", text, "0" * 64))


def test_no_area_is_an_error() -> None:
    with pytest.raises(LayoutError, match="no 'Área - <title>' line"):
        WorkplanWeb().parse(Source("bad.txt", "Un texto cualquiera.\n", "0" * 64))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_score(path: Path) -> None:
    score = WorkplanWeb().score(Source.load(path))
    if path.name == WEB:
        assert score >= 0.9
    else:
        assert score < 0.3
