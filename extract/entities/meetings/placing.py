"""A meeting's place and date: those near its name, its frame's, and a year in its name."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from extract.entities.meetings.cues import IN_FRAME, IN_WHOSE_FRAME, SENTENCE_END, VENUE
from extract.entities.meetings.labels import normalise_series
from extract.entities.meetings.spans import Found
from extract.entities.meetings.words import FUNCTION
from extract.entities.mentions import DateMention, PlaceMention
from extract.entities.places import fold
from extract.entities.series import read_series


def attach(
    doc: Doc, found: list[Found], places: list[PlaceMention], dates: list[DateMention]
) -> None:
    """Places and dates outside the names go to the nearest meeting of their sentence."""
    text = doc.text
    meetings = [f for f in found if (f.named or f.descriptive) and not f.mechanism]
    spans = [(doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1].text)) for f in meetings]
    ends = [m.end() for m in SENTENCE_END.finditer(text)]

    def sentence(offset: int) -> int:
        return sum(1 for e in ends if e <= offset)

    mentions: list[PlaceMention | DateMention] = [*places, *dates]
    for mention in sorted(mentions, key=lambda x: x.start):
        within = [k for k, (s, e) in enumerate(spans) if s <= mention.start < e]
        if within:
            f = meetings[within[0]]
            if f.recalled and f.place is None and isinstance(mention, PlaceMention):
                f.place = mention  # "reuniones celebradas en Nicaragua, …": the venues are named
            continue
        owner = None
        left = [
            k
            for k, (s, e) in enumerate(spans)
            if e <= mention.start and sentence(s) == sentence(mention.start)
        ]
        if left:
            owner = left[-1]
        else:
            right = [
                k
                for k, (s, e) in enumerate(spans)
                if s >= mention.end and sentence(s) == sentence(mention.start)
            ]
            if right:
                s = spans[right[0]][0]
                gap = text[mention.end : s]
                for other in mentions:
                    if mention.end <= other.start and other.end <= s:
                        gap = gap.replace(text[other.start : other.end], " ")
                words = re.findall(r"\w+", gap)
                if all(w.lower() in FUNCTION for w in words):
                    owner = right[0]
        if owner is None:
            continue
        f = meetings[owner]
        if isinstance(mention, PlaceMention):
            gap = text[spans[owner][1] : mention.start]
            if (f.descriptive and not f.named or f.recalled) and not VENUE.fullmatch(gap):
                continue  # a description's place is its venue, said right after it
            if f.place is None or (
                mention.city and not f.place.city and mention.start - f.place.end < 4
            ):
                f.place = mention
        elif f.date is None:
            f.date = mention


def set_in_frames(doc: Doc, found: list[Found]) -> None:
    """A meeting held within another ("en cuyo marco tendrán lugar: una reunión …", "la
    reunión … en el marco del 69º período de sesiones") takes the frame's place and date
    where it gives none; a meeting named by description is kept when it is placed, dated or
    framed. A generic name ("Reunión de la CELAC") runs on over its setting ("… en ocasión del
    Debate General de la 75º AGONU"): the setting tells it apart from other such meetings."""
    text = doc.text
    meetings = [f for f in found if (f.named or f.descriptive) and not f.mechanism]

    def span(f: Found) -> tuple[int, int]:
        return doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1].text)

    framed: set[int] = set()
    for n, f in enumerate(meetings):
        start, end = span(f)
        frame: Found | None = None
        # The items of "en cuyo marco tendrán lugar: - una reunión …; - una reunión …" all
        # stand in the frame of the last meeting named before those words.
        phrase = [m.start() for m in IN_WHOSE_FRAME.finditer(text, 0, start)]
        if phrase:
            before = [
                g for k, g in enumerate(meetings[:n]) if k not in framed
                and span(g)[1] <= phrase[-1]
            ]  # fmt: skip
            # "cuyo" refers to the meeting just before it, which must be a named one.
            frame = before[-1] if before and before[-1].named else None
        later = meetings[n + 1 :]
        if frame is None and later and later[0].named:
            gap = text[end : span(later[0])[0]]
            if IN_FRAME.fullmatch(gap):
                frame = later[0]
                own = normalise_series(doc[f.head : f.end].text)
                # A meeting set in a series' edition may be an edition of another series
                # that meets there ("Reunión de la CELAC en ocasión del Debate General").
                if frame.series and f.ordinal is None:
                    f.series = read_series().canonical(own, frame.series) or f.series
                generic = fold(own) == fold(f.kind)
                if f.named and generic:  # "Reunión de la CELAC en ocasión del Debate …"
                    f.end = frame.end
        if frame is None:
            continue
        framed.add(n)
        f.place = f.place or frame.place
        f.date = f.date or frame.date
        f.named = True
    for f in meetings:
        if f.descriptive and (f.place is not None or (f.date is not None and not f.venue_only)):
            f.named = True


def named_year(doc: Doc, found: list[Found]) -> None:
    """A year in the name ("Conferencia de Biodiversidad 2020", "EXPO ALADI 2014") dates the
    event: a date found nearby that contradicts it is not the meeting's."""
    for f in found:
        span = doc[f.start : f.end]
        years = [t for t in span if t.like_num and re.fullmatch(r"(?:19|20)\d{2}", t.text)]
        if not years:
            continue
        year = int(years[-1].text)
        if f.date is None or not (f.date.begins.year <= year <= f.date.ends.year):
            t = years[-1]
            f.date = DateMention(
                t.idx,
                t.idx + len(t.text),
                t.text,
                date(year, 1, 1),
                date(year, 12, 31),
                str(year),
                "year",
            )
