"""A meeting's series and label: the name without its ordinal, normalised; the records it gives."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from extract.entities import ordinals
from extract.entities.meetings.spans import Found
from extract.entities.meetings.words import HEADS, PLURAL, tidy, title
from extract.entities.mentions import DateMention, MeetingMention
from extract.entities.places import fold
from extract.entities.series import read_series


def normalise_series(name: str, drop_celac: bool = True) -> str:
    """The readable series name of a meeting's name without its ordinal.

    "Reunión de Ministras, Ministros y Autoridades de Desarrollo Social … de la CELAC" and
    "Reunión de Ministros de Desarrollo Social …" give the same; so do "CELAC-China" and "China - CELAC".
    """
    s = tidy(name)
    s = re.sub(r"\s*[-–—]\s*", "-", s)
    s = read_series().spell(s)
    s = re.sub(
        r"\bMinistras,\s*Ministros\s+y\s+(?:Altas\s+)?Autoridades\b", "Ministros", s, flags=re.I
    )
    s = re.sub(r"\bMinistr[oa]s\s+y\s+Ministr[oa]s\b", "Ministros", s, flags=re.I)
    s = (
        s
        if not drop_celac
        else re.sub(
            r"\s+de\s+la\s+(?:Comunidad\s+de\s+Estados\s+Latinoamericanos\s+y\s+Caribeños(?:\s*\(CELAC\))?|CELAC)\b|\s+de\s+CELAC\b",
            "",
            s,
        )
    )
    s = re.sub(r"\s*\((?:CELAC|[A-Z]{2,6})\)\s*$", "", s)
    first, _, rest = s.partition(" ")
    head = _head_text(first)
    s = f"{head} {rest}".strip() if head else s
    return title(s)


def _head_text(word: str) -> str | None:
    key = fold(word)
    key = PLURAL.get(key, key)
    if key not in HEADS:
        return None
    label = HEADS[key]
    return label.split(" ")[0] if key in ("debate", "periodo") else label


def series_key(series: str) -> str:
    """A series name folded for comparison: no accents, lower case, dashes unified."""
    return re.sub(r"\s+", " ", re.sub(r"\s*[-–—]\s*", "-", fold(series))).strip()


def give_series(doc: Doc, found: list[Found]) -> None:
    """Each meeting's series: its name without the ordinal, inherited or a fact's."""
    for n, f in enumerate(found):
        name = doc[f.head : f.end].text
        inner = re.search(r"\s(?:de\s+la\s+|del\s+)?(\d{1,3}\s?[ºª°])\s", name)
        if f.ordinal is None and inner and f.named:
            f.ordinal = ordinals.parse(inner.group(1))
            at = doc[f.head].idx + inner.start(1)
            f.ordinal_at = (at, at + len(inner.group(1)))
            name = name.replace(inner.group(1) + " ", "")
        facts = read_series()
        if f.ordinal is None:
            # An unnumbered meeting has a series only where a fact names it as one ("Foro
            # Ministerial CELAC-China" is the China-CELAC Forum's Ministerial Meeting).
            f.series = facts.canonical(normalise_series(name)) if f.named else None
            continue
        series = normalise_series(name)
        bare = fold(series) in (fold(f.kind), fold(f.kind.split(" ")[0]))
        # A meeting with an ordinal always has a series: inherited, else its own name
        # ("II Cumbre de la CELAC" → "Cumbre de la CELAC"), else its kind.
        f.series = (
            (_inherit(doc, found[:n], f) or normalise_series(name, drop_celac=False))
            if bare
            else series
        )
        f.series = facts.canonical(f.series) or f.series


def date_editions(doc: Doc, found: list[Found]) -> None:
    """A numbered edition of a series whose calendar is a fact (``series.toml``) and that the
    text does not date is dated by it: the 69º período de sesiones de la Asamblea General
    opens in September 2014. The date's offsets are the ordinal's, which gives it."""
    facts = read_series()
    for f in found:
        if f.date is not None or f.ordinal is None or not f.series or f.ordinal_at is None:
            continue
        month = facts.edition_month(f.series, f.ordinal)
        if month is None:
            continue
        begins, ends = month
        start, end = f.ordinal_at
        f.date = DateMention(
            start,
            end,
            doc.text[start:end],
            begins,
            ends,
            f"{begins.year}-{begins.month:02d}",
            "month",
        )


def _inherit(doc: Doc, earlier: list[Found], f: Found) -> str | None:
    same = [e for e in earlier if e.kind == f.kind and e.series and not e.mechanism]
    if same:
        return same[-1].series
    other = [e for e in earlier if e.named or e.mechanism]
    if other:
        return normalise_series(f"{f.kind} del {doc[other[-1].head : other[-1].end].text}")
    lead = doc.text[: doc[f.start].idx]
    owner = re.search(
        r"\b(?:del|de\s+la|el|la|al)\s+([A-ZÁÉÍÓÚ][^,;.]*?)\s*,?\s*(?:en\s+)?(?:cuy[oa]s?|su|sus)\s+$",
        lead,
    )
    if owner:
        return normalise_series(f"{f.kind} del {owner.group(1)}")
    return None


def records(doc: Doc, f: Found) -> list[MeetingMention]:
    """The mention records of a meeting read: one per ordinal of a coordination."""
    span = doc[f.start : f.end]
    name = tidy(span.text)
    rest = tidy(doc[f.head : f.end].text)
    rest = rest[:1].upper() + rest[1:]
    base = MeetingMention(
        start=span.start_char,
        end=span.end_char,
        name=name,
        label=rest,
        kind=f.kind,
        ordinal=f.ordinal,
        series=f.series,
        status=f.status or "convenes",
        place=f.place,
        date=f.date,
    )
    if f.ordinal is None or f.ordinal_text is None:
        return [base]
    out = [replace(base, label=f"{ordinals.roman(f.ordinal)} {rest}")]
    for value in f.extra:
        out.append(replace(base, ordinal=value, label=f"{ordinals.roman(value)} {rest}"))
    return out
