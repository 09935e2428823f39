"""The passages of a plan that are no mandates: preambles, footnotes, objectives, responsible bodies.

The whole text is read: what a plan names outside its mandates — in the paragraphs before its first
area, in a footnote, in an area's objective or the work-plan table's "responsible" column — is
found there and belongs to that passage and the plan.

- the preamble of a source is its text before the first area's heading, one passage per paragraph
  (a numbered paragraph starts one, a blank line too unless the text goes on in lower case; page
  furniture is left out); a work-plan table's preamble ends at its column header;
- a footnote is a line that starts with a superscript marker (see :func:`is_footnote`);
- a work-plan table's column header is a passage wherever a page repeats it (its last column names
  who answers for the rows: "Área del Gobierno de México responsable");
- objectives and responsible bodies are the areas' own passages.
"""

from __future__ import annotations

import re

from extract.layouts.base import content_lines, is_footnote
from extract.layouts.workplan_table import column_header
from extract.records import Area, Plan, PlanPassage
from extract.text import Line, Source, squash

_NUMBERED = re.compile(r"^\s*\W?\s*\d{1,3}\.\s+\S")


def plan_passages(plan: Plan) -> list[PlanPassage]:
    """Every preamble paragraph and footnote of the plan's sources, then every objective and
    responsible body of its areas, in document order."""
    found: list[PlanPassage] = []
    areas = plan.all_areas()
    for source in plan.sources:
        starts = [p.span.start for a in areas for p in a.titles if p and p.source == source.name]
        first = min(starts, default=len(source.text))
        for lines in preamble(source, first, plan.layouts.get(source.name, "")):
            found.append(PlanPassage("preamble", source.passage_of_lines(lines)))
        for line in source.lines:
            if is_footnote(line):
                found.append(PlanPassage("footnote", source.passage_of_lines([line])))
        if plan.layouts.get(source.name, "") == "workplan-table":
            for lines in column_headers(source):
                found.append(PlanPassage("header", source.passage_of_lines(lines)))
    for area in areas:
        found.extend(_of_area(area))
    return [p for p in found if p.passage]


def preamble(source: Source, end: int, layout: str = "") -> list[list[Line]]:
    """The paragraphs of ``source`` before offset ``end`` (the first area's heading)."""
    every = content_lines(source)
    if layout == "workplan-table":
        header = column_header(every)
        every = every[: header[0]] if header else every
    lines = [line for line in every if line.end <= end]
    paragraphs: list[list[Line]] = []
    for line in lines:
        # A line goes on with the paragraph above it unless it starts a numbered one; after a
        # blank line (or page furniture), only in lower case.
        adjacent = paragraphs and paragraphs[-1][-1].index + 1 == line.index
        follows = adjacent or (paragraphs and line.stripped[:1].islower())
        if follows and not _NUMBERED.match(line.text):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return paragraphs


def column_headers(source: Source) -> list[list[Line]]:
    """A work-plan table's column header, wherever a page repeats it: its lines name the columns
    and who answers for them ("Área del Gobierno de México responsable")."""
    every = content_lines(source)
    found = column_header(every)
    if found is None:
        return []
    first, start = found
    header = every[first:start]
    printed = squash("".join(line.text for line in header))
    headers = [header]
    k = start
    while k < len(every):
        seen, n = "", 0
        while k + n < len(every) and printed.startswith(seen + squash(every[k + n].text)):
            seen += squash(every[k + n].text)
            n += 1
            if seen == printed:
                break
        if n and seen == printed:
            headers.append(every[k : k + n])
            k += n
        else:
            k += 1
    return headers


def _of_area(area: Area) -> list[PlanPassage]:
    return [
        *(PlanPassage("objective", p, area) for p in area.objectives),
        *(PlanPassage("responsible", p, area) for p in area.responsible),
    ]
