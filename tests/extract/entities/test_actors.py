"""The register's actors where a text names them acting: made-up snippets of the genre."""

from __future__ import annotations

from found import actors
from spacy.language import Language


def test_actors_states_listed_as_venues_are_places(nlp: Language) -> None:
    text = "Los talleres celebrados en Quito, Chile y Ecuador dieron frutos; Argentina los apoya."
    assert [a.key for a in actors(nlp, text)] == ["argentina"]


def test_actors_a_state_acts_through_its_government(nlp: Language) -> None:
    (government,) = actors(nlp, "Área del Gobierno de \nChile responsable")
    assert (government.key, government.text) == ("chile", "Gobierno de \nChile")


def test_actors_a_body_qualifying_a_heading_is_named(nlp: Language) -> None:
    assert [a.key for a in actors(nlp, "Agenda AGONU")] == ["asamblea-general"]
    # Inside an instrument's title it is not acting.
    assert actors(nlp, "conforme a la Carta de las Naciones Unidas") == []


def test_actors_a_state_after_an_office_is_not_acting(nlp: Language) -> None:
    text = "Agradecieron a la Presidenta de Chile la iniciativa, y Perú ofreció su apoyo."
    assert [a.key for a in actors(nlp, text)] == ["peru"]


def test_actors_an_acronym_before_a_closing_slash(nlp: Language) -> None:
    keys = [a.key for a in actors(nlp, "SRE/ Juana Pérez \nSEMARNAT")]
    assert keys == ["mx-sre", "mx-semarnat"]
    assert [t.text for t in nlp.make_doc("SRE/ Juana")] == ["SRE", "/", "Juana"]


def test_actors_in_the_frame_of_a_body(nlp: Language) -> None:
    text = "Presentar resultados en las reuniones que se celebran en el marco de la AGONU."
    assert [a.key for a in actors(nlp, text)] == ["asamblea-general"]
    assert actors(nlp, "conforme al Marco de la AGONU") == []
