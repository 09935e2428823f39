"""The ``celac_bodies`` component: bodies the texts designate without a proper name.

Plans create bodies and entrust them with work ("Validar la creación de un Grupo de Trabajo Ad
Hoc, de composición abierta, coordinado por la PPT-CELAC", "Apoyar la labor del Grupo de Trabajo
permanente de la CELAC") without naming them; such a body is identified by the area of the plan
that creates or tasks it and by its subject, and labelled descriptively. Rules of the genre:

- the designation is a capitalised head of the working-body kind — "Grupo(s) de Trabajo" (also
  printed "Grupo del Trabajo"), "Grupo(s) de Expertos", "Grupo Ad Hoc", "Equipo(s) de Trabajo",
  "Comité(s) Técnico/Ejecutivo/Directivo/Consultivo" — with its qualifiers: "Ad Hoc",
  "permanente", "intergubernamental", "técnico", "especial", "de composición abierta", "de la
  CELAC", and a subject in capitals after "de/sobre/para" ("Grupo de Trabajo sobre Agricultura");
  a lower-case "un grupo de trabajo" is a common noun, not a body;
- a designation the register knows by one of its names is the register's (``celac_actors`` has it);
- within one area, a bare designation ("El Grupo de Trabajo recogerá …", "dicho Grupo de Trabajo")
  after a body of that kind was named is that body (:func:`place_in_area`);
- otherwise the body is the area's: one per plan, area, designation and subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from extract.entities.meetings import normalise_series
from extract.entities.mentions import ActorMention, MeetingMention, Mentions
from extract.entities.organisations import slug

KIND = "descriptive-body"
_HEAD = (
    r"(?P<head>Grupos?\s+del?\s+Trabajo|Grupos?\s+de\s+Expertos|Grupos?\s+Ad\s+Hoc"
    r"|Equipos?\s+de\s+Trabajo|Comités?\s+(?:Técnico|Ejecutivo|Directivo|Consultivo)s?)"
)
_QUALIFIER = (
    r"(?:,?\s+(?:Ad\s+Hoc|[Pp]ermanentes?|[Ii]ntergubernamental(?:es)?|[Tt]écnicos?|[Ee]speciale?s?"
    r"|de\s+composición\s+abierta|de\s+(?:la\s+)?CELAC))"
)
_CAP = r"[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü\-]*"
_SUBJECT = (
    rf"(?:\s+(?:de|del|sobre|para)\s+(?:(?:la|el|los|las|una?)\s+)?{_CAP}"
    rf"(?:\s+(?:(?:de|del|la|las|los|el|y|e|en|contra)\s+)*{_CAP})*)"
)
_DESIGNATION = re.compile(
    rf"(?<![\w\-]){_HEAD}(?P<qualifiers>{_QUALIFIER}*)(?P<subject>{_SUBJECT})?(?P<more>{_QUALIFIER}*)"
)


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(",").strip()


_SINGULAR = {"Grupo", "Equipo", "Comité", "Técnico", "Ejecutivo", "Directivo", "Consultivo"}


def kind_of(designation: str) -> str:
    """The body's kind, its head in the singular: "Grupos del Trabajo Ad Hoc" → "Grupo de Trabajo"."""
    m = _DESIGNATION.match(designation)
    head = re.sub(r"\bdel\b", "de", " ".join((m.group("head") if m else designation).split()))
    return " ".join(w[:-1] if w[:-1] in _SINGULAR else w for w in head.split(" "))


def _plural(designation: str) -> bool:
    return designation.split(" ")[0] in {"Grupos", "Equipos", "Comités"}


class BodyFinder:
    """Marks the designations of bodies the register does not know."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        taken = [(a.start, a.end) for a in doc._.celac_actors or []]
        found: list[ActorMention] = []
        for m in _DESIGNATION.finditer(text):
            start, end = m.start(), m.start() + len(_tidy(m.group(0)))
            if any(s < end and start < e for s, e in taken):
                continue
            designation = _tidy(text[start:end])
            found.append(
                ActorMention(start, end, designation, slug(designation), designation, None, KIND)
            )
        doc._.celac_actors = sorted(
            [*(doc._.celac_actors or []), *found], key=lambda a: (a.start, -a.end)
        )
        return doc


def _is_bare(mention: ActorMention) -> bool:
    """A designation with no qualifier and no subject: "Grupo de Trabajo", "Grupo del Trabajo"."""
    m = _DESIGNATION.fullmatch(mention.text)
    return m is not None and not (m.group("qualifiers") or m.group("subject") or m.group("more"))


def place_in_area(plan: str, area_title: str, found: Sequence[Mentions]) -> None:
    """Give the descriptive bodies named in one area's texts (in order) their identity.

    A bare designation after a body of the same kind was named in the area is that body, whether
    the register's or a descriptive one; any other descriptive body is keyed by the plan, the area
    and its designation, and labelled "<designation> (<area>, <plan>)". A meeting named after a
    body ("la reunión del Grupo del Trabajo") is labelled with the body's full name.
    """
    title = _tidy(area_title)
    title = title[:1].upper() + title[1:].lower() if title.isupper() else title
    area_key = "-".join(slug(title).split("-")[:5])
    named: dict[str, tuple[ActorMention, str]] = {}  # kind → the last body named, its full name
    for mentions in found:
        out: list[ActorMention] = []
        full: list[tuple[ActorMention, str]] = []  # each body of this text and its full name
        for a in mentions.actors:
            if a.kind != KIND:
                kind = _body_kind(a.text)
                if kind is not None:
                    named[kind] = (a, a.text)
                out.append(a)
                continue
            kind = kind_of(a.text)
            earlier = named.get(kind)
            if _is_bare(a) and not _plural(a.text) and earlier is not None:
                body, name = earlier
                resolved = (
                    replace(a, key=body.key, label=body.label, kind=body.kind)
                    if body.label
                    else ActorMention(a.start, a.end, a.text, body.key)
                )
                out.append(resolved)
                full.append((resolved, name))
                continue
            suffix = "" if _is_bare(a) else slug(a.text)[len(slug(kind)) :].strip("-")
            resolved = replace(
                a,
                key="-".join(p for p in (slug(kind), slug(plan), area_key, suffix) if p),
                label=f"{a.text} ({title}, {plan})",
                kind=KIND,
            )
            named[kind] = (resolved, resolved.label or a.text)
            out.append(resolved)
            full.append((resolved, resolved.label or a.text))
        mentions.actors = out
        mentions.meetings = [_series_of(_meeting_of(m, full), named) for m in mentions.meetings]


def _series_of(
    meeting: MeetingMention, named: dict[str, tuple[ActorMention, str]]
) -> MeetingMention:
    """A series named after a body by its bare head ("Reunión del Grupo", from "adoptado por el
    Grupo en su primera reunión") is the series of that body's meetings, where the area names the
    body: "Reunión del Grupo de Trabajo de Cooperación Internacional"."""
    if meeting.series is None:
        return meeting
    m = re.fullmatch(r"(\w+) del (Grupo(?: del? Trabajo)?)", meeting.series)
    if m is None:
        return meeting
    bodies = [name for kind, (_, name) in named.items() if kind.startswith("Grupo")]
    if len(bodies) != 1:
        return meeting
    return replace(meeting, series=normalise_series(f"{m.group(1)} del {bodies[0]}"))


def _meeting_of(
    meeting: MeetingMention, bodies: Sequence[tuple[ActorMention, str]]
) -> MeetingMention:
    """A body's meeting is named after the body: "la reunión del Grupo del Trabajo", in the area
    of the Grupo de Trabajo de Finanzas, is the "Reunión del Grupo de Trabajo de Finanzas"."""
    if meeting.ordinal is not None:
        return meeting
    for body, name in bodies:
        if not (meeting.start <= body.start and body.end <= meeting.end) or name == body.text:
            continue
        offset = body.start - meeting.start
        label = meeting.name[:offset] + name + meeting.name[offset + len(body.text) :]
        return replace(meeting, label=label[:1].upper() + label[1:])
    return meeting


def _body_kind(text: str) -> str | None:
    """The kind of a register actor's printed name, where it is a working body's."""
    m = _DESIGNATION.match(text)
    return kind_of(text) if m else None


@Language.factory("celac_bodies")
def make_body_finder(nlp: Language, name: str) -> BodyFinder:  # noqa: ARG001
    return BodyFinder()
