"""The work-plan table layout (PPT-2020 PDF): a five-column table flattened into text.

Rules of the genre, as the flattened table prints them:

- the column header ("Área Objetivo Estrategia / Eje Temático … / Área del Gobierno … responsable")
  is the first line that starts with "Área" up to the first row; it repeats on every page, wrapped
  differently, and is skipped wherever it recurs; text before it is the title;
- a row starts with its number ("1.Cooperación", "12.") where the previous row ended, numbers
  running 1, 2, 3, …; the unindented lines that follow are the area title;
- an indented line (its bullet glyph lost) starts an item; an unindented capitalised line after an
  item that ended a sentence starts one too ("Red CELAC de:"); other lines continue the open item;
- the objective and strategy columns wrap at different widths: the items before the first one
  wrapped wider than the objective column are objectives, the rest strategies (the width that
  separates the columns is read from the document, see :func:`column_split`);
- after the items, an unindented numbered line opens the thematic axis, "N. Name: description",
  one unbroken block of lines; what follows up to the next row is the responsible body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.errors import LayoutError
from extract.layouts._items import Item
from extract.layouts.base import content_lines
from extract.layouts.workplan_web import line_key, mandates_of
from extract.records import Area
from extract.text import Line, Passage, Source, squash

_NUMBER = re.compile(r"^(\d{1,3})\.\s*")
_CLOSERS = '”’"»)] '
_MAX_HEADER_LINES = 15
_ACRONYM = re.compile(r"^[A-ZÁÉÍÓÚÑ]{2,}\b")


@dataclass
class _Cell:
    """The lines of one item of the objective or strategy column."""

    lines: list[Line]

    @property
    def width(self) -> int:
        return max(len(line.stripped) for line in self.lines)

    def item(self) -> Item:
        item = Item(None)
        for line in self.lines:
            item.add_line(line)
        return item


@dataclass
class _Row:
    number: str
    title: list[tuple[int, int]]
    line: Line
    cells: list[_Cell] = field(default_factory=list)
    axis: list[Line] = field(default_factory=list)
    responsible: list[Line] = field(default_factory=list)


def column_header(lines: list[Line]) -> tuple[int, int] | None:
    """Where the column header starts and where the first row starts, in ``lines``.

    The header starts with the column "Área" (capitalised) and names the objective column.
    """
    for i, line in enumerate(lines):
        if line.stripped[:1] in "ÁA" and line_key(line.text).startswith("area "):
            for j in range(i + 1, min(len(lines), i + _MAX_HEADER_LINES)):
                found = _NUMBER.match(lines[j].text)
                if found and found.group(1) == "1":
                    named = line_key(" ".join(x.text for x in lines[i:j]))
                    return (i, j) if "objetivo" in named else None
            return None
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith((".", ":", ";"))


def column_split(widths: list[int]) -> float:
    """The width between the narrow and the wide column: Otsu's threshold over item widths."""
    values = sorted(widths)
    best, threshold = float("inf"), float(values[-1]) if values else 0.0
    for k in range(1, len(values)):
        if values[k] == values[k - 1]:
            continue
        low, high = values[:k], values[k:]
        spread = sum(_variance(part) * len(part) for part in (low, high))
        if spread < best:
            best, threshold = spread, (low[-1] + high[0]) / 2
    return threshold


def _variance(values: list[int]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


class WorkplanTable:
    name = "workplan-table"

    def score(self, source: Source) -> float:
        lines = content_lines(source)
        found = column_header(lines)
        if found is None:
            return 0.0
        numbers = {m.group(1) for line in lines if (m := _NUMBER.match(line.text))}
        rows = 0
        while str(rows + 1) in numbers:
            rows += 1
        return min(1.0, 0.5 + 0.05 * rows) if rows >= 2 else 0.2

    def parse(self, source: Source) -> list[Area]:
        rows = self._rows(source)
        # Wrapped items show their column's width; single lines only a lower bound of it.
        cells = [c for row in rows for c in row.cells]
        wrapped = [c.width for c in cells if len(c.lines) > 1]
        threshold = column_split(wrapped if len(set(wrapped)) > 1 else [c.width for c in cells])
        return [self._area(source, row, threshold) for row in rows]

    def _rows(self, source: Source) -> list[_Row]:
        lines = content_lines(source)
        found = column_header(lines)
        if found is None:
            raise LayoutError(
                source.name, "no column header ('Área Objetivo …') followed by a row '1.' found"
            )
        first, start = found
        header = squash("".join(line.text for line in lines[first:start]))
        rows: list[_Row] = []
        state = "responsible"
        k = start
        while k < len(lines):
            line = lines[k]
            skip = _repeat(lines, k, header)
            if skip:
                k += skip
                continue
            k += 1
            number = _NUMBER.match(line.text)
            expected = str(int(rows[-1].number) + 1) if rows else "1"
            if state == "responsible" and number and number.group(1) == expected:
                self._check(source, rows)
                rows.append(_Row(expected, [(line.start + number.end(), line.end)], line))
                state = "title"
                continue
            row = rows[-1]
            if state == "title" and not line.indent:
                row.title.append((line.start, line.end))
            elif state in ("title", "items") and (line.indent or number is None):
                _add_item_line(row, line)
                state = "items"
            elif state in ("items", "axis"):
                row.axis.append(line)
                following = lines[k] if k < len(lines) else None
                state = "responsible" if _axis_ends(source, line, following) else "axis"
            else:
                row.responsible.append(line)
        if not rows:
            raise LayoutError(source.name, "no row was found after the column header")
        self._check(source, rows)
        return rows

    @staticmethod
    def _check(source: Source, rows: list[_Row]) -> None:
        if not rows:
            return
        row = rows[-1]
        where = f"line {row.line.index + 1}: row {row.number}"
        if not row.cells:
            raise LayoutError(source.name, f"{where} has no objective or strategy item")
        if not row.axis:
            raise LayoutError(source.name, f"{where} has no thematic axis ('N. Name:' line)")

    @staticmethod
    def _area(source: Source, row: _Row, threshold: float) -> Area:
        wide = [c.width > threshold for c in row.cells]
        # A lead-in ("Red CELAC de:") belongs to the column of the item it introduces.
        for i in range(len(wide) - 2, -1, -1):
            if row.cells[i].lines[-1].text.rstrip().endswith(":"):
                wide[i] = wide[i + 1]
        split = wide.index(True) if True in wide else len(wide)
        area = Area(row.number, source.passage(row.title))
        area.objectives = [source.passage_of_lines(c.lines) for c in row.cells[:split]]
        area.mandates = mandates_of(source, [c.item() for c in row.cells[split:]])
        area.axis = _axis(source, row.axis)
        if row.responsible:
            area.responsible = [source.passage_of_lines(row.responsible)]
        return area


def _axis_ends(source: Source, line: Line, following: Line | None) -> bool:
    """Whether the thematic axis, one unbroken block of lines, ends with ``line``.

    It ends at a blank line. Across a page break (page furniture, with or without blank lines) it
    goes on, unless ``line`` ends a sentence and the next line starts with the responsible body's
    acronym ("SRE", "SCT / Agencia …", "SALUD/Dra. …").
    """
    if following is None:
        return True
    between = range(line.index + 1, following.index)
    if not between:
        return False
    if not any(i in source.furniture.lines for i in between):
        return True
    return _ends_sentence(line.text) and bool(_ACRONYM.match(following.stripped))


def _add_item_line(row: _Row, line: Line) -> None:
    """Start a new item with ``line``, or continue the open one."""
    cells = row.cells
    if not cells or line.indent:
        cells.append(_Cell([line]))
        return
    last = cells[-1].lines[-1].text
    if _ends_sentence(last) and line.stripped[:1].isupper():
        cells.append(_Cell([line]))
    else:
        cells[-1].lines.append(line)


def _repeat(lines: list[Line], k: int, header: str) -> int:
    """How many lines from ``lines[k]`` repeat the column header (0 if they do not)."""
    seen = ""
    for n, line in enumerate(lines[k:], 1):
        seen += squash(line.text)
        if not header.startswith(seen):
            return 0
        if seen == header:
            return n
    return 0


def _axis(source: Source, lines: list[Line]) -> list[Passage]:
    """The axis name ("2. Cooperación internacional") and its description, as two passages."""
    for i, line in enumerate(lines):
        colon = line.text.find(":")
        if colon >= 0:
            name = [(x.start, x.end) for x in lines[:i]] + [(line.start, line.start + colon)]
            rest = [(line.start + colon + 1, line.end)] + [(x.start, x.end) for x in lines[i + 1 :]]
            break
        if _ends_sentence(line.text):
            name = [(x.start, x.end) for x in lines[: i + 1]]
            rest = [(x.start, x.end) for x in lines[i + 1 :]]
            break
    else:
        name, rest = [(x.start, x.end) for x in lines], []
    return [p for p in (source.passage(name), source.passage(rest)) if p]
