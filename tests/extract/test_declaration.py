from __future__ import annotations

from extract.layouts.declaration import Declaration
from extract.text import Source, squash

# From a careful reading of paragraph 23 of the Declaración de Salvador: bullets per decision area.
CALC_2008 = [3, 4, 6, 5, 9, 7, 6, 6, 4, 7, 2, 2]


def test_declaration_decision_areas_of_calc_2008(sources: dict[str, Source]) -> None:
    source = sources["calc-2008-salvador-declaration.txt"]
    areas = Declaration().parse(source)
    assert [a.number for a in areas] == [str(n) for n in range(1, 13)]
    assert [len(a.mandates) for a in areas] == CALC_2008
    assert areas[1].title.text == "Crisis financiera internacional"
    assert areas[2].title.text == "Energía"
    for area in areas:
        for m in area.mandates:
            span = m.passages[0].span
            assert squash(source.text[span.start : span.end]) == squash(m.text)
            assert not m.text.startswith(("•", " "))


def test_declaration_paragraphs_before_the_decisions_are_not_mandates(
    sources: dict[str, Source],
) -> None:
    areas = Declaration().parse(sources["calc-2008-salvador-declaration.txt"])
    texts = [m.text for a in areas for m in a.mandates]
    assert not any(t.startswith(("Expresaron", "Reafirmaron", "Los Jefes")) for t in texts)


def test_declaration_list_inside_a_bullet_belongs_to_it(sources: dict[str, Source]) -> None:
    finance = Declaration().parse(sources["calc-2008-salvador-declaration.txt"])[1]
    last = finance.mandates[-1]
    assert last.text.startswith("Encomendar a los Ministros de Finanzas")
    assert "Un sistema multilateral y voluntario de pagos" in last.text
    assert last.text.endswith("Cooperación entre los bancos nacionales y regionales de fomento.")
    assert "•" not in last.text


def test_declaration_double_bullet_glyph_is_dropped(sources: dict[str, Source]) -> None:
    energy = Declaration().parse(sources["calc-2008-salvador-declaration.txt"])[2]
    assert energy.mandates[0].text.startswith("Promover la cooperación regional para maximizar")


def test_declaration_new_text_in_the_layout() -> None:
    text = (
        "Declaración de prueba\n1. Primer párrafo.\n2. Segundo párrafo. Decidieron:\n"
        "1. Energía:\n\n• Promover la energía\nlimpia.\n\n• Crear un fondo con:\n•Aportes.\n•Donaciones.\n"
        "2. Agua\n• Cuidar el agua.\n"
    )
    areas = Declaration().parse(Source("d.txt", text, "0" * 64))
    assert [a.title.text for a in areas] == ["Energía", "Agua"]
    assert [m.text for m in areas[0].mandates] == [
        "Promover la energía limpia.",
        "Crear un fondo con: Aportes. Donaciones.",
    ]
    assert [m.text for m in areas[1].mandates] == ["Cuidar el agua."]
