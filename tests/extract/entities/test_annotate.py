"""What the entity pipeline finds in passages that commit nothing: made-up snippets of the genre."""

from __future__ import annotations

from spacy.language import Language

from extract.entities.annotate import outermost
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
