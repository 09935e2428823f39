"""What a document layout is: something that recognises a text and reads its areas and mandates."""

from __future__ import annotations

from typing import Protocol

from extract.records import Area
from extract.text import SUPERSCRIPTS, Line, Source


class Layout(Protocol):
    """A document layout of the genre (numbered declaration, action plan, work-plan table, …)."""

    name: str

    def score(self, source: Source) -> float:
        """How sure we are, from 0 to 1, that ``source`` is written in this layout."""
        ...

    def parse(self, source: Source) -> list[Area]:
        """The areas of ``source``, in document order, with their mandates.

        Raises:
            LayoutError: the text breaks a rule of the layout (names the source and line).
        """
        ...


def is_furniture(source: Source, line: Line) -> bool:
    """A line of page furniture: a page number in any style, a running header or footer."""
    return line.index in source.furniture.lines


def is_footnote(line: Line) -> bool:
    """A footnote's text: a line that starts with a superscript marker ("¹ Las Conferencias…")."""
    s = line.stripped
    return bool(s) and s[0] in SUPERSCRIPTS


def content_lines(source: Source) -> list[Line]:
    """The lines that carry text: no blank lines, page furniture or footnote texts."""
    furniture = source.furniture.lines
    return [
        line
        for line in source.lines
        if not line.is_blank and line.index not in furniture and not is_footnote(line)
    ]


def footnotes(source: Source) -> dict[str, Line]:
    """Footnote texts by their marker ("¹" → the line that starts with it)."""
    return {line.stripped[0]: line for line in source.lines if is_footnote(line)}
