"""The joint-plan layout (China–CELAC 2022-2024): roman chapters, numbered items, numbered sections.

Rules of the genre:

- the first line, in capitals, is the title; lines before the first chapter are the preamble;
- "I.", "II.", … (in sequence) start chapters;
- inside a chapter, "N." continuing the chapter's numbering starts either an item (a mandate) or, when
  the next line is a "- N.M" item, a section (a sub-area) whose items are the "- N.M" lines;
- any other line continues the open item (PDF line and page breaks), or, before a chapter's or
  section's first item, its heading (a heading wrapped over several lines).
"""

from __future__ import annotations

import re

from extract.errors import LayoutError
from extract.layouts._items import Item, continue_heading, mandate, new_area
from extract.layouts.base import content_lines, footnotes
from extract.records import Area
from extract.text import Line, Source

_ROMAN = re.compile(r"^\s*([IVXL]+)\.\s+\S")
_NUMBERED = re.compile(r"^\s*(\d{1,2})\.\s+\S")
_SUBITEM = re.compile(r"^\s*[-–]\s*(\d{1,2})\.(\d{1,2})\.?\s+\S")
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


def _chapter(line: Line, expected: int) -> re.Match[str] | None:
    """The heading match if ``line`` starts the chapter numbered ``expected + 1``."""
    m = _ROMAN.match(line.text)
    if m and expected < len(_ROMANS) and m.group(1) == _ROMANS[expected]:
        return m
    return None


def _next_start(lines: list[Line], k: int, chapters: int) -> Line | None:
    """The first line from ``lines[k]`` that starts something (a chapter, a section, an item): the
    lines before it continue what was open (a heading or an item wrapped over several lines)."""
    for line in lines[k:]:
        if _chapter(line, chapters) or _NUMBERED.match(line.text) or _SUBITEM.match(line.text):
            return line
    return None


class JointPlan:
    name = "joint-plan"

    def score(self, source: Source) -> float:
        lines = content_lines(source)
        chapters = 0
        for line in lines:
            if _chapter(line, chapters):
                chapters += 1
        if chapters < 3:
            return 0.0
        items = sum(1 for line in lines if _NUMBERED.match(line.text) or _SUBITEM.match(line.text))
        return min(1.0, 0.5 + 0.05 * chapters) if items >= 2 * chapters else 0.3

    def parse(self, source: Source) -> list[Area]:
        lines = content_lines(source)
        notes = footnotes(source)
        chapters: list[Area] = []
        chapter: Area | None = None
        area: Area | None = None  # the chapter, or the open section
        item: Item | None = None
        last_number = 0

        def close() -> None:
            nonlocal item
            if area is not None and item is not None:
                area.mandates.append(mandate(source, item, notes))
            item = None

        for i, line in enumerate(lines):
            heading = _chapter(line, len(chapters))
            if heading:
                close()
                chapter = area = new_area(
                    source, heading.group(1), line, line.start + heading.end() - 1
                )
                chapters.append(chapter)
                last_number = 0
                continue
            if chapter is None:
                continue  # title and preamble
            numbered = _NUMBERED.match(line.text)
            if numbered and int(numbered.group(1)) == last_number + 1:
                close()
                last_number += 1
                following = _next_start(lines, i + 1, len(chapters))
                sub = _SUBITEM.match(following.text) if following else None
                if sub and sub.group(1) == numbered.group(1):
                    area = new_area(
                        source, numbered.group(1), line, line.start + numbered.end() - 1
                    )
                    chapter.areas.append(area)
                else:
                    area = chapter
                    item = Item(numbered.group(1))
                    item.add_line(line, line.start + numbered.end() - 1)
                continue
            sub = _SUBITEM.match(line.text)
            if sub and area is not chapter and area is not None and sub.group(1) == area.number:
                close()
                item = Item(f"{sub.group(1)}.{sub.group(2)}")
                item.add_line(line, line.start + sub.end() - 1)
                continue
            if item is None and area is not None and not area.mandates:
                continue_heading(source, area, line)
                continue
            if item is None:
                raise LayoutError(
                    source.name,
                    f"line {line.index + 1} ({line.stripped[:60]!r}) is neither a chapter, a section "
                    "nor an item, and no item is open for it to continue",
                )
            item.add_line(line)
        close()
        if not chapters:
            raise LayoutError(source.name, "no roman-numbered chapter (I., II., …) was found")
        return chapters
