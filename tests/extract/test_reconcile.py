"""Reconciling the two sources of PPT-2020 (web page first, as the manifest lists them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.layouts.workplan_table import WorkplanTable
from extract.layouts.workplan_web import WorkplanWeb
from extract.reconcile import merge_mandates, reconcile, similarity, stems
from extract.records import Area, Mandate
from extract.text import Passage, Source, squash

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# Per area: the web's projects, plus the table's strategies that pair with none of them —
# 2: "Reactivar el Grupo de Trabajo de Desastres Naturales." (the web runs its first words into the
#    CLRAH item); 5: "Se propone iniciar con la compra de algún medicamento."; 7: the table's
#    "Los criterios compartidos…" (the web's exchange of experiences is another wording, too far
#    apart to pair); 9: "Consensuar agendas…" (an objective on the web); 13: the ocean forum.
RECONCILED = [3, 4, 1, 2, 2, 5, 2, 2, 3, 3, 3, 1, 6, 2]


@pytest.fixture(scope="module")
def sources() -> tuple[Source, Source]:
    web = Source.load(CORPUS / "ppt-2020-mexico-work-plan-web.txt")
    table = Source.load(CORPUS / "ppt-2020-mexico-work-plan-table.txt")
    return web, table


@pytest.fixture(scope="module")
def parsed(sources: tuple[Source, Source]) -> list[tuple[Source, list[Area]]]:
    web, table = sources
    return [(web, WorkplanWeb().parse(web)), (table, WorkplanTable().parse(table))]


@pytest.fixture(scope="module")
def areas(parsed: list[tuple[Source, list[Area]]]) -> list[Area]:
    return reconcile(parsed)


def test_counts(areas: list[Area]) -> None:
    assert len(areas) == 14
    assert [len(a.mandates) for a in areas] == RECONCILED
    assert sum(len(a.mandates) for a in areas) == 39


def test_areas_pair_by_title(areas: list[Area]) -> None:
    assert [a.number for a in areas] == [str(n) for n in range(1, 15)]
    assert all(len(a.titles) == 2 for a in areas)
    pairs = {a.title.text: a.titles[1].text for a in areas}
    assert pairs["Metodología CELAC contra la corrupción"] == "Esfuerzos CELAC contra la corrupción"
    assert pairs["Premios CELAC contra la desigualdad y la pobreza"] == (
        "Premio CELAC contra la desigualdad y la pobreza"
    )
    assert pairs["1er. Encuentro CELAC de Rectores"] == "Primer Encuentro CELAC de Rectores"
    assert pairs[
        "Ciencia y Tecnología para las sociedades / STS - 1er. encuentro CELAC innovación"
    ] == ("Ciencia y Tecnología para la sociedades/ STS-1er encuentro CELAC innovación")


def test_descriptions_are_kept_from_both(
    parsed: list[tuple[Source, list[Area]]], areas: list[Area]
) -> None:
    (_, web), (_, table) = parsed
    for merged, w, t in zip(areas, web, table, strict=True):
        assert merged.objectives == [*w.objectives, *t.objectives]
        assert merged.axis == [*w.axis, *t.axis]
        assert merged.responsible == t.responsible


def test_rectors_mobility_pairs(areas: list[Area]) -> None:
    rectors = areas[3]
    (mobility,) = [m for m in rectors.mandates if "movilidad" in m.text]
    assert [p.text for p in mobility.passages] == [
        "Promover movilidad académica, intercambio de estudiantes y profesores.",
        "Ampliar la movilidad académica, intercambio de estudiantes y profesores.",
    ]
    assert mobility.sources == [
        "ppt-2020-mexico-work-plan-table.txt",
        "ppt-2020-mexico-work-plan-web.txt",
    ]


def test_table_only_items_follow_their_neighbours(areas: list[Area]) -> None:
    risks = [m.text for m in areas[1].mandates]
    assert risks[-1] == "Reactivar el Grupo de Trabajo de Desastres Naturales."
    assert [m.text for m in areas[4].mandates][-1] == (
        "Se propone iniciar con la compra de algún medicamento."
    )
    assert areas[8].mandates[-1].text.startswith("Consensuar agendas sustantivas")
    assert areas[12].mandates[-1].text.startswith("Celebrar un foro regional sobre economía")
    assert len(areas[12].mandates[-1].passages) == 1


def test_nothing_is_dropped(parsed: list[tuple[Source, list[Area]]], areas: list[Area]) -> None:
    (_, web), (_, table) = parsed
    merged = [p for a in areas for m in a.mandates for p in m.passages]
    given = [p for source in (web, table) for a in source for m in a.mandates for p in m.passages]
    assert sorted(merged, key=id) == sorted(given, key=id)
    assert len(merged) == len(given) == 34 + 29
    # The web's wording leads wherever the web has the item.
    web_texts = [m.text for a in web for m in a.mandates]
    assert [
        m.text for a in areas for m in a.mandates if m.passages[0].source.endswith("web.txt")
    ] == (web_texts)


def test_every_passage_cuts_back_to_its_source(
    sources: tuple[Source, Source], areas: list[Area]
) -> None:
    by_name = {s.name: s for s in sources}
    for area in areas:
        found: list[Passage] = [*area.titles, *area.objectives, *area.axis, *area.responsible]
        for m in area.mandates:
            found += [*m.passages, *m.notes]
        for p in found:
            text = by_name[p.source].text
            assert squash(text[p.span.start : p.span.end]) == squash(p.text), p.text


def test_similarity() -> None:
    assert stems("Premios CELAC") == stems("premio celac")
    assert similarity(
        "Metodología CELAC contra la corrupción", "Esfuerzos CELAC contra la corrupción"
    ) == (pytest.approx(2 / 3))
    assert similarity("", "algo") == 0.0


def _mandate(source: Source, text: str) -> Mandate:
    start = source.text.index(text)
    return Mandate(None, [source.passage([(start, start + len(text))])])


def test_merge_mandates_places_unpaired_items() -> None:
    a = Source(
        "a.txt", "Crear un fondo regional. Instalar paneles solares. Formar técnicos.", "0" * 64
    )
    b = Source(
        "b.txt",
        "Estudio previo de costos. Crear el fondo regional. Evaluar resultados. "
        "Instalar paneles solares rurales.",
        "0" * 64,
    )
    left = [
        _mandate(a, t)
        for t in ("Crear un fondo regional.", "Instalar paneles solares.", "Formar técnicos.")
    ]
    right = [
        _mandate(b, t)
        for t in (
            "Estudio previo de costos.",
            "Crear el fondo regional.",
            "Evaluar resultados.",
            "Instalar paneles solares rurales.",
        )
    ]
    merged = merge_mandates(left, right)
    assert [[p.text for p in m.passages] for m in merged] == [
        ["Estudio previo de costos."],
        ["Crear un fondo regional.", "Crear el fondo regional."],
        ["Evaluar resultados."],
        ["Instalar paneles solares.", "Instalar paneles solares rurales."],
        ["Formar técnicos."],
    ]
    assert [m.text for m in merge_mandates(left[:1], right[2:3])] == [
        "Crear un fondo regional.",
        "Evaluar resultados.",
    ]


def test_unpaired_areas_are_kept_in_order(sources: tuple[Source, Source]) -> None:
    a = Source("a.txt", "Energía limpia\nCultura y patrimonio\nSalud pública\n", "0" * 64)
    b = Source("b.txt", "Energía\nDeporte regional\nCultura\n", "0" * 64)

    def areas_of(source: Source) -> list[Area]:
        return [Area(None, source.passage_of_lines([line])) for line in source.lines if line.text]

    merged = reconcile([(a, areas_of(a)), (b, areas_of(b))])
    assert [[t.text for t in m.titles] for m in merged] == [
        ["Energía limpia", "Energía"],
        ["Deporte regional"],
        ["Cultura y patrimonio", "Cultura"],
        ["Salud pública"],
    ]
    assert reconcile([]) == []
    assert reconcile([(a, areas_of(a))])[1].title.text == "Cultura y patrimonio"
