"""Meeting series as data (``series.toml``): general facts that give one series one name.

- ``acronym``: a body's abbreviation spelt out in series names ("AGONU" → "Asamblea General de las
  Naciones Unidas");
- ``bilateral``: a forum of two parties is one forum whichever party is named first ("CELAC-China"
  → "China-CELAC", in the order of the forum's own name);
- ``series``: other names of one series; an entry with ``framed_by`` applies only to a meeting
  held in the frame of a meeting of one of those series;
- ``calendar``: the date of a numbered edition where the series' calendar is a fact (the nth
  session of the UN General Assembly opens in September of 1945 + n).
"""

from __future__ import annotations

import calendar as _calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from extract.entities.places import fold
from extract.errors import ManifestError

SERIES = Path(__file__).resolve().parent / "series.toml"


def key(name: str) -> str:
    """A series name folded for comparison: no accents, lower case, dashes and spaces unified."""
    return re.sub(r"\s+", " ", re.sub(r"\s*[-–—]\s*", "-", fold(name))).strip()


@dataclass(frozen=True)
class Alias:
    name: str
    aliases: frozenset[str]  # folded
    framed_by: frozenset[str]  # folded; empty: applies to every meeting


@dataclass(frozen=True)
class Calendar:
    series: frozenset[str]  # folded
    year_of_edition_zero: int
    month: int
    from_edition: int

    def month_of(self, edition: int) -> tuple[date, date] | None:
        """The first and last day of the month the edition opens in; None before ``from_edition``."""
        if edition < self.from_edition:
            return None
        year = self.year_of_edition_zero + edition
        return date(year, self.month, 1), date(
            year, self.month, _calendar.monthrange(year, self.month)[1]
        )


@dataclass(frozen=True)
class SeriesFacts:
    acronyms: tuple[tuple[str, str], ...]
    bilateral: tuple[tuple[str, str], ...]
    aliases: tuple[Alias, ...]
    calendars: tuple[Calendar, ...]

    def spell(self, name: str) -> str:
        """``name`` with the acronyms spelt out and each bilateral pair in its forum's order."""
        for short, long in self.acronyms:
            name = re.sub(rf"\b{re.escape(short)}\b", long, name)
        return self.spell_parties(name)

    def spell_parties(self, name: str) -> str:
        """``name`` with each bilateral pair in its forum's order ("CELAC-China" → "China-CELAC")."""
        for first, second in self.bilateral:
            name = re.sub(
                rf"\b{re.escape(second)}\s*[-–—]\s*{re.escape(first)}\b", f"{first}-{second}", name
            )
        return name

    def canonical(self, series: str, frame: str | None = None) -> str | None:
        """The one name of the series ``series`` is another name of (in the frame of a meeting of
        series ``frame``, where given); None when no entry names it."""
        k, f = key(series), key(frame) if frame else None
        for a in self.aliases:
            if a.framed_by and f not in a.framed_by:
                continue
            if k in a.aliases or k == key(a.name):
                return a.name
        return None

    def edition_month(self, series: str, edition: int) -> tuple[date, date] | None:
        k = key(series)
        return next(
            (m for c in self.calendars if k in c.series if (m := c.month_of(edition))), None
        )


def _entries(
    data: dict[str, Any], table: str, fields: tuple[str, ...], path: Path
) -> list[dict[str, Any]]:
    rows = data.get(table, [])
    for n, row in enumerate(rows, 1):
        missing = [f for f in (*fields, "fact", "source") if not row.get(f)]
        if missing:
            raise ManifestError(str(path), f"[[{table}]] entry {n} lacks {', '.join(missing)}")
    return list(rows)


@cache
def read_series(path: Path = SERIES) -> SeriesFacts:
    """The facts of ``series.toml``.

    Raises:
        ManifestError: the file is missing or malformed, or an entry lacks a field, its fact or
            its source.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ManifestError(str(path), f"cannot read the meeting series facts: {e}") from e
    acronyms = tuple(
        (r["short"], r["long"]) for r in _entries(data, "acronym", ("short", "long"), path)
    )
    bilateral = []
    for r in _entries(data, "bilateral", ("parties",), path):
        if len(r["parties"]) != 2:
            raise ManifestError(
                str(path), f"[[bilateral]] {r['parties']!r} does not name two parties"
            )
        bilateral.append((r["parties"][0], r["parties"][1]))
    aliases = tuple(
        Alias(
            r["name"],
            frozenset(key(a) for a in r["aliases"]),
            frozenset(key(f) for f in r.get("framed_by", [])),
        )
        for r in _entries(data, "series", ("name", "aliases"), path)
    )
    calendars = tuple(
        Calendar(
            frozenset(key(s) for s in r["series"]),
            int(r["year_of_edition_zero"]),
            int(r["month"]),
            int(r.get("from_edition", 1)),
        )
        for r in _entries(data, "calendar", ("series", "year_of_edition_zero", "month"), path)
    )
    return SeriesFacts(acronyms, tuple(bilateral), aliases, calendars)
