"""The work-plan web layout (PPT-2020 web page): "Área - <title>" lines, then headed sections.

Rules of the genre, as the PPT work-plan web page prints them:

- text before the first "Área - <title>" line is the page's preamble;
- under an area, the headings "Objetivo(s)", "Proyecto(s)" and "Eje temático del proceso de
  reflexión" open sections; headings are matched tolerantly (tabs dropped, case and accents ignored,
  a few typing slips allowed), since the page was typed by hand;
- every other paragraph (lines up to a blank line; see :func:`paragraphs` for page breaks) is one
  item of its section; text between the area line and its first heading is the objective;
- in "Proyectos", a line ending with ":" is a lead-in (see :func:`mandates_of`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.errors import LayoutError
from extract.layouts._items import Item
from extract.layouts.base import content_lines, paragraphs
from extract.records import Area, Mandate
from extract.text import SILENT, Line, Source
from textfold import fold

_AREA = re.compile(r"^\s*Área\s*[-–—]\s*(?=\S)")
# Heading name → section it opens. Short names are matched by edit distance, long ones by prefix.
_HEADINGS = {
    "objetivo": "objectives",
    "objetivos": "objectives",
    "proyecto": "projects",
    "proyectos": "projects",
    "eje tematico del proceso de reflexion": "axis",
}
_HEADING_PREFIX = {"eje tematico": "axis"}
_MAX_SLIPS = 2
# A lead-in that starts with one of these sets a scope ("En Centroamérica y el Caribe:") for items
# that are each a commitment of their own.
PREPOSITIONS = (
    "a nivel",
    "a",
    "ante",
    "bajo",
    "con",
    "desde",
    "dentro de",
    "durante",
    "en",
    "entre",
    "hacia",
    "hasta",
    "mediante",
    "para",
    "por",
    "sobre",
)


def line_key(text: str) -> str:
    """A line as headings are compared: folded (textfold), tabs and silent characters dropped,
    spaces collapsed."""
    text = "".join(c for c in text if c not in SILENT and c != "\t")
    return " ".join(fold(text).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def heading_of(line: Line) -> str | None:
    """The section a heading line opens ("objectives", "projects", "axis"), or None."""
    text = line_key(line.text).rstrip(":. ")
    for prefix, section in _HEADING_PREFIX.items():
        if text.startswith(prefix):
            return section
    for name, section in _HEADINGS.items():
        if abs(len(text) - len(name)) <= _MAX_SLIPS and edit_distance(text, name) <= _MAX_SLIPS:
            return section
    return None


def is_scope(lead_in: str) -> bool:
    """A lead-in that is a prepositional scope phrase ("En Centroamérica y el Caribe:")."""
    text = line_key(lead_in)
    return any(text.startswith(p + " ") for p in PREPOSITIONS)


def mandates_of(source: Source, items: Sequence[Item]) -> list[Mandate]:
    """The mandates a list of items makes, lead-ins ending with ":" applied.

    A lead-in and the items after it (up to the next lead-in) form one mandate, unless the lead-in
    is a prepositional scope: then each item is a mandate and keeps the lead-in as its note.
    """
    found: list[Mandate] = []
    lead: Item | None = None
    members: list[Item] = []

    def close() -> None:
        if lead is None:
            return
        lead_passage = lead.passage(source)
        if members and is_scope(lead_passage.text):
            for member in members:
                found.append(Mandate(member.number, [member.passage(source)], [lead_passage]))
        else:
            ranges = [r for it in [lead, *members] for r in it.ranges]
            found.append(Mandate(lead.number, [source.passage(ranges)]))

    for item in items:
        if item.passage(source).text.endswith(":"):
            close()
            lead, members = item, []
        elif lead is not None:
            members.append(item)
        else:
            found.append(Mandate(item.number, [item.passage(source)]))
    close()
    return found


def _split_at_headings(found: list[list[Line]]) -> list[list[Line]]:
    """Paragraphs with every heading a paragraph of its own and every area line starting one (a
    page break between a heading and its text may have joined them)."""
    out: list[list[Line]] = []
    for paragraph in found:
        out.append([])
        for line in paragraph:
            heading = heading_of(line) is not None
            if out[-1] and (heading or _AREA.match(line.text)):
                out.append([])
            out[-1].append(line)
            if heading:
                out.append([])
        out = [p for p in out if p]
    return out


class WorkplanWeb:
    name = "workplan-web"

    def score(self, source: Source) -> float:
        lines = content_lines(source)
        areas = sum(1 for line in lines if _AREA.match(line.text))
        if areas < 2:
            return 0.0
        headings = sum(1 for line in lines if heading_of(line))
        return min(1.0, 0.4 + 0.6 * headings / (2 * areas))

    def parse(self, source: Source) -> list[Area]:
        areas: list[Area] = []
        area: Area | None = None
        section = "objectives"
        projects: list[Item] = []

        def close() -> None:
            if area is not None:
                area.mandates = mandates_of(source, projects)

        for paragraph in _split_at_headings(paragraphs(source)):
            line = paragraph[0]
            opened = _AREA.match(line.text)
            if opened:
                close()
                ranges = [(x.start, x.end) for x in paragraph]
                ranges[0] = (line.start + opened.end(), line.end)
                area = Area(None, source.passage(ranges))
                areas.append(area)
                section, projects = "objectives", []
                continue
            if area is None:
                continue  # the preamble
            heading = heading_of(line)
            if heading:
                section = heading
            elif section == "projects":
                item = Item(None)
                for x in paragraph:
                    item.add_line(x)
                projects.append(item)
            elif section == "axis":
                area.axis.append(source.passage_of_lines(paragraph))
            else:
                area.objectives.append(source.passage_of_lines(paragraph))
        close()
        if not areas:
            raise LayoutError(source.name, "no 'Área - <title>' line was found")
        for a in areas:
            if not a.mandates:
                raise LayoutError(
                    source.name,
                    f"line {source.text.count(chr(10), 0, a.title.span.start) + 1}: the area "
                    f"{a.title.text!r} has no project under a 'Proyecto(s)' heading",
                )
        return areas
