"""The numbered-declaration layout (CALC-2008): numbered paragraphs, then decisions by area.

Rules of the genre, as the summit declarations print them:

- numbered paragraphs ("1.", "2.", …; a stray bullet glyph before the number is an artefact) are
  declarations, not mandates;
- the paragraph after which numbering starts again at 1 ("…decidieron:") introduces the decisions:
  from there, "N." lines in sequence are the decision areas, and their bullets are the mandates;
- a bullet that ends with ":" opens a list: the bullets after it written with another bullet style
  (another glyph, or no space after it) belong to that bullet;
- any other line continues the open bullet (PDF line and page breaks), or, before the area's first
  bullet, the area's heading (a heading wrapped over several lines).
"""

from __future__ import annotations

import re

from extract.errors import LayoutError
from extract.layouts._items import Item, continue_heading, mandate, new_area
from extract.layouts.base import content_lines, footnotes
from extract.records import Area
from extract.text import BULLETS, Line, Source

_BULLET_CLASS = "[" + "".join(sorted(BULLETS)) + "]"
_NUMBERED = re.compile(rf"^\s*(?:{_BULLET_CLASS}\s*)?(\d{{1,2}})\.\s+\S")
# The first glyph, whether a space follows it, and the start of the text after all glyphs.
_BULLET = re.compile(rf"^(\s*)({_BULLET_CLASS})(\s*)(?:{_BULLET_CLASS}\s*)*(?=\S)")


def _bullet_style(line: Line) -> tuple[str, bool] | None:
    m = _BULLET.match(line.text)
    if not m or _NUMBERED.match(line.text):
        return None
    return m.group(2), bool(m.group(3))


def _decisions_start(lines: list[Line]) -> int | None:
    """The index of the first decision area: where numbering restarts at 1 after a higher number.

    The paragraphs' numbering may start at 2: declarations often leave their first paragraph bare.
    """
    last = 0
    for i, line in enumerate(lines):
        m = _NUMBERED.match(line.text)
        if not m:
            continue
        n = int(m.group(1))
        if n == last + 1 or (last == 0 and n == 2):
            last = n
        elif n == 1 and last > 1:
            return i
    return None


class Declaration:
    name = "declaration"

    def score(self, source: Source) -> float:
        lines = content_lines(source)
        start = _decisions_start(lines)
        if start is None:
            return 0.0
        bullets = sum(1 for line in lines[start:] if _bullet_style(line))
        return 0.9 if bullets >= 3 else 0.2

    def parse(self, source: Source) -> list[Area]:
        lines = content_lines(source)
        notes = footnotes(source)
        start = _decisions_start(lines)
        if start is None:
            raise LayoutError(
                source.name,
                "no decisions were found: the numbered paragraphs never start again at 1",
            )
        areas: list[Area] = []
        area: Area | None = None
        item: Item | None = None
        # The style of the bullets that are mandates, and whether the open item holds a list.
        style: tuple[str, bool] | None = None
        in_list = False
        last_number = 0

        def close() -> None:
            nonlocal item, in_list
            if area is not None and item is not None:
                area.mandates.append(mandate(source, item, notes))
            item, in_list = None, False

        for line in lines[start:]:
            numbered = _NUMBERED.match(line.text)
            if numbered and int(numbered.group(1)) == last_number + 1:
                close()
                last_number += 1
                area = new_area(source, numbered.group(1), line, line.start + numbered.end() - 1)
                areas.append(area)
                style = None
                continue
            if area is None:
                continue
            bullet = _bullet_style(line)
            text_start = line.start + _BULLET.match(line.text).end() if bullet else line.start  # type: ignore[union-attr]
            if bullet and (style is None or bullet == style or not in_list):
                close()
                style = style or bullet
                item = Item(None)
                item.add_line(line, text_start)
                in_list = line.stripped.endswith(":")
                continue
            if item is None and not area.mandates:
                continue_heading(source, area, line)
                continue
            if item is None:
                raise LayoutError(
                    source.name,
                    f"line {line.index + 1} ({line.stripped[:60]!r}) under decision area "
                    f"{area.number} is neither a bullet nor the continuation of one",
                )
            item.add_line(line, text_start)
            if bullet is None and line.stripped.endswith(":"):
                in_list = True
        close()
        return areas
