"""The ``celac_actors`` component: the register's organisations and partners, wherever named.

Acronyms match case-sensitively ("FAO", "CAF"); long names and aliases case-insensitively. Where
matches overlap, the longest wins ("Oficina Regional de la FAO" over "FAO" when the register
holds both).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.entities.mentions import ActorMention
from extract.entities.register import REGISTER, read_register

if not Doc.has_extension("celac_actors"):
    Doc.set_extension("celac_actors", default=None)


class ActorFinder:
    """Marks every name of every actor of the register."""

    def __init__(self, nlp: Language, register: Path) -> None:
        self.actors = read_register(register)
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        for actor in self.actors.values():
            if actor.acronyms:
                self.acronyms.add(actor.key, [nlp.make_doc(a) for a in actor.acronyms])
            self.names.add(actor.key, [nlp.make_doc(n) for n in actor.names])

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            Span(doc, start, end, label=match_id)
            for matcher in (self.acronyms, self.names)
            for match_id, start, end in matcher(doc)
        ]
        found = filter_spans(spans)
        doc._.celac_actors = [
            ActorMention(s.start_char, s.end_char, s.text, s.label_)
            for s in sorted(found, key=lambda s: s.start)
        ]
        return doc


@Language.factory("celac_actors", default_config={"register": str(REGISTER)})
def make_actor_finder(nlp: Language, name: str, register: str) -> ActorFinder:  # noqa: ARG001
    return ActorFinder(nlp, Path(register))
