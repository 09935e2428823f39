"""Named things as evidence: longest match, generic names, bodies named only in support."""

from __future__ import annotations

from extract.entities.mentions import ActorMention
from extract.trace.names import (
    Bodies,
    in_support,
    longest,
    names_in,
    read_generic,
    read_instruments,
)


def test_names_longest_match_a_sub_forum_is_not_its_parent() -> None:
    text = "Continuar el Foro China - CELAC sobre Medicina Tradicional en 2023."
    found = names_in(text, read_instruments())
    assert "instrument:foro-china-celac" not in found
    assert any("medicina tradicional" in key for key in found)


def test_names_the_parent_forum_alone_is_the_instrument() -> None:
    found = names_in(
        "Celebrar la III Reunión Ministerial del Foro CELAC-China.", read_instruments()
    )
    assert "instrument:foro-china-celac" in found


def test_names_other_names_of_one_instrument_meet() -> None:
    instruments = read_instruments()
    a = names_in("Aplicar la Convención de Mérida en la región.", instruments)
    b = names_in(
        "Ratificar la Convención de las Naciones Unidas contra la Corrupción.", instruments
    )
    assert "instrument:uncac" in a and "instrument:uncac" in b


def test_names_local_and_national_currencies_are_one_thing() -> None:
    instruments = read_instruments()
    a = names_in("apoyando la liquidación en monedas locales entre los países", instruments)
    b = names_in("mecanismos de pagos en monedas nacionales", instruments)
    assert "instrument:local-currency-settlement" in a
    assert "instrument:local-currency-settlement" in b


def test_names_longest_keeps_disjoint_spans_and_drops_parts() -> None:
    spans = [(0, 10, "a", "A"), (2, 5, "b", "B"), (12, 20, "c", "C")]
    assert [s[2] for s in longest(spans)] == ["a", "c"]


def mention(text: str, name: str, key: str) -> ActorMention:
    start = text.index(name)
    return ActorMention(start, start + len(name), name, key)


def test_names_a_body_named_in_support_is_kept_apart() -> None:
    text = "Apoyar la Iniciativa, con el apoyo técnico de la FAO y en coordinación con la CEPAL."
    assert in_support(text, mention(text, "FAO", "fao"))
    assert in_support(text, mention(text, "CEPAL", "cepal"))
    bodies = Bodies.from_register({"fao": "agency", "cepal": "agency"}, ["celac"], [])
    about, support = bodies.actors(
        text, [mention(text, "FAO", "fao"), mention(text, "CEPAL", "cepal")]
    )
    assert about == {} and set(support) == {"actor:fao", "actor:cepal"}


def test_names_a_body_the_mandate_is_about_is_not_support() -> None:
    text = "Continuar promoviendo la cooperación entre la CELAC y el OPANAL."
    bodies = Bodies.from_register({"opanal": "regional-organisation"}, ["celac"], [])
    about, support = bodies.actors(text, [mention(text, "OPANAL", "opanal")])
    assert about == {"actor:opanal": "OPANAL"} and support == {}


def test_names_generic_bodies_weigh_nothing() -> None:
    text = "Invitar a los Bancos Centrales y a China, con la ONU y la PPT, y a la CELAC."
    kinds = {
        "bancos-centrales": "national-body",
        "china": "extra-regional-state",
        "onu": "international-organisation",
        "ppt": "mechanism",
        "celac": "regional-organisation",
    }
    bodies = Bodies.from_register(kinds, ["celac"], read_generic())
    mentions = [
        mention(text, "Bancos Centrales", "bancos-centrales"),
        mention(text, "China", "china"),
        mention(text, "ONU", "onu"),
        mention(text, "PPT", "ppt"),
        mention(text, "CELAC", "celac"),
    ]
    assert bodies.actors(text, mentions) == ({}, {})
