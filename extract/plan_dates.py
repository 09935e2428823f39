"""A plan's date from its own text, where the manifest gives none: the adoption paragraph.

"… reunidos en La Habana, Cuba, en ocasión de la II Cumbre …, celebrada los días 28 y 29 de enero
de 2014, … acuerdan" gives 2014-01-29 (the last day of the meeting that adopted it); "La Tercera
Reunión Ministerial … se llevó a cabo, de manera virtual, el 3 de diciembre de 2021" gives
2021-12-03. The date must be a day (or days): a year or a month
says too little to order plans. The first cue of adoption followed, within its sentence, by such a
date is the one read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.entities.dates import find_dates
from extract.errors import ManifestError
from extract.records import PlanSpec
from extract.text import Passage, Source

# Words of the genre that say a text was adopted, or the meeting that adopted it held, then.
ADOPTION = re.compile(
    r"\b(?:celebrad[oa]s?|reunid[oa]s|se reunieron|se llevó a cabo|tuvo lugar|adoptad[oa]s?|"
    r"aprobad[oa]s?|suscrit[oa]s?|firmad[oa]s?|hech[oa]s? en|dad[oa]s? en|realizad[oa]s?|"
    r"acordad[oa]s?)\b",
    re.IGNORECASE,
)
REACH = 240  # characters after the cue where the date may stand (within its sentence)
_SENTENCE_END = re.compile(r"[.;:](?:\s|$)")


@dataclass(frozen=True)
class DateFound:
    """A plan's date and the passage it was read from (source offsets)."""

    date: str  # ISO
    passage: Passage


def date_in(source: Source) -> DateFound | None:
    """The adoption date the text of ``source`` states, if any."""
    text = source.text
    for cue in ADOPTION.finditer(text):
        window = text[cue.end() : cue.end() + REACH]
        stop = _SENTENCE_END.search(window)
        window = window[: stop.start()] if stop else window
        for d in find_dates(window):
            if d.precision in ("day", "days"):
                start, end = cue.start(), cue.end() + d.end
                return DateFound(d.ends.isoformat(), Passage.from_ranges(source, [(start, end)]))
    return None


def date_plan(spec: PlanSpec, sources: list[Source]) -> PlanSpec:
    """``spec`` with its date: the manifest's, or else the one its sources state.

    Raises:
        ManifestError: neither the manifest nor the text gives the plan a date.
    """
    if spec.date:
        return spec
    for source in sources:
        found = date_in(source)
        if found is not None:
            spec.date = found.date
            spec.date_passage = found.passage
            return spec
    raise ManifestError(
        "plans.toml",
        f"plan {spec.id!r} has no date: give it a `date` (YYYY-MM-DD) in plans.toml; its text "
        f"({', '.join(spec.sources)}) states none where it says when it was adopted",
    )
