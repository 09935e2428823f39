from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from extract.entities.meetings import normalise_series, series_key
from extract.entities.mentions import MeetingMention
from extract.plans import read_plans
from extract.records import Plan

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {p.id: p for p in read_plans(CORPUS)}


def mandate(
    plans: dict[str, Plan], plan: str, area: str, number: str | None, index: int = 0
) -> str:
    areas = [a for a in plans[plan].all_areas() if a.title.text.strip() == area]
    assert areas, area
    items = [m for m in areas[0].mandates if m.number == number]
    return items[index].text


def meetings(nlp: Language, text: str, reference: str | None = None) -> list[MeetingMention]:
    doc = nlp.make_doc(text)
    if reference:
        doc.user_data["reference_date"] = reference
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    found: list[MeetingMention] = doc._.celac_meetings
    for m in found:
        assert text[m.start : m.end] == m.name
    return found


def where(m: MeetingMention) -> tuple[str | None, str | None] | None:
    return None if m.place is None else (m.place.city, m.place.country)


def when(m: MeetingMention) -> str | None:
    return None if m.date is None else m.date.edtf


def test_social_development_ministers(nlp: Language, plans: dict[str, Plan]) -> None:
    text = mandate(
        plans,
        "CELAC-2014",
        "SEGURIDAD ALIMENTARIA Y NUTRICIÓN Y ERRADICACIÓN DEL HAMBRE Y LA POBREZA",
        "1",
    )
    second, first = meetings(nlp, text, "2014-01-29")
    assert (
        second.name
        == "II Reunión de Ministros de Desarrollo Social y Erradicación del Hambre y la Pobreza"
    )
    assert second.label == second.name
    assert (second.kind, second.ordinal, second.status) == ("Reunión", 2, "convenes")
    assert (
        second.series
        == "Reunión de Ministros de Desarrollo Social y Erradicación del Hambre y la Pobreza"
    )
    assert where(second) == ("caracas", "venezuela")
    assert when(second) == "2014-41"
    assert second.date is not None and (second.date.begins, second.date.ends) == (
        date(2014, 7, 1),
        date(2014, 12, 31),
    )
    assert first.name == (
        "I Reunión de Ministras, Ministros y Autoridades de Desarrollo Social y Erradicación del "
        "Hambre y la Pobreza de la CELAC"
    )
    assert (first.ordinal, first.status) == (1, "refersTo")
    assert first.series == second.series  # one series despite the wording
    assert where(first) == ("caracas", "venezuela")
    assert first.place is not None and first.place.text == "Caracas, Venezuela"
    assert when(first) == "2013-07-22/2013-07-23"


def test_drugs_ministerial(nlp: Language, plans: dict[str, Plan]) -> None:
    text = mandate(
        plans, "CELAC-2014", "PROBLEMA MUNDIAL DE LAS DROGAS ILÍCITAS Y LAS ADICCIONES", "1"
    )
    (m,) = meetings(nlp, text)
    assert m.name == "I Reunión Ministerial de la CELAC sobre el Problema Mundial de las Drogas"
    assert (m.ordinal, m.status, m.kind) == (1, "convenes", "Reunión")
    assert m.series == "Reunión Ministerial sobre el Problema Mundial de las Drogas"
    assert where(m) == ("la-antigua-guatemala", "guatemala")
    assert when(m) == "2014-05-13/2014-05-14"


def test_migration_meetings_share_a_series(nlp: Language, plans: dict[str, Plan]) -> None:
    area = "MIGRACIONES"
    held = meetings(nlp, mandate(plans, "CELAC-2014", area, "1"), "2014-01-29")
    called = meetings(nlp, mandate(plans, "CELAC-2014", area, "2"), "2014-01-29")
    both = meetings(nlp, mandate(plans, "CELAC-2014", area, "3"), "2014-01-29")
    (third,) = called
    assert third.name == "III Reunión sobre Migraciones de la CELAC"
    assert (third.ordinal, third.status) == (3, "convenes")
    assert where(third) == ("quito", "ecuador")
    assert when(third) == "2014"
    second = held[0]
    assert second.name == "II Reunión sobre Migraciones de la CELAC"
    assert (second.ordinal, second.status) == (2, "refersTo")
    assert where(second) == ("san-jose", "costa-rica")
    assert when(second) == "2013-09-05/2013-09-06"
    dialogue = held[1]
    assert dialogue.name == "II Diálogo de Alto Nivel sobre Migración y Desarrollo"
    assert where(dialogue) == ("nueva-york", "estados-unidos")
    assert [m.ordinal for m in both] == [1, 2]
    assert {m.status for m in both} == {"refersTo"}
    keys = {series_key(m.series or "") for m in [third, second, *both]}
    assert keys == {"reunion sobre migraciones"}


def test_forum_named_in_an_area_title(nlp: Language, plans: dict[str, Plan]) -> None:
    area = next(
        a for a in plans["PPT-2020"].all_areas() if a.title.text == "Foro Ministerial CELAC-China"
    )
    (m,) = meetings(nlp, area.title.text, "2020-01-08")
    assert (m.name, m.kind, m.ordinal, m.status) == (
        "Foro Ministerial CELAC-China",
        "Foro",
        None,
        "convenes",
    )
    assert series_key(normalise_series(m.name)) == "foro ministerial china-celac"
    objective = area.objectives[0].text
    assert objective == "Celebrarlo en el segundo semestre de 2020 en Shanghái."
    doc = nlp(objective)
    assert [d.edtf for d in doc._.celac_dates] == ["2020-41"]
    assert [(p.city, p.country) for p in doc._.celac_places] == [("shanghai", "china")]
    assert doc._.celac_meetings == []  # "Celebrarlo": the meeting is the heading's


def test_china_celac_summit(nlp: Language, plans: dict[str, Plan]) -> None:
    text = mandate(plans, "CHINA-CELAC-2022-2024", "Cooperación Política y de Seguridad", "2")
    (m,) = meetings(nlp, text, "2021-12-03")
    assert (m.name, m.kind, m.ordinal, m.series, m.status) == (
        "Cumbre del Foro China-CELAC",
        "Cumbre",
        None,
        None,
        "convenes",
    )
    assert when(m) == "2024"
    assert m.place is None


def test_coordinated_ordinals(nlp: Language, plans: dict[str, Plan]) -> None:
    text = mandate(plans, "CHINA-CELAC-2022-2024", "Innovación de Ciencia y Tecnología", "4.2")
    two, three = meetings(nlp, text)
    assert (two.ordinal, three.ordinal) == (2, 3)
    assert two.series == three.series == "Foro de Ciencia, Tecnología e Innovación China-CELAC"
    assert two.label == "II Foro de Ciencia, Tecnología e Innovación China - CELAC"
    assert {two.status, three.status} == {"refersTo"}


def test_bare_ordinal_inherits_the_series(nlp: Language, plans: dict[str, Plan]) -> None:
    text = mandate(plans, "CELAC-2014", "CULTURA Y DIÁLOGO ENTRE CULTURAS", "1")
    second, third = meetings(nlp, text)
    assert third.name == "III Reunión"
    assert third.series == second.series == "Reunión de Ministros de Cultura"
    assert (where(second), when(second)) == ((None, "venezuela"), "2014")
    assert (where(third), when(third)) == ((None, "cuba"), "2015")


def test_generic_references_are_not_named(nlp: Language) -> None:
    text = (
        "Promover la realización de reuniones regionales y de una reunión técnica de representantes "
        "gubernamentales, así como los encuentros del Cuarteto."
    )
    assert meetings(nlp, text) == []


def test_mechanism_forum_is_not_a_meeting(nlp: Language) -> None:
    found = meetings(
        nlp,
        "Avanzar en el establecimiento del Foro CELAC-China y realizar la I reunión durante el 2014.",
    )
    assert [(m.name, m.ordinal, m.series, when(m)) for m in found] == [
        # series.toml: the China-CELAC Forum's numbered meetings are its Ministerial Meetings
        ("I reunión", 1, "Reunión Ministerial del Foro China-CELAC", "2014")
    ]


def test_made_up_meeting(nlp: Language) -> None:
    """Nothing of this sentence is in the corpus: a new meeting, city and date are still found."""
    text = (
        "Convocar la Séptima Cumbre de Ministras y Ministros de Turismo Sostenible de la CELAC en "
        "Valparaíso, Chile, del 3 al 5 de junio de 2031, a fin de dar seguimiento a los acuerdos de la "
        "VI Cumbre de Ministros de Turismo Sostenible, celebrada en Montevideo el 2 de abril de 2029."
    )
    new, old = meetings(nlp, text, "2030-01-01")
    assert new.name == "Séptima Cumbre de Ministras y Ministros de Turismo Sostenible de la CELAC"
    assert (new.label, new.ordinal, new.status) == (
        "VII Cumbre de Ministras y Ministros de Turismo Sostenible de la CELAC",
        7,
        "convenes",
    )
    assert new.series == old.series == "Cumbre de Ministros de Turismo Sostenible"
    assert where(new) == ("valparaiso", "chile")
    assert when(new) == "2031-06-03/2031-06-05"
    assert (old.ordinal, old.status, where(old), when(old)) == (
        6,
        "refersTo",
        ("montevideo", "uruguay"),
        "2029-04-02",
    )


@pytest.mark.parametrize(
    ("name", "series"),
    [
        ("Reunión de Ministras, Ministros y Autoridades de Desarrollo Social de la CELAC", "Reunión de Ministros de Desarrollo Social"),
        ("Reunión de Ministros y Ministras de Finanzas de la CELAC", "Reunión de Ministros de Finanzas"),
        ("Reunión de Ministros de Cultura de la Comunidad de Estados Latinoamericanos y Caribeños (CELAC)", "Reunión de Ministros de Cultura"),
        ("Foro Ministerial CELAC-China", "Foro Ministerial China-CELAC"),
        ("Foro de Ministros de Agricultura China – CELAC", "Foro de Ministros de Agricultura China-CELAC"),
        ("reuniones sobre migraciones de la CELAC", "Reunión sobre Migraciones"),
    ],
)  # fmt: skip
def test_normalise_series(name: str, series: str) -> None:
    assert normalise_series(name) == series


# -- meetings named by description, framed by another, generic names (issue 12) -----------------


def test_meetings_described_and_dated(nlp: Language) -> None:
    text = "Celebrar durante el primer semestre de 2016 una reunión técnica de expertos en pesca."
    [m] = meetings(nlp, text)
    assert (
        m.name == "reunión técnica de expertos en pesca" or m.name == "reunión técnica de expertos"
    )
    assert m.date is not None and m.date.edtf == "2016-40"
    assert m.status == "convenes"


def test_meetings_described_with_its_venue(nlp: Language) -> None:
    [m] = meetings(nlp, "Foro hidrográfico con sede en Panamá.")
    assert m.name == "Foro hidrográfico"
    assert m.place is not None and m.place.text == "Panamá"


def test_meetings_described_without_date_place_or_frame_is_no_meeting(nlp: Language) -> None:
    assert meetings(nlp, "Promover una reunión técnica de expertos en pesca artesanal.") == []


def test_meetings_time_words_do_not_describe(nlp: Language) -> None:
    assert meetings(nlp, "Los resultados de la reunión del año 2013 serán evaluados.") == []


def test_meetings_described_place_only_as_venue(nlp: Language) -> None:
    text = (
        "Celebrar en 2016 una reunión de expertos para aplicar el Plan de Acción de Lima "
        "aprobado por los Estados."
    )
    [m] = meetings(nlp, text)
    assert m.place is None  # "Lima" names a plan, not the meeting's venue
    assert m.date is not None and m.date.edtf == "2016"


def test_meetings_in_whose_frame(nlp: Language) -> None:
    text = (
        "Realizar la I Conferencia Regional de Ministros de Pesca en abril de 2016 en Lima, Perú, "
        "en cuyo marco tendrán lugar: - una reunión regional de autoridades de acuicultura; "
        "- una reunión conjunta de las autoridades de Pesca y Comercio."
    )
    found = meetings(nlp, text)
    names = [m.name for m in found]
    assert names == [
        "I Conferencia Regional de Ministros de Pesca",
        "reunión regional de autoridades de acuicultura",
        "reunión conjunta de las autoridades de Pesca y Comercio",
    ]
    assert found[0].place is not None
    for m in found[1:]:
        assert m.date is not None and m.date.edtf == "2016-04"
        assert m.place is not None and m.place.city == found[0].place.city


def test_meetings_in_the_frame_of(nlp: Language) -> None:
    text = (
        "Presentar a la reunión de Ministros de Pesca de la CELAC, en el marco de la II Cumbre "
        "de la CELAC en La Habana en enero de 2014, un informe."
    )
    first, frame = meetings(nlp, text)[:2]
    assert first.name == "reunión de Ministros de Pesca de la CELAC"
    assert frame.name == "II Cumbre de la CELAC"
    assert first.date == frame.date and first.date is not None


def test_meetings_generic_name_runs_over_its_setting(nlp: Language) -> None:
    text = "Celebrar la Reunión de la CELAC en ocasión de la Cumbre de las Américas."
    found = meetings(nlp, text)
    assert found[0].name == "Reunión de la CELAC en ocasión de la Cumbre de las Américas"
    assert found[0].label != "Reunión de la CELAC"


def test_meetings_whose_frame_is_not_named_frames_nothing(nlp: Language) -> None:
    text = (
        "Realizar una reunión de expertos en educación técnica, en cuyo marco tendrán lugar: "
        "- un taller sobre formación dual; - un seminario sobre certificación."
    )
    assert meetings(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Participar en la Conferencia Mundial contra el Racismo, la Discriminación Racial, la "
         "Xenofobia y las Formas Conexas de Intolerancia, y apoyar su preparación.",
         "Conferencia Mundial contra el Racismo, la Discriminación Racial, la Xenofobia y las "
         "Formas Conexas de Intolerancia"),
        ("Celebrar la Conferencia sobre la Energía, el Agua y el Saneamiento en Lima en 2015.",
         "Conferencia sobre la Energía, el Agua y el Saneamiento"),
        # the comma lists actors or other meetings, or the subject has no article: the name ends
        ("Invitar a la Reunión de Ministros de Cultura, la CEPAL y el SELA.", "Reunión de Ministros de Cultura"),
        ("Invitar a la Reunión sobre la Cultura, la Secretaría Permanente del SELA y la UNESCO.",
         "Reunión sobre la Cultura"),
        ("Apoyar el Foro de Medios China - ALC, la Cumbre Empresarial China - LAC y el Foro Legal.",
         "Foro de Medios China - ALC"),
    ],
)  # fmt: skip
def test_meeting_subject_goes_on_after_a_comma_in_an_enumeration(
    nlp: Language, text: str, name: str
) -> None:
    assert meetings(nlp, text, "2014-01-01")[0].name == name


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Participar en el foro que se celebrará en México en marzo de 2020.",
         [("foro", "México", "2020-03", "convenes")]),
        ("Preparar el taller que se realizará en Lima.", [("taller", "Lima", None, "convenes")]),
        # no venue: a time reference, not an event the text places
        ("Preparar la reunión que se realizará en el 2014.", []),
        ("Preparar la reunión que tendrá lugar en el 2014.", []),
        # an indefinite article: not one event
        ("Organizar un foro que se celebrará en México.", []),
    ],
)  # fmt: skip
def test_bare_head_held_at_a_venue_is_one_meeting(
    nlp: Language, text: str, found: list[tuple[str, str, str | None, str]]
) -> None:
    got = meetings(nlp, text, "2020-01-08")
    assert [
        (m.name, m.place.text if m.place else None, m.date.edtf if m.date else None, m.status)
        for m in got
    ] == found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Participar en el STS Forum y en el Primer Encuentro CELAC de la innovación.", "STS Forum"),
        ("Apoyar la participación de la región en el World Economic Forum de 2021.", "World Economic Forum"),
        ("Preparar la Our Ocean Conference en Panamá.", "Our Ocean Conference"),
    ],
)  # fmt: skip
def test_english_name_keeps_its_modifiers_before_the_head(
    nlp: Language, text: str, name: str
) -> None:
    found = meetings(nlp, text, "2020-01-08")
    assert found[0].name == found[0].label == name


# Meetings named outside the mandates (preambles, axes, table cells): made-up snippets of the genre.


def test_meetings_plural_series_with_article_and_proper_name(nlp: Language) -> None:
    text = (
        "Los Estados, con el fin de cumplir los acuerdos que emanan de las Reuniones de Ministros "
        "de Turismo del SICA y de las Reuniones de Directores Generales, acuerdan:"
    )
    found = meetings(nlp, text, "2019-05-01")
    assert [m.name for m in found] == [
        "Reuniones de Ministros de Turismo del SICA",
        "Reuniones de Directores Generales",
    ]
    assert {m.status for m in found} == {"refersTo"}


def test_meetings_plural_held_set_by_participle_or_earlier(nlp: Language) -> None:
    text = (
        "Las redes, reunidas en Quito, valoraron los talleres regionales realizados en Lima y "
        "Bogotá, y retoman lo asumido en las reuniones técnicas anteriores del Consejo."
    )
    found = meetings(nlp, text, "2019-05-01")
    assert [m.name for m in found] == ["talleres regionales", "reuniones técnicas"]
    assert [m.status for m in found] == ["refersTo", "refersTo"]
    assert where(found[0]) == ("lima", "peru")


def test_meetings_plural_generic_stays_unnamed(nlp: Language) -> None:
    text = "Celebrar reuniones previas sobre comercio y realizar reuniones regionales en 2020."
    assert meetings(nlp, text, "2019-05-01") == []


def test_meetings_plural_with_an_agent_is_a_kind_of_event(nlp: Language) -> None:
    text = "Alentar a las empresas a participar en las ferias comerciales organizadas por la otra Parte y en las exposiciones celebradas por sus cámaras."
    assert meetings(nlp, text, "2019-05-01") == []


def test_meetings_bare_plural_held_set_is_named_by_its_venues(nlp: Language) -> None:
    text = (
        "La red nació de las reuniones celebradas en Quito, Lima y Caracas en ocasión de otros "
        "eventos, y de las reuniones realizadas en Santiago el 3 de mayo de 2012."
    )
    first, second = meetings(nlp, text, "2019-05-01")
    assert first.name == "reuniones celebradas en Quito, Lima y Caracas"
    assert first.label == "Reuniones celebradas en Quito, Lima y Caracas"
    assert (where(first), first.status) == (("quito", "ecuador"), "refersTo")
    assert second.name == "reuniones realizadas en Santiago" and when(second) == "2012-05-03"
