"""Bodies designated without a proper name: found by pattern, identified by plan and area."""

from __future__ import annotations

from spacy.language import Language

from extract.entities.bodies import kind_of, place_in_area
from extract.entities.mentions import ActorMention, Mentions


def bodies(nlp: Language, text: str) -> list[ActorMention]:
    doc = nlp(text)
    found = [a for a in doc._.celac_actors if a.kind == "descriptive-body"]
    for a in found:
        assert text[a.start : a.end] == a.text
    return found


def test_bodies_designation_with_qualifiers(nlp: Language) -> None:
    text = "Validar la creación de un Grupo de Trabajo Ad Hoc, de composición abierta, coordinado por la PPT."
    [body] = bodies(nlp, text)
    assert body.text == "Grupo de Trabajo Ad Hoc, de composición abierta"


def test_bodies_designation_stops_at_a_clause(nlp: Language) -> None:
    text = (
        "Efectuar una reunión del Grupo de Trabajo creado por la I Reunión de Ministros de Salud."
    )
    assert [b.text for b in bodies(nlp, text)] == ["Grupo de Trabajo"]


def test_bodies_qualifier_of_the_community(nlp: Language) -> None:
    text = "Apoyar la labor del Grupo de Trabajo permanente de la CELAC en materia de salud."
    assert [b.text for b in bodies(nlp, text)] == ["Grupo de Trabajo permanente de la CELAC"]


def test_bodies_kin_of_the_working_group(nlp: Language) -> None:
    text = "Establecer un Grupo de Expertos y un Comité Técnico sobre Pesca Artesanal."
    assert [b.text for b in bodies(nlp, text)] == [
        "Grupo de Expertos",
        "Comité Técnico sobre Pesca Artesanal",
    ]


def test_bodies_lower_case_is_a_common_noun(nlp: Language) -> None:
    assert bodies(nlp, "Recomendar la formación de un grupo de trabajo sobre pesca.") == []


def test_bodies_the_register_keeps_its_named_groups(nlp: Language) -> None:
    doc = nlp("Encomendar al Grupo de Trabajo de Finanzas un informe.")
    assert [(a.key, a.kind) for a in doc._.celac_actors] == [("gt-finanzas", None)]


def test_bodies_kind() -> None:
    assert kind_of("Grupos del Trabajo Ad Hoc") == "Grupo de Trabajo"
    assert kind_of("Comités Técnicos") == "Comité Técnico"


def _mention(text: str, key: str | None = None) -> ActorMention:
    if key:
        return ActorMention(0, len(text), text, key)
    return ActorMention(0, len(text), text, text, text, None, "descriptive-body")


def test_bodies_identified_by_plan_and_area() -> None:
    first = Mentions(actors=[_mention("Grupo de Trabajo Ad Hoc")])
    later = Mentions(actors=[_mention("Grupo de Trabajo")])
    place_in_area("CELAC-2014", "AGRICULTURA FAMILIAR", [first, later])
    [a], [b] = first.actors, later.actors
    assert a.key == "grupo-de-trabajo-celac-2014-agricultura-familiar-ad-hoc"
    assert a.label == "Grupo de Trabajo Ad Hoc (Agricultura familiar, CELAC-2014)"
    assert (b.key, b.label) == (a.key, a.label)  # the bare designation is the area's group


def test_bodies_bare_designation_after_a_named_group_is_that_group() -> None:
    first = Mentions(actors=[_mention("Grupo de Trabajo de Finanzas", key="gt-finanzas")])
    later = Mentions(actors=[_mention("Grupo del Trabajo")])
    place_in_area("CELAC-2014", "FINANZAS", [first, later])
    assert [(a.key, a.label) for a in later.actors] == [("gt-finanzas", None)]


def test_bodies_in_different_areas_are_different() -> None:
    one = Mentions(actors=[_mention("Grupo de Trabajo")])
    two = Mentions(actors=[_mention("Grupo de Trabajo")])
    place_in_area("P", "Energía", [one])
    place_in_area("P", "Cultura", [two])
    assert one.actors[0].key != two.actors[0].key
    assert one.actors[0].label == "Grupo de Trabajo (Energía, P)"


def test_bodies_meeting_of_a_body_takes_its_full_name() -> None:
    from extract.entities.mentions import MeetingMention

    first = Mentions(actors=[_mention("Grupo de Trabajo de Pesca", key="gt-pesca")])
    text = "la reunión del Grupo del Trabajo"
    meeting = MeetingMention(
        3, 32, text[3:], "Reunión del Grupo del Trabajo", "Reunión", None, None, "refersTo"
    )
    body = ActorMention(
        text.index("Grupo"),
        len(text),
        "Grupo del Trabajo",
        "grupo-del-trabajo",
        "Grupo del Trabajo",
        None,
        "descriptive-body",
    )
    later = Mentions(meetings=[meeting], actors=[body])
    place_in_area("P", "PESCA", [first, later])
    assert later.meetings[0].label == "Reunión del Grupo de Trabajo de Pesca"
    assert later.actors[0].key == "gt-pesca"


def test_bodies_series_named_after_a_bare_body_is_the_bodys() -> None:
    from extract.entities.mentions import MeetingMention

    first = Mentions(actors=[_mention("Grupo de Trabajo de Pesca de la CELAC", key="gt-pesca")])
    text = "adoptado por el Grupo en su primera reunión"
    start = text.index("primera")
    meeting = MeetingMention(
        start, len(text), text[start:], "I Reunión", "Reunión", 1, "Reunión del Grupo", "refersTo"
    )
    later = Mentions(meetings=[meeting])
    place_in_area("P", "PESCA", [first, later])
    assert later.meetings[0].series == "Reunión del Grupo de Trabajo de Pesca"
