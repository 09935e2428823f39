"""The work-plan table layout on the PPT-2020 PDF table and on a made-up table like it."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import LayoutError
from extract.layouts.workplan_table import WorkplanTable, column_split
from extract.records import Area
from extract.text import Source, squash

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TABLE = "ppt-2020-mexico-work-plan-table.txt"

# The reading of the table, row by row (objective column | strategy column):
#  1 aeroespacial   2 objectives | "Encuentro aeroespacial con sede en México…"
#  2 riesgos        2 | Creación…, Procurar…, Promover el CLRAH, Reactivar el Grupo… (4)
#  3 STS            1 | "Red CELAC de:" + its two items, one mandate
#  4 rectores       1 | Primer encuentro de rectores…, Ampliar la movilidad… (2)
#  5 compras        1 | Coordinar la creación…, Se propone iniciar… (2)
#  6 antimicrob.    1 | plataforma, indicadores, vigilancia, investigación, foro (5)
#  7 corrupción     1 | "Los criterios compartidos que se proponen…" (1)
#  8 CELAC-China    1 | reuniones previas, Declaración de apoyo… (2)
#  9 AGONU          2 (the two meetings, printed in the narrow column) | Consensuar agendas… (1)
# 10 gobernabilidad 1 | rotación, CEPAL, Plataforma CELAC Online (3)
# 11 premio         1 | two contests, encuentro de niños talento (3)
# 12 concertación   1 | Trabajar en posiciones conjuntas… (1)
# 13 océanos        1 | the ocean forum "…con los siguientes ejes de trabajo:" + 3 axes, one (1)
# 14 turística      1 | Cumbre Mundial de arqueología, Favorecer… (2)
TABLE_OBJECTIVES = [2, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1]
TABLE_MANDATES = [1, 4, 1, 2, 2, 5, 1, 2, 1, 3, 3, 1, 1, 2]
RESPONSIBLE = [
    "SCT / Agencia Mexicana Aeroespacial",
    "SSPC / Protección Civil",
    "SRE",
    "SEP/SRE ANVIES",
    "SHCP/Thalía Lagunes OM",
    "SALUD/Dra. Ma. Esther Orozco Orozco (CINVESTAV)",
    "SFP/Roberto Salcedo",
    "SRE/Subsecretarios Julián Ventura y Maximiliano Reyes Zúñiga.",
    "SRE",
    "SRE",
    "SRE/BIENESTAR",
    "SRE",
    "SRE/ Martha Delgado SEMARNAT",
    "ST/SRE",
]


@pytest.fixture(scope="module")
def source() -> Source:
    return Source.load(CORPUS / TABLE)


@pytest.fixture(scope="module")
def areas(source: Source) -> list[Area]:
    return WorkplanTable().parse(source)


def test_rows(areas: list[Area]) -> None:
    assert [a.number for a in areas] == [str(n) for n in range(1, 15)]
    assert [len(a.objectives) for a in areas] == TABLE_OBJECTIVES
    assert [len(a.mandates) for a in areas] == TABLE_MANDATES
    assert all(m.number is None for a in areas for m in a.mandates)


def test_titles(areas: list[Area]) -> None:
    assert areas[0].title.text == "Cooperación aeroespacial y aeronáutica"
    assert areas[2].title.text == (
        "Ciencia y Tecnología para la sociedades/ STS-1er encuentro CELAC innovación"
    )
    assert areas[11].title.text == (
        "Concertación política regional e intervenciones conjuntas en los foros multilaterales"
    )


def test_responsible_bodies(areas: list[Area]) -> None:
    assert [[r.text for r in a.responsible] for a in areas] == [[r] for r in RESPONSIBLE]


def test_axis(areas: list[Area]) -> None:
    assert [a.axis[0].text for a in areas[:3]] == [
        "2. Cooperación internacional",
        "3. Gestión integral de riesgo de desastres.",
        "2.Cooperación internacional",
    ]
    assert areas[0].axis[1].text.startswith("El área de trabajo promueve la transferencia")
    assert areas[10].axis[0].text == (
        "1. Agricultura familiar, seguridad alimentaria, nutrición y erradicación del hambre y "
        "la pobreza."
    )
    assert all(len(a.axis) == 2 for a in areas)


def test_columns(areas: list[Area]) -> None:
    rectors = areas[3]
    assert [m.text for m in rectors.mandates][1] == (
        "Ampliar la movilidad académica, intercambio de estudiantes y profesores."
    )
    agonu = areas[8]
    assert [o.text for o in agonu.objectives] == [
        "Reunión de la CELAC, en ocasión del Debate General de la 75° AGONU.",
        "Reunión con socios extra-regionales.",
    ]
    assert agonu.mandates[0].text.startswith("Consensuar agendas sustantivas")
    assert areas[1].mandates[-1].text == "Reactivar el Grupo de Trabajo de Desastres Naturales."


def test_lead_ins(areas: list[Area]) -> None:
    assert areas[2].mandates[0].text == (
        "Red CELAC de: Diplomacia científica, tecnológica. Ecosistemas CELAC de innovación."
    )
    (ocean,) = areas[12].mandates
    assert ocean.text.startswith("Celebrar un foro regional sobre economía oceánica sostenible")
    assert "con los siguientes ejes de trabajo: Difusión y aplicación regional" in ocean.text
    assert ocean.text.endswith("a celebrarse en Panamá en 2021 bajo el tema Economía Azul.")


def test_every_passage_cuts_back_to_the_source(source: Source, areas: list[Area]) -> None:
    for area in areas:
        for p in area.passages():
            assert p.source == source.name
            span = p.span
            assert squash(source.text[span.start : span.end]) == squash(p.text), p.text


def test_column_split() -> None:
    assert column_split([18, 20, 23, 25, 31, 36, 40, 42]) == 28
    assert column_split([]) == 0


SYNTHETIC = """Plan de trabajo 2030

Área Objetivo Estrategia 
Eje Temático del 
Proceso de Reflexión 
Área del Gobierno 
de México 
responsable 

1.Cooperación en 
energía 

 Impulsar la 
transición 
energética regional. 

 Instalar paneles solares en las escuelas 
rurales de los países miembros. 
 Crear un fondo regional para financiar 
proyectos de energía limpia. 

2. Cooperación 
internacional: 
Fomenta la 
cooperación técnica. 

SENER 
 Área Objetivo Estrategia 
Eje Temático del Proceso de Reflexión 
Área del Gobierno de 
México 
responsable 

2. Cultura 

 Promover el 
patrimonio común de 
la región. 

Festival regional con las siguientes secciones: 
 Música y danza de los pueblos originarios. 
 Cine latinoamericano y caribeño. 

1. Desarrollo 
social. 
Promueve la 
inclusión. 

SC / 

Secretaría de Cultura 
"""


def test_a_new_plan_in_the_layout() -> None:
    source = Source("made-up-table.txt", SYNTHETIC, "0" * 64)
    layout = WorkplanTable()
    assert layout.score(source) > 0.5
    energy, culture = layout.parse(source)
    assert (energy.number, energy.title.text) == ("1", "Cooperación en energía")
    assert [o.text for o in energy.objectives] == ["Impulsar la transición energética regional."]
    assert [m.text for m in energy.mandates] == [
        "Instalar paneles solares en las escuelas rurales de los países miembros.",
        "Crear un fondo regional para financiar proyectos de energía limpia.",
    ]
    assert [a.text for a in energy.axis] == [
        "2. Cooperación internacional",
        "Fomenta la cooperación técnica.",
    ]
    assert [r.text for r in energy.responsible] == ["SENER"]
    assert (culture.number, culture.title.text) == ("2", "Cultura")
    assert [o.text for o in culture.objectives] == ["Promover el patrimonio común de la región."]
    assert [m.text for m in culture.mandates] == [
        "Festival regional con las siguientes secciones: Música y danza de los pueblos "
        "originarios. Cine latinoamericano y caribeño."
    ]
    assert [a.text for a in culture.axis] == ["1. Desarrollo social.", "Promueve la inclusión."]
    assert [r.text for r in culture.responsible] == ["SC / Secretaría de Cultura"]
    for area in (energy, culture):
        for p in [*area.titles, *area.objectives, *area.axis, *area.responsible]:
            assert squash(source.text[p.span.start : p.span.end]) == squash(p.text)
        for m in area.mandates:
            assert squash(source.text[m.passages[0].span.start : m.passages[0].span.end]) == (
                squash(m.text)
            )


def test_no_header_is_an_error() -> None:
    with pytest.raises(LayoutError, match="no column header"):
        WorkplanTable().parse(Source("bad.txt", "1. Algo\n 2. Otra cosa\n", "0" * 64))


def test_a_row_without_axis_is_an_error() -> None:
    text = "Área Objetivo Estrategia\n\n1. Uno\n\n Hacer algo.\n"
    with pytest.raises(LayoutError, match="line 3: row 1 has no thematic axis"):
        WorkplanTable().parse(Source("bad.txt", text, "0" * 64))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_score(path: Path) -> None:
    score = WorkplanTable().score(Source.load(path))
    if path.name == TABLE:
        assert score >= 0.9
    else:
        assert score < 0.3
