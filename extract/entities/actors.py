"""The ``celac_actors`` component: the register's organisations and partners where they act.

Rules of the genre:

- acronyms match case-sensitively ("FAO", "CAF"); long names and aliases case-insensitively;
  where matches overlap the longest wins ("Oficina Regional de la FAO" over "FAO");
- the community that speaks in the plans (``speakers``, CELAC) is never an actor of its mandates;
- a state acts, or is asked to act; it is not an actor where it is only a place: after "en"
  ("centros culturales en China"), closing a list of places after "en" ("en Nicaragua, Panamá y
  Cuba"), as a meeting's venue ("celebrada en San José, Costa Rica"), or inside a meeting's name
  ("Foro de Defensa Superior China - América Latina"); nor after an office that a person holds
  ("el Presidente de Brasil");
- an organisation named inside the title of an instrument is not acting there ("Carta de las
  Naciones Unidas", "Convención de las Naciones Unidas contra la Corrupción");
- a state named as "Gobierno de X" acts through its government: the mention is the whole name;
- a state joined by a dash to another party ("Foro … China - CELAC", "ciudades hermanas China -
  ALC") is a label inside a name, not a state acting;
- the extra-regional party named inside a bi-regional mechanism ("China" in "Foro CELAC-China",
  "UE" in "mecanismo CELAC-UE") is involved too: the mandate is about relations with it.

Runs after ``celac_meetings``, whose meetings and venues it reads.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.entities.mentions import ActorMention
from extract.entities.register import REGISTER, read_register

if not Doc.has_extension("celac_actors"):
    Doc.set_extension("celac_actors", default=None)


STATES = frozenset({"member-state", "extra-regional-state"})
PLACE_WORDS = frozenset({"en"})
# Head nouns of the titles of instruments (conventions, charters, resolutions, agendas…).
INSTRUMENTS = frozenset(
    "carta convención convenio resolución declaración protocolo agenda objetivos marco estrategia".split()
)
# Words that may stand between an instrument's head noun and the organisation in its title.
TITLE_GLUE = frozenset("de del la las los el".split())
DASHES = frozenset("-–—")
# An office of a state ("el Presidente de Brasil", "la Primera Ministra de Jamaica") names a person
# who holds it: the state is not acting there.
OFFICE = re.compile(
    r"\b(?:(?:Vice)?[Pp]residente?a?|Primer[oa]\s+Ministr[oa]|Jef[ea]\s+de\s+Estado|"
    r"Canciller|Embajador[a]?|Rey|Reina)\s+(?:de|del)\s+(?:la\s+)?$"
)
# "el Gobierno de México", "del Gobierno de la República Argentina": a state's government.
GOVERNMENT = re.compile(r"\bGobierno\s+(?:de|del)\s+(?:la\s+)?$")


class ActorFinder:
    """Marks the actors of the register that a text names as acting."""

    def __init__(self, nlp: Language, register: Path, speakers: list[str]) -> None:
        self.actors = read_register(register)
        self.speakers = frozenset(speakers)
        self.partner_names = {
            a.key: re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(n) for n in (*a.acronyms, *a.names)) + r")(?!\w)"
            )
            for a in self.actors.values()
            if a.partner
        }
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
        kept = filter_spans(spans)
        places = self._places(doc)
        found = [
            ActorMention(s.start_char, s.end_char, s.text, s.label_)
            for s in kept
            if s.label_ not in self.speakers
            and not _in_instrument_title(s)
            and not (
                self.actors[s.label_].kind in STATES and (self._is_place(s, places) or _is_label(s))
            )
        ]
        found = [self._government(doc, m) for m in found]
        for outer in kept:
            if self.actors[outer.label_].kind == "mechanism":
                found.extend(self._partners_in(outer))
        doc._.celac_actors = sorted(found, key=lambda m: (m.start, -m.end))
        return doc

    def _government(self, doc: Doc, mention: ActorMention) -> ActorMention:
        """A state named as "Gobierno de X" acts through its government: the mention is the whole
        name as printed ("Área del Gobierno de México responsable")."""
        if self.actors[mention.key].kind not in STATES:
            return mention
        lead = GOVERNMENT.search(doc.text, max(0, mention.start - 40), mention.start)
        if lead is None:
            return mention
        return replace(mention, start=lead.start(), text=doc.text[lead.start() : mention.end])

    def _partners_in(self, span: Span) -> list[ActorMention]:
        """The extra-regional parties named inside a mechanism's name ("China" in "Foro CELAC-China")."""
        found = []
        for key, pattern in self.partner_names.items():
            m = pattern.search(span.text)
            if m:
                start = span.start_char + m.start()
                found.append(ActorMention(start, span.start_char + m.end(), m.group(0), key))
        return found

    @staticmethod
    def _places(doc: Doc) -> list[tuple[int, int]]:
        """Character ranges where a state would be a place: meetings' names and venues, and
        "City, Country" pairs ("Kunming, China")."""
        ranges: list[tuple[int, int]] = [
            (p.start, p.end)
            for p in getattr(doc._, "celac_places", None) or []
            if p.city and p.country
        ]
        for meeting in getattr(doc._, "celac_meetings", None) or []:
            ranges.append((meeting.start, meeting.end))
            if meeting.place is not None:
                ranges.append((meeting.place.start, meeting.place.end))
        return ranges

    @staticmethod
    def _is_place(span: Span, places: list[tuple[int, int]]) -> bool:
        before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        if before in PLACE_WORDS or _listed_after_en(span):
            return True
        if OFFICE.search(span.doc.text, max(0, span.start_char - 40), span.start_char):
            return True  # "el Presidente de Brasil": an office, not the state acting
        return any(start <= span.start_char and span.end_char <= end for start, end in places)


def _in_instrument_title(span: Span) -> bool:
    """Whether ``span`` closes the title of an instrument: "Convención de las [Naciones Unidas]".
    With no word between ("Agenda AGONU", a heading), the body qualifies a topic: it is named."""
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in TITLE_GLUE:
        i -= 1
    if i >= 2 and span.doc[i].lower_ == "marco" and span.doc[i - 1].lower_ == "el":
        return span.doc[i - 2].lower_ not in ("en", "del")  # "en el marco de la AGONU": a setting
    return 0 <= i < span.start - 1 and span.doc[i].lower_ in INSTRUMENTS


def _listed_after_en(span: Span) -> bool:
    """Whether a state closes a list of places after "en": "celebradas en Nicaragua, Panamá y
    [Cuba]". Each item before it is one capitalised name (a place), joined by "," or "y/e"."""
    doc, i = span.doc, span.start - 1
    if i < 0 or doc[i].lower_ not in (",", "y", "e"):
        return False
    while i >= 1 and doc[i].lower_ in (",", "y", "e"):
        k = i - 1
        while k >= 0 and doc[k].text[:1].isupper() and doc[k].is_alpha:
            k -= 1
        if k == i - 1 or k < 0 or i - 1 - k > 3:
            return False  # no name, or a long one: not a list of places
        if doc[k].lower_ in PLACE_WORDS:
            return True
        i = k
    return False


def _is_label(span: Span) -> bool:
    """Whether a state is joined by a dash to another party: "China - CELAC", "China-ALC"."""
    text = span.doc.text
    after = text[span.end_char : span.end_char + 3].lstrip()
    return bool(after) and after[0] in DASHES


@Language.factory("celac_actors", default_config={"register": str(REGISTER), "speakers": []})
def make_actor_finder(nlp: Language, name: str, register: str, speakers: list[str]) -> ActorFinder:  # noqa: ARG001
    return ActorFinder(nlp, Path(register), speakers)
