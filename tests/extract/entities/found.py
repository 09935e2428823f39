"""What the pipeline finds in a made-up snippet, each mention checked against the text it cites."""

from __future__ import annotations

from spacy.language import Language

from extract.entities.mentions import ActorMention


def actors(nlp: Language, text: str) -> list[ActorMention]:
    """The actors ``nlp`` finds in ``text``; each one's offsets cut its own words from the text."""
    doc = nlp(text)
    found: list[ActorMention] = doc._.celac_actors
    for a in found:
        assert text[a.start : a.end] == a.text
    return found
