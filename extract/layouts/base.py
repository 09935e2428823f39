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


_SENTENCE_END = (".", ":", ";", "!", "?")
# Lines are this long or shorter but for a few: the width the text was wrapped at.
WIDTH_QUANTILE = 0.95
# Spanish articles, prepositions and conjunctions: a text that stops at one goes on.
FUNCTION_WORDS = frozenset(
    """a al ante bajo con contra de del desde durante e el en entre hacia hasta la las lo los
    mediante ni o para por que según sin sobre su sus tras u un una unas unos y""".split()
)
_CLOSERS = '”’"»)] '


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence (closing quotes and brackets aside)."""
    return text.rstrip().rstrip(_CLOSERS).endswith(_SENTENCE_END)


def paragraphs(source: Source) -> list[list[Line]]:
    """The content lines in paragraphs: runs of lines with no blank line between them.

    A page break (furniture, with or without blank lines) is read against the others: the fewest
    blank lines any break of the source has are the break's own; a break with more holds a
    paragraph's end too. At a break with no more, two lines are one paragraph when the next starts
    in lower case, or when the first does not end a sentence and either ends with a function word
    (no paragraph ends with "de" or "la") or was full (the next line's first word would not have
    fitted after it: the text was wrapped there).
    """
    lines = content_lines(source)
    # The wrap width: nearly the longest line (a long address or an overlong word may exceed it).
    lengths = sorted(len(line.stripped) for line in lines)
    width = lengths[int(WIDTH_QUANTILE * (len(lengths) - 1))] if lengths else 0
    furniture = source.furniture.lines
    pairs = list(zip(lines, lines[1:], strict=False))
    blanks = {
        id(a): sum(1 for i in range(a.index + 1, b.index) if source.lines[i].is_blank)
        for a, b in pairs
        if any(i in furniture for i in range(a.index + 1, b.index))
    }
    own = min(blanks.values(), default=0)
    found: list[list[Line]] = [[lines[0]]] if lines else []
    for previous, line in pairs:
        if previous.index + 1 == line.index:
            joined = True
        elif id(previous) not in blanks or blanks[id(previous)] > own:
            joined = False
        else:
            first = line.stripped.split()[0]
            last = previous.stripped.split()[-1]
            full = len(previous.stripped) + 1 + len(first) > width
            # A sentence starts with a capital: a lower-case line goes on whatever precedes it
            # ("1er." / "encuentro").
            lower = first[:1].islower()
            goes_on = full or last in FUNCTION_WORDS
            joined = lower or (not ends_sentence(previous.text) and goes_on)
        if joined:
            found[-1].append(line)
        else:
            found.append([line])
    return found
