"""The action-plan layout (CELAC-2014): ALL-CAPS headings, an objective paragraph, numbered items.

Rules of the genre, as the CELAC action plans print them:

- the first line, in capitals, is the document's title; paragraphs before the first heading are the
  preamble;
- a line in capitals is an area heading; one that starts with a single letter ("A. TEMAS GLOBALES")
  is a sub-area of the last heading without a letter;
- the paragraph after a heading, before any item, is the area's objective;
- "N." starts a mandate when N continues the area's numbering (1 at the start of an area);
- a line starting with "-" belongs to the open numbered item; where the area has no numbered item
  yet, it is a mandate of its own;
- any other line continues the open item (PDF line and page breaks).
"""

from __future__ import annotations

import re

from extract.errors import LayoutError
from extract.layouts._items import Item, mandate, new_area
from extract.layouts.base import content_lines, footnotes
from extract.records import Area
from extract.text import Line, Source

_NUMBERED = re.compile(r"^\s*(\d{1,3})\.\s+\S")
_DASH = re.compile(r"^\s*[-–]\s+\S")
_LETTERED = re.compile(r"^\s*([A-Z])\.\s+\S")


def is_heading(line: Line) -> bool:
    """A line in capitals with at least two words' worth of letters ("EDUCACIÓN", "A. TEMAS GLOBALES")."""
    text = line.stripped
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and not _NUMBERED.match(text)


class ActionPlan:
    name = "action-plan"

    def score(self, source: Source) -> float:
        lines = content_lines(source)
        headings = [i for i, line in enumerate(lines) if is_heading(line)]
        followed = 0
        for i in headings:
            # The area's first item, after its objective (of any length): "1." or a dash.
            for w in lines[i + 1 :]:
                numbered = _NUMBERED.match(w.text)
                if (numbered and numbered.group(1) == "1") or _DASH.match(w.text):
                    followed += 1
                    break
                if numbered or is_heading(w):
                    break
        if followed < 2:
            return 0.0
        # Most headings of an action plan are followed by their items, after their objective.
        return 0.5 + 0.5 * followed / len(headings)

    def parse(self, source: Source) -> list[Area]:
        lines = content_lines(source)
        notes = footnotes(source)
        if not lines:
            raise LayoutError(source.name, "no text to read")
        start = 1 if is_heading(lines[0]) else 0

        areas: list[Area] = []
        parent: Area | None = None
        area: Area | None = None
        item: Item | None = None
        last_number = 0
        objective: Item | None = None

        def close() -> None:
            nonlocal item, objective
            if area is not None and item is not None:
                area.mandates.append(mandate(source, item, notes))
            if area is not None and objective is not None:
                area.objectives.append(objective.passage(source))
            item = objective = None

        for line in lines[start:]:
            text = line.text
            if is_heading(line):
                close()
                lettered = _LETTERED.match(text)
                if lettered and parent is not None:
                    title_start = line.start + lettered.end() - 1
                    area = new_area(source, lettered.group(1), line, title_start)
                    parent.areas.append(area)
                else:
                    area = new_area(source, None, line, line.start + line.indent)
                    areas.append(area)
                    parent = area
                last_number = 0
                continue
            if area is None:
                continue  # the preamble
            numbered = _NUMBERED.match(text)
            if numbered and int(numbered.group(1)) == last_number + 1:
                close()
                last_number += 1
                item = Item(numbered.group(1))
                item.add_line(line, line.start + numbered.end() - 1)
                continue
            dash = _DASH.match(text)
            if dash and (item is None or item.number is None):
                close()
                item = Item(None)
                item.add_line(line, line.start + dash.end() - 1)
                continue
            if item is not None:
                item.add_line(line)
            elif not area.mandates:
                objective = objective or Item(None)
                objective.add_line(line)
            else:
                raise LayoutError(
                    source.name,
                    f"line {line.index + 1} ({text.strip()[:60]!r}) follows the items of "
                    f"{area.title.text!r} but is neither an item nor a heading",
                )
        close()
        if not areas:
            raise LayoutError(source.name, "no heading in capitals was found")
        return areas
