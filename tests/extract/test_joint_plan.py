from __future__ import annotations

from extract.layouts.joint_plan import JointPlan
from extract.text import Source, squash

# From a careful reading of the China–CELAC Joint Action Plan 2022-2024.
CHAPTERS = [("I", 9), ("II", 0), ("III", 5), ("IV", 0), ("V", 11), ("VI", 6), ("VII", 3)]
SECTIONS = {"II": [6, 3, 8, 5, 4, 6, 7, 3, 3, 3], "IV": [7, 4, 8, 5, 3, 3]}


def test_joint_plan_chapters_and_sections(sources: dict[str, Source]) -> None:
    source = sources["china-celac-2022-2024-joint-action-plan.txt"]
    chapters = JointPlan().parse(source)
    assert [(c.number, len(c.mandates)) for c in chapters] == CHAPTERS
    for chapter in chapters:
        counts = [len(s.mandates) for s in chapter.areas]
        assert counts == SECTIONS.get(chapter.number or "", [])
        for area in chapter.walk():
            for m in area.mandates:
                span = m.passages[0].span
                assert squash(source.text[span.start : span.end]) == squash(m.text)
    finanzas = chapters[1].areas[1]
    assert finanzas.title.text == "Finanzas"
    assert [m.number for m in finanzas.mandates] == ["2.1", "2.2", "2.3"]


def test_joint_plan_item_split_by_a_page_break_is_whole(sources: dict[str, Source]) -> None:
    chapters = JointPlan().parse(sources["china-celac-2022-2024-joint-action-plan.txt"])
    item = chapters[1].areas[0].mandates[5]
    assert item.number == "1.6"
    assert "Foro de Inversión y Cooperación de Alto Nivel China - América Latina" in item.text
    assert item.text.endswith("y otras exposiciones, etc.")


def test_joint_plan_new_text_in_the_layout() -> None:
    text = (
        "PLAN CONJUNTO DE PRUEBA\n\nPreámbulo.\n\nI. Política\n\n1. Dialogar.\n2. Cooperar\n\nmás.\n\n"
        "II. Economía\n\n1. Comercio\n\n- 1.1. Comerciar.\n- 1.2 Invertir.\n\nIII. Cultura\n\n1. Intercambiar.\n"
    )
    chapters = JointPlan().parse(Source("j.txt", text, "0" * 64))
    assert [m.text for m in chapters[0].mandates] == ["Dialogar.", "Cooperar más."]
    assert [(s.title.text, [m.number for m in s.mandates]) for s in chapters[1].areas] == [
        ("Comercio", ["1.1", "1.2"])
    ]
    assert len(chapters[2].mandates) == 1


def test_joint_plan_footnote_at_the_foot_of_a_page_inside_an_item() -> None:
    """A page break inside an item, with the item's footnote at the page foot: the item is whole,
    the footnote is no part of its text but its note, attached once (the footnote's own leading
    marker, inside the item's span, is no reference to it)."""
    text = (
        "PLAN CONJUNTO DE PRUEBA\n\nI. Política\n\n1. Dialogar.\n\nII. Ciencia\n\n"
        "1. Apoyar las redes oceanográficas¹ entre universidades y centros\n\n"
        "¹ Entre ellas, la Red del Mar (RM).\n\n- 2 -\n\n"
        "de investigación de las Partes.\n2. Cooperar.\n\nIII. Cultura\n\n1. Intercambiar.\n"
    )
    source = Source("j.txt", text, "0" * 64)
    item = JointPlan().parse(source)[1].mandates[0]
    assert item.text == (
        "Apoyar las redes oceanográficas entre universidades y centros de investigación de las "
        "Partes."
    )
    assert [n.text for n in item.notes] == ["Entre ellas, la Red del Mar (RM)."]
