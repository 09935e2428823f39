"""What the entity pipeline finds in passages that commit nothing: made-up snippets of the genre."""

from __future__ import annotations

from spacy.language import Language

from extract.entities.annotate import by_acronym, outermost
from extract.entities.pipeline import find


def test_annotate_outermost_name_in_a_passage(nlp: Language) -> None:
    text = (
        "La Segunda Reunión Ministerial del Foro China - CELAC se celebró en Santiago. Los Jefes de "
        "Estado celebraron la Cumbre de América Latina y el Caribe sobre Integración y Desarrollo "
        "(CALC) con el apoyo de la CEPAL."
    )
    (found,) = find(nlp, [text], reference="2018-01-22")
    assert {a.key for a in found.actors} >= {"foro-china-celac", "calc", "cepal"}
    kept = outermost(text, found)
    # The forum, China and the summit are parts of the meetings' names; the CEPAL acts.
    assert [a.key for a in kept.actors] == ["cepal"]
    assert kept.meetings == found.meetings


def test_annotate_an_event_named_by_its_acronym_alone(nlp: Language) -> None:
    objective = "Participar en el WEF Summit y en la Feria de Osaka en 2021."
    heading = "Economía digital / WEF - mercados"
    (in_objective, in_heading) = find(nlp, [objective, heading], reference="2020-01-01")
    (summit,) = [m for m in in_objective.meetings if m.name == "WEF Summit"]
    found = by_acronym(heading, in_heading, in_objective.meetings)
    (short,) = found.meetings
    assert (heading[short.start : short.end], short.label) == ("WEF", summit.label)
    # Where a name already holds the acronym, or in no passage's text, nothing is added.
    assert by_acronym(objective, in_objective, in_objective.meetings) == in_objective
