"""Organisations the register does not hold, found by the genre's patterns (on made-up snippets)."""

from __future__ import annotations

from found import actors
from spacy.language import Language

from extract.entities.mentions import ActorMention
from extract.entities.organisations import acronym_start, initials_fit, slug


def unregistered(nlp: Language, text: str) -> list[ActorMention]:
    return [a for a in actors(nlp, text) if a.kind == "organisation"]


def test_organisations_name_with_acronym(nlp: Language) -> None:
    text = "Apoyar a la Red de Universidades del Caribe Oriental (RUCO) en sus programas."
    [org] = unregistered(nlp, text)
    assert org.label == "Red de Universidades del Caribe Oriental"
    assert org.acronym == "RUCO"
    assert org.text == "Red de Universidades del Caribe Oriental (RUCO)"
    assert org.key == "red-de-universidades-del-caribe-oriental"


def test_organisations_acronym_once_introduced(nlp: Language) -> None:
    text = (
        "Invitar al Consejo Andino de Rectores Unidos (CARU) a presentar un informe; "
        "la CARU lo hará en 2015."
    )
    found = unregistered(nlp, text)
    assert [a.text for a in found] == ["Consejo Andino de Rectores Unidos (CARU)", "CARU"]
    assert {a.key for a in found} == {"consejo-andino-de-rectores-unidos"}
    assert all(a.acronym == "CARU" for a in found)


def test_organisations_acronym_before_its_introduction_is_not_one(nlp: Language) -> None:
    text = "La XYZW y el Fondo Regional de Semillas Nativas (FRSN) cooperarán."
    assert [a.text for a in unregistered(nlp, text)] == [
        "Fondo Regional de Semillas Nativas (FRSN)"
    ]


def test_organisations_head_noun_with_a_capitalised_name(nlp: Language) -> None:
    text = "Solicitar al Banco de Fomento de la Cuenca del Plata un estudio."
    [org] = unregistered(nlp, text)
    assert org.label == "Banco de Fomento de la Cuenca del Plata"
    assert org.acronym is None


def test_organisations_capitalised_adjective_before_the_head(nlp: Language) -> None:
    text = "Trabajar con el Nuevo Fondo de Garantías Andinas en la materia."
    [org] = unregistered(nlp, text)
    assert org.label == "Nuevo Fondo de Garantías Andinas"


def test_organisations_register_knows_it_then_it_is_the_registers(nlp: Language) -> None:
    text = "Cooperar con el Nuevo Banco de Desarrollo y con la CEPAL."
    found = actors(nlp, text)
    assert not [a for a in found if a.kind == "organisation"]
    assert {a.key for a in found} >= {"cepal"}


def test_organisations_acronyms_of_goals_and_regions_are_not_organisations(
    nlp: Language,
) -> None:
    text = "Avanzar hacia las Metas Comunes de Salud Regional (MCSR) de la región."
    assert unregistered(nlp, text) == []


def test_organisations_lower_case_head_or_bare_head_is_no_name(nlp: Language) -> None:
    text = "Crear un fondo regional de semillas y pedir al Banco que informe."
    assert unregistered(nlp, text) == []


def test_organisations_initials() -> None:
    assert initials_fit("Red de Universidades del Caribe", "RUC")
    assert initials_fit("Consejo Superior Universitario Centroamericano", "CSUCA")
    assert not initials_fit("Red de Universidades del Caribe", "OEA")
    assert acronym_start("Apoyar a la Red de Universidades", "RU") == 12
    assert slug("Organización Ñandú") == "organizacion-nandu"
