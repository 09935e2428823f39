"""What a document layout is: something that recognises a text and reads its areas and mandates."""

from __future__ import annotations

import re
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


_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")


def is_page_number(line: Line) -> bool:
    """A line holding only a page number ("12", "- 12 -")."""
    return bool(_PAGE_NUMBER.match(line.text))


def is_footnote(line: Line) -> bool:
    """A footnote's text: a line that starts with a superscript marker ("¹ Las Conferencias…")."""
    s = line.stripped
    return bool(s) and s[0] in SUPERSCRIPTS


def content_lines(source: Source) -> list[Line]:
    """The lines that carry text: no blank lines, page numbers or footnote texts."""
    return [
        line
        for line in source.lines
        if not line.is_blank and not is_page_number(line) and not is_footnote(line)
    ]


def footnotes(source: Source) -> dict[str, Line]:
    """Footnote texts by their marker ("¹" → the line that starts with it)."""
    return {line.stripped[0]: line for line in source.lines if is_footnote(line)}
