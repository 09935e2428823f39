"""Shared machinery of the layouts: items that grow line by line, and footnotes that follow markers."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.records import Area, Mandate
from extract.text import SUPERSCRIPTS, Line, Passage, Source


@dataclass
class Item:
    """An item being read: the ranges of the source it covers so far."""

    number: str | None
    ranges: list[tuple[int, int]] = field(default_factory=list)

    def add(self, start: int, end: int) -> None:
        self.ranges.append((start, end))

    def add_line(self, line: Line, start: int | None = None) -> None:
        self.ranges.append((line.start if start is None else start, line.end))

    def passage(self, source: Source) -> Passage:
        return source.passage(self.ranges)


def mandate(source: Source, item: Item, notes: dict[str, Line]) -> Mandate:
    """The mandate an item makes, with the footnotes whose markers appear inside it, each once.

    Markers are looked for in the item's own lines only: a footnote printed at the foot of a page
    that breaks the item lies inside the item's span, and its leading marker is no reference.
    """
    text = item.passage(source)
    found: list[Passage] = []
    seen: set[str] = set()
    for start, end in item.ranges:
        for marker in source.text[start:end]:
            if marker in SUPERSCRIPTS and marker in notes and marker not in seen:
                seen.add(marker)
                found.append(source.passage_of_lines([notes[marker]]))
    return Mandate(item.number, [text], found)


def new_area(source: Source, number: str | None, title: Line, title_start: int) -> Area:
    """An area whose heading runs from ``title_start`` to the end of ``title`` (a trailing colon dropped)."""
    return Area(number, _heading(source, [(title_start, title.end)]))


def continue_heading(source: Source, area: Area, line: Line) -> None:
    """The heading of ``area`` goes on in ``line`` (a heading wrapped over several lines)."""
    ranges = [(area.title.span.start, area.title.span.end), (line.start, line.end)]
    area.title = _heading(source, ranges)
    area.titles = [area.title]


def _heading(source: Source, ranges: list[tuple[int, int]]) -> Passage:
    passage = source.passage(ranges)
    if passage.text.endswith(":"):
        passage = passage.sub(0, len(passage.text) - 1)
    return passage
