from __future__ import annotations

from spacy.language import Language

from extract.entities.places import read_places

MEMBERS = {
    "antigua-y-barbuda", "argentina", "bahamas", "barbados", "belice", "bolivia", "brasil", "chile",
    "colombia", "costa-rica", "cuba", "dominica", "ecuador", "el-salvador", "granada", "guatemala",
    "guyana", "haiti", "honduras", "jamaica", "mexico", "nicaragua", "panama", "paraguay", "peru",
    "republica-dominicana", "san-cristobal-y-nieves", "san-vicente-y-las-granadinas", "santa-lucia",
    "surinam", "trinidad-y-tobago", "uruguay", "venezuela",
}  # fmt: skip


def places(nlp: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.text, p.city, p.country) for p in nlp(text)._.celac_places]


def test_gazetteer_holds_every_member_and_china() -> None:
    gazetteer = read_places()
    assert len(MEMBERS) == 33
    assert MEMBERS | {"china"} <= {k for k, p in gazetteer.items() if p.kind == "country"}
    for place in gazetteer.values():
        assert place.wikidata is None or (place.wikidata.startswith("Q") and place.source)
        if place.kind == "city":
            assert place.country in gazetteer


def test_city_country_pair(nlp: Language) -> None:
    assert places(nlp, "celebrada en Caracas, Venezuela, los días 22 y 23 de julio de 2013") == [
        ("Caracas, Venezuela", "caracas", "venezuela")
    ]


def test_city_alone_gets_its_country(nlp: Language) -> None:
    assert places(nlp, "Celebrar en Caracas, durante el segundo semestre de 2014") == [
        ("Caracas", "caracas", "venezuela")
    ]


def test_antigua_guatemala_is_the_city_not_the_country(nlp: Language) -> None:
    assert places(nlp, "el 13 y 14 de mayo de 2014 en Antigua, Guatemala.") == [
        ("Antigua, Guatemala", "la-antigua-guatemala", "guatemala")
    ]
    assert places(nlp, "Antigua y Barbuda y Guatemala") == [
        ("Antigua y Barbuda", None, "antigua-y-barbuda"),
        ("Guatemala", None, "guatemala"),
    ]


def test_long_names_accents_and_case(nlp: Language) -> None:
    assert places(
        nlp, "en la República Bolivariana de Venezuela en 2014, en SHANGHAI y en Panamá"
    ) == [
        ("República Bolivariana de Venezuela", None, "venezuela"),
        ("SHANGHAI", "shanghai", "china"),
        ("Panamá", None, "panama"),
    ]


def test_common_nouns_are_not_places(nlp: Language) -> None:
    assert places(nlp, "un chile antiguo y una granada de cuba") == []


def test_unknown_venue_from_the_model(nlp: Language) -> None:
    found = places(
        nlp,
        "Celebrar la V Cumbre de Ministros de Turismo de la CELAC en Valparaíso, Chile, en 2031.",
    )
    assert found == [("Valparaíso, Chile", "valparaiso", "chile")]


def test_regions_are_not_venues(nlp: Language) -> None:
    assert places(nlp, "Celebrar reuniones en América Latina y el Caribe.") == []


def test_places_a_country_the_model_tags_with_its_preposition_stays(nlp: Language) -> None:
    # The model may tag "en Nicaragua" as one location: that is no venue of its own, and the
    # country in it is still a place.
    doc = nlp("y de reuniones celebradas en Nicaragua, Panamá y Cuba en ocasión de eventos")
    assert [p.country for p in doc._.celac_places] == ["nicaragua", "panama", "cuba"]
