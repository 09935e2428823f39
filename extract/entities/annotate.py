"""Run the entity pipeline over every plan: mandates, area headings and objectives, the adoption,
and the passages that are no mandates (preambles, footnotes, responsible bodies)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language

from extract.entities.bodies import place_in_area
from extract.entities.meetings import ENGLISH_HEADS
from extract.entities.mentions import ActorMention, MeetingMention, Mentions, PlaceMention
from extract.entities.pipeline import find
from extract.errors import ManifestError
from extract.records import Area, Plan
from extract.text import Passage, Source


def annotate(plans: Sequence[Plan], nlp: Language) -> None:
    """Fill ``found`` on every mandate, area and plan passage, and ``adoption`` on plans whose
    manifest names it."""
    results: dict[int, Mentions] = {}
    adoptions: dict[str, list[Passage]] = {}
    for plan in plans:
        texts: list[Passage] = []
        if plan.spec.adopted_at:
            texts.extend(adoptions.setdefault(plan.id, _adoption_passages(plan)))
        uncommitted: list[Passage] = []  # what commits nothing: headings, objectives, preambles …
        for area in plan.all_areas():
            uncommitted.extend([area.title, *area.objectives, *_also_read(area)])
            texts.extend(m.passages[0] for m in area.mandates)
        # Preambles, footnotes and responsible bodies (objectives are read with their areas).
        uncommitted.extend(p.passage for p in plan.passages if p.kind != "objective")
        texts.extend(uncommitted)
        found = find(nlp, (t.text for t in texts), reference=plan.spec.date)
        results.update((id(t), mentions) for t, mentions in zip(texts, found, strict=True))
        results.update((id(t), outermost(t.text, results[id(t)])) for t in uncommitted)
        named = [m for t in texts for m in results[id(t)].meetings]
        results.update((id(t), by_acronym(t.text, results[id(t)], named)) for t in uncommitted)
    for plan in plans:
        for area in plan.all_areas():
            objectives = [(p, results[id(p)]) for p in area.objectives]
            area.found = _titled_by_meeting([(area.title, results[id(area.title)]), *objectives])
            for title in _other_titles(area):  # each source's heading, dated by the objectives
                area.found.append(_titled_by_meeting([(title, results[id(title)]), *objectives])[0])
            area.found.extend((p, results[id(p)]) for p in area.axis)
            for mandate in area.mandates:
                mandate.found = results[id(mandate.passages[0])]
            place_in_area(
                plan.id,
                area.title.text,
                [*(m for _, m in area.found), *(m.found for m in area.mandates)],
            )
        for part in plan.passages:
            part.found = results[id(part.passage)]
            if part.kind != "objective":  # an objective's bodies are placed with its area
                heading = part.area.title.text if part.area else _PART_HEADINGS.get(part.kind, "")
                place_in_area(plan.id, heading or part.kind, [part.found])
        if plan.id in adoptions:
            plan.adoption = _adoption(
                plan.spec.adopted_at or "", [(p, results[id(p)]) for p in adoptions[plan.id]]
            )


# Where a descriptive body named outside any area is placed: its label reads "(Preámbulo, CALC-2008)".
_PART_HEADINGS = {"preamble": "Preámbulo", "footnote": "Notas", "header": "Encabezado de tabla"}


def outermost(text: str, found: Mentions) -> Mentions:
    """In a passage that commits nothing (a heading, a preamble, a footnote), a body named inside a
    meeting's name, or as that name, is part of the name: "Tercera Reunión Ministerial del Foro
    China - CELAC" names a meeting, not the Foro nor China, and a summit's acronym in brackets
    right after it ("Cumbre … sobre Integración y Desarrollo (CALC)") is the summit's. In a
    mandate the same bodies take part in what is committed, and are kept there."""
    spans = [(m.start, m.end) for m in found.meetings]

    def named_in_meeting(a: ActorMention) -> bool:
        for start, end in spans:
            if start <= a.start and a.end <= end:
                return True
            if a.start >= end and _BRACKET_OPEN.fullmatch(text[end : a.start]):
                return text[a.end : a.end + 3].lstrip().startswith(")")
        return False

    return replace(found, actors=[a for a in found.actors if not named_in_meeting(a)])


_BRACKET_OPEN = re.compile(r"\s*\(\s*")
# An event's English name keeps its modifiers before the head ("STS Forum"); an acronym there is
# the event's own short name.
_ACRONYM_HEAD = re.compile(
    rf"([A-Z]{{2,6}})\s+(?:{'|'.join(h.capitalize() for h in ENGLISH_HEADS)})"
)


def by_acronym(text: str, found: Mentions, meetings: list[MeetingMention]) -> Mentions:
    """A meeting whose English name opens with an acronym ("STS Forum", named anywhere in the plan)
    is named by that acronym alone in a heading or another passage that commits nothing ("Ciencia
    y Tecnología para las sociedades / STS"), where no other name holds it."""
    short: dict[str, MeetingMention] = {}
    for m in meetings:
        head = _ACRONYM_HEAD.fullmatch(" ".join(m.name.split()))
        if head:
            short.setdefault(head.group(1), m)
    added: list[MeetingMention] = []
    for acronym, meeting in short.items():
        for hit in re.finditer(rf"(?<![\w-]){acronym}(?![\w-])", text):
            taken = [*found.meetings, *added]
            if not any(m.start < hit.end() and hit.start() < m.end for m in taken):
                added.append(replace(meeting, start=hit.start(), end=hit.end(), name=acronym))
    if not added:
        return found
    return replace(found, meetings=sorted([*found.meetings, *added], key=lambda m: m.start))


def _also_read(area: Area) -> list[Passage]:
    """An area's other passages that name things: its heading as every other source prints it (a
    work plan's table heads its rows too: "4. Primer Encuentro CELAC de Rectores") and its thematic
    axis ("… las reuniones ministeriales anteriores del Foro …")."""
    return [*_other_titles(area), *area.axis]


def _other_titles(area: Area) -> list[Passage]:
    return [p for p in area.titles if p is not area.title and p != area.title]


def _titled_by_meeting(found: list[tuple[Passage, Mentions]]) -> list[tuple[Passage, Mentions]]:
    """An area whose heading names a meeting ("Foro Ministerial CELAC-China") and whose objective
    says when and where ("Celebrarlo en el segundo semestre de 2020 en Shanghái"): the date and
    place are the meeting's."""
    (title, heading), rest = found[0], found[1:]
    if len(heading.meetings) != 1:
        return found
    meeting = heading.meetings[0]
    dates = [d for _, m in rest for d in m.dates]
    places = [p for _, m in rest for p in _free_places(m)]
    if meeting.date is None and dates:
        meeting = replace(meeting, date=dates[0])
    if meeting.place is None and places:
        meeting = replace(meeting, place=places[0])
    return [(title, replace(heading, meetings=[meeting])), *rest]


def _free_places(mentions: Mentions) -> list[PlaceMention]:
    """The places not inside a meeting's name ("Shanghái" in "Feria de Shanghái" is not one)."""
    return [
        p
        for p in mentions.places
        if not any(m.start <= p.start and p.end <= m.end for m in mentions.meetings)
    ]


def _adoption(name: str, found: list[tuple[Passage, Mentions]]) -> tuple[Passage, Mentions] | None:
    """The adopting meeting, from the sentence that says most about it.

    Where the sentence gives the gathering's place or date apart from the meeting's name ("reunidos
    en La Habana, Cuba, en ocasión de la II Cumbre…"), they are the meeting's.
    """
    best: tuple[int, Passage, Mentions] | None = None
    key = " ".join(name.split())
    for passage, mentions in found:
        named = [
            m for m in mentions.meetings if m.name in key or key in " ".join(passage.text.split())
        ]
        if not named:
            continue
        meeting = named[0]
        places = _free_places(mentions)
        if meeting.place is None and places:
            meeting = replace(meeting, place=places[0])
        if meeting.date is None and mentions.dates:
            meeting = replace(meeting, date=mentions.dates[0])
        score = (meeting.date is not None) + (meeting.place is not None)
        if best is None or score > best[0]:
            best = (score, passage, Mentions(meetings=[meeting]))
    return (best[1], best[2]) if best else None


def _adoption_passages(plan: Plan) -> list[Passage]:
    """Every sentence of the plan's sources that names the adopting meeting (``adopted_at``).

    Raises:
        ManifestError: no source of the plan contains that name.
    """
    name = plan.spec.adopted_at or ""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in name.split()))
    found = [
        _sentence(source, m.start(), m.end())
        for source in plan.sources
        for m in pattern.finditer(source.text)
    ]
    if not found:
        raise ManifestError(
            plan.spec.id, f"adopted_at names {name!r}, which none of the plan's sources contains"
        )
    return found


_SENTENCE_END = re.compile(r"\.\s|\n\s*\n")


def _sentence(source: Source, start: int, end: int) -> Passage:
    """The sentence around ``start..end``: from the last full stop or blank line to the next."""
    text = source.text
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return source.passage(
        [(before[-1] if before else 0, after.start() + 1 if after else len(text))]
    )
