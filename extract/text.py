"""Source texts and clean passages that remember, character by character, where they came from.

A :class:`Source` is one corpus file, decoded. A :class:`Passage` is a clean piece of text (lines
joined, whitespace collapsed, bullet glyphs and footnote markers dropped) together with the offset in
the source of every one of its characters. Every later stage works on passages, so every item, and
every entity found inside an item, gets exact source offsets for free.

A source taken from a PDF carries page furniture: page numbers in any style ("4", "- 4 -",
"Página 4", "4/12", "Page 4 of 12"), running headers and footers (lines that repeat at the page
breaks, with or without the page number), form feeds, words hyphenated at the line end
("coope-\nración") and stray glyphs. :attr:`Source.furniture` finds them once; passages leave them
out (a hyphenated word is joined, its hyphen and line break silent) and the layouts skip their
lines, so offsets stay exact and page furniture is never a reason to refuse a text.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from extract.errors import SourceError
from textfold import fold_name

# Characters that PDF extraction leaves in front of list items or inside them and that are not text.
BULLETS = frozenset("•●▪◦·\uf0b7\uf0a7\uf0d8")
# Superscript footnote markers ("ACRU-LAC)¹").
SUPERSCRIPTS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")
# Characters PDF extraction leaves that are no text and no space: soft hyphens, zero-width marks,
# the replacement character of an unmapped glyph.
SILENT = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\ufffd")
_DROPPED = BULLETS | SUPERSCRIPTS | SILENT
# A page number on a line of its own, in the styles PDF extractors print.
_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-–—]?\s*\d{1,3}\s*[-–—]?                                  # 4 · - 4 -
      | \d{1,4}\s*(?:/|de|of)\s*\d{1,4}                            # 4/12 · 4 de 12
      | (?:p[áa]gina|p[áa]g\.|page|p\.)\s*\d{1,4}(?:\s*(?:/|de|of)\s*\d{1,4})?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# A page number inside a running header or footer ("Plan de Acción — Página 4 de 12").
_PAGE_MENTION = re.compile(r"(?:p[áa]gina|p[áa]g\.|page)\s*\d{1,4}", re.IGNORECASE)
# A line that repeats near this share of the page breaks, twice at least, is a running header.
RUNNING_SHARE = 0.5
# The share of a running header's occurrences that stand at a page break.
EDGE_SHARE = 0.8
# How many text lines before or after a page break a running header or footer may stand.
RUNNING_REACH = 1
# Markdown emphasis a converter left around words ("*Think Tanks*", "**no**", "_ad hoc_"): the
# delimiters, paired, hug the words they enclose and stand apart from other words. The words may
# be wrapped over lines (or a page break) in the source; a passage reads them joined.
# At most 240 characters between the delimiters: emphasis marks a few words, never a paragraph.
_EMPHASIS = re.compile(
    r"(?<![\w*_\\])(\*{1,2}|_{1,2})(?=[^\s*_])([\s\S]{1,240}?)(?<=[^\s*_\\])\1(?![\w*_])"
)
_HYPHENATED = re.compile(r"([^\W\d_]+)-\s*$")
# Zipf frequency from which a word is among the commonest of Spanish ("que", "de", "para", "los").
COMMON_WORD = 5.5
_WORD_START = re.compile(r"^\s*([^\W\d_]+)")


def is_broken_word(head: str, tail: str) -> bool:
    """Whether "head-" at a line end and "tail" at the next line's start are one word broken in
    two ("coope-" / "ración"), not a dash before a word ("consensuada-" / "que"): one word when
    together they make a Spanish word, when the head is no word ("extraregiona-" / "les"), or when
    the tail is not one of the commonest words (a function word after a dash starts a new word; a
    broken word's tail is rarely one)."""
    from wordfreq import zipf_frequency

    if zipf_frequency(head + tail, "es") > 0 or zipf_frequency(head, "es") == 0:
        return True
    return zipf_frequency(tail, "es") < COMMON_WORD


def is_page_number(text: str) -> bool:
    """A line holding only a page number ("12", "- 12 -", "Página 4", "4/12", "Page 4 of 12")."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def emphasis(text: str) -> list[int]:
    """The offsets of the markdown emphasis delimiters in ``text``: markup around words, not text
    ("*Think Tanks*" reads "Think Tanks"). A lone asterisk (a footnote call, a multiplication) or
    an underscore inside a word is text.

    >>> emphasis("Superior, *Think Tanks* y Jóvenes")
    [10, 22]
    """
    found: list[int] = []
    for m in _EMPHASIS.finditer(text):
        width = len(m.group(1))
        found += [*range(m.start(), m.start() + width), *range(m.end() - width, m.end())]
    return found


def _audible(text: str) -> str:
    """``text`` without its silent characters (a soft hyphen inside a word)."""
    return "".join(c for c in text if c not in SILENT)


def _glyph(c: str) -> bool:
    """A bullet, a footnote marker or a private-use glyph (a PDF font's symbol): not text."""
    return c in BULLETS or c in SUPERSCRIPTS or "\ue000" <= c <= "\uf8ff"


@dataclass(frozen=True)
class Furniture:
    """The page furniture of a source: line indices by kind, and the silent characters.

    ``silent`` holds the offsets of characters that read as nothing: the hyphen of a word broken at
    the line end and everything between it and the word's rest (line break, page furniture).
    """

    page_numbers: frozenset[int] = frozenset()
    running: frozenset[int] = frozenset()
    form_feeds: int = 0
    hyphenations: int = 0
    silent: frozenset[int] = frozenset()

    @property
    def lines(self) -> frozenset[int]:
        """Every line that is page furniture (page numbers, running headers and footers)."""
        return self.page_numbers | self.running

    @property
    def count(self) -> int:
        """How many pieces of furniture: lines, form feeds and hyphenations."""
        return len(self.lines) + self.form_feeds + self.hyphenations

    def describe(self) -> str:
        """In words, for the build summary ("3 page numbers, 3 running lines, 1 hyphenation")."""
        parts = [
            (len(self.page_numbers), "page number", "page numbers"),
            (len(self.running), "running header/footer line", "running header/footer lines"),
            (self.form_feeds, "form feed", "form feeds"),
            (self.hyphenations, "hyphenation", "hyphenations"),
        ]
        said = [f"{n} {one if n == 1 else many}" for n, one, many in parts if n]
        return ", ".join(said) if said else "none"


def find_furniture(lines: Sequence[Line]) -> Furniture:
    """The page furniture among ``lines`` (a source's physical lines)."""
    numbers = {line.index for line in lines if not line.is_blank and is_page_number(line.text)}
    feeds = sum(line.text.count("\f") for line in lines)
    breaks = sorted(numbers | {line.index for line in lines if "\f" in line.text})
    text_lines = [line for line in lines if not line.is_blank and line.index not in numbers]
    # Lines near a page break: the few text lines before and after it.
    near: set[int] = set()
    for b in breaks:
        after = next((k for k, line in enumerate(text_lines) if line.index >= b), len(text_lines))
        for k in range(max(0, after - RUNNING_REACH), min(len(text_lines), after + RUNNING_REACH)):
            near.add(text_lines[k].index)
    # The first page has no break above it, but its top is a page edge all the same: a running
    # header printed on every page stands there too.
    if breaks:
        near.update(line.index for line in text_lines[:RUNNING_REACH])
    groups: dict[str, list[int]] = {}
    for line in text_lines:
        key = re.sub(r"\d+", "#", " ".join(line.text.replace("\f", " ").split())).lower()
        groups.setdefault(key, []).append(line.index)
    running: set[int] = set()
    for key, found in groups.items():
        edge = [i for i in found if i in near]
        enough = max(2.0, RUNNING_SHARE * len(breaks))
        # A heading that recurs in the text (one per area) stands near some page breaks by
        # chance; a running header stands at the page breaks and hardly anywhere else.
        at_edges = len(edge) >= EDGE_SHARE * len(found)
        if (len(edge) >= enough and at_edges) or (
            len(found) >= 2 and _PAGE_MENTION.search(key.replace("#", "1"))
        ):
            running.update(edge if len(edge) >= enough else found)
    furniture_lines = numbers | running
    silent: set[int] = set()
    hyphenations = 0
    for k, line in enumerate(text_lines):
        if line.index in furniture_lines or not _HYPHENATED.search(line.text):
            continue
        rest = next((x for x in text_lines[k + 1 :] if x.index not in furniture_lines), None)
        if rest is None or not rest.stripped[:1].islower():
            continue
        hyphen = line.start + len(line.text.rstrip()) - 1
        head = _HYPHENATED.search(_audible(line.text))
        tail = _WORD_START.match(_audible(rest.text))
        if not line.text[hyphen - line.start - 1].islower() or head is None or tail is None:
            continue
        if not is_broken_word(head.group(1).lower(), tail.group(1)):
            continue
        silent.update(range(hyphen, rest.start + rest.indent))
        hyphenations += 1
    return Furniture(frozenset(numbers), frozenset(running), feeds, hyphenations, frozenset(silent))


@dataclass(frozen=True)
class Span:
    """A range of characters of one source: 0-based, end exclusive, into the decoded text."""

    source: str
    start: int
    end: int


@dataclass(frozen=True)
class Line:
    """One physical line of a source, without its line break."""

    index: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())


@dataclass(frozen=True)
class Source:
    """One corpus file: its name (relative to the corpus folder), decoded text and SHA-256."""

    name: str
    text: str
    sha256: str

    @classmethod
    def load(cls, path: Path, name: str | None = None) -> Source:
        """Read and decode a corpus file.

        Raises:
            SourceError: the file is missing, empty or not UTF-8.
        """
        label = name or path.name
        try:
            data = path.read_bytes()
        except FileNotFoundError as e:
            raise SourceError(label, f"the file {path} does not exist") from e
        except OSError as e:
            raise SourceError(label, f"the file {path} cannot be read ({e.strerror})") from e
        if not data.strip():
            raise SourceError(label, f"the file {path} is empty")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise SourceError(
                label,
                f"the file {path} is not UTF-8 text (byte 0x{data[e.start]:02x} at offset "
                f"{e.start} cannot be decoded); convert it to UTF-8 first",
            ) from e
        if text.startswith("\ufeff"):
            raise SourceError(label, f"the file {path} starts with a byte-order mark; remove it")
        return cls(label, text, hashlib.sha256(data).hexdigest())

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        result: list[Line] = []
        offset = 0
        for index, raw in enumerate(self.text.split("\n")):
            result.append(Line(index, offset, raw))
            offset += len(raw) + 1
        return tuple(result)

    @cached_property
    def furniture(self) -> Furniture:
        """The page furniture of this source (see :func:`find_furniture`)."""
        return find_furniture(self.lines)

    @cached_property
    def mask(self) -> str:
        """One letter per character: "S" silent (a hyphenation's hyphen and break), "F" page
        furniture (read as a space), "." text."""
        marks = ["."] * len(self.text)
        lines = self.lines
        for index in self.furniture.lines:
            line = lines[index]
            marks[line.start : line.end] = "F" * len(line.text)
        for i in self.furniture.silent:
            marks[i] = "S"
        return "".join(marks)

    def passage(self, ranges: Iterable[tuple[int, int]]) -> Passage:
        """The clean passage made of these ranges of the source, in order."""
        return Passage.from_ranges(self, ranges)

    def clean(self, start: int, end: int, skip: Iterable[int] = ()) -> str:
        """The clean text of ``text[start:end]``, page furniture and the lines ``skip`` (by index)
        left out: what a passage with this span must read."""
        skipped = set(skip)
        lines = self.lines
        first = bisect.bisect_right([line.start for line in lines], start) - 1
        ranges = []
        for line in lines[max(0, first) :]:
            if line.start >= end:
                break
            if line.index not in skipped:
                ranges.append((max(start, line.start), min(end, line.end + 1)))
        return Passage.from_ranges(self, ranges, join=False).text

    def passage_of_lines(self, lines: Sequence[Line], first_start: int | None = None) -> Passage:
        """The clean passage made of whole lines (the first may start later, at ``first_start``)."""
        ranges = [(line.start, line.end) for line in lines]
        if ranges and first_start is not None:
            ranges[0] = (first_start, ranges[0][1])
        return self.passage(ranges)


@dataclass(frozen=True)
class Passage:
    """Clean text with the source offset of each character (``offsets[i]`` is where ``text[i]`` is)."""

    source: str
    text: str
    offsets: tuple[int, ...] = field(repr=False)

    @classmethod
    def from_ranges(
        cls, source: Source, ranges: Iterable[tuple[int, int]], join: bool = True
    ) -> Passage:
        """The clean text of ``ranges`` of ``source``: whitespace collapsed, glyphs, page
        furniture and markdown emphasis left out, hyphenated words joined; with ``join``, one
        space between ranges."""
        chars: list[str] = []
        offsets: list[int] = []
        raw = source.text
        mask = source.mask
        for start, end in ranges:
            for i in range(start, end):
                c = raw[i]
                kind = mask[i]
                if kind == "S" or c in _DROPPED or "\ue000" <= c <= "\uf8ff":
                    continue
                if kind == "F" or c.isspace():
                    if chars and chars[-1] != " ":
                        chars.append(" ")
                        offsets.append(i)
                    continue
                chars.append(c)
                offsets.append(i)
            # Ranges are separate pieces (usually lines): join them with one space, unless a word
            # hyphenated at the line end goes on in the next.
            silent = end < len(raw) and mask[end] == "S"
            if join and not silent and chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(end)
        # Emphasis is found in the joined text: its words may have been wrapped in the source.
        markup = set(emphasis("".join(chars)))
        if markup:
            kept = [i for i in range(len(chars)) if i not in markup]
            chars, offsets = [chars[i] for i in kept], [offsets[i] for i in kept]
        while chars and chars[-1] == " ":
            chars.pop()
            offsets.pop()
        while chars and chars[0] == " ":
            chars.pop(0)
            offsets.pop(0)
        return cls(source.name, "".join(chars), tuple(offsets))

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def span(self) -> Span:
        if not self.offsets:
            raise ValueError(f"an empty passage of {self.source} has no span")
        return Span(self.source, self.offsets[0], self.offsets[-1] + 1)

    def sub(self, start: int, end: int) -> Passage:
        """The part ``text[start:end]`` as a passage of its own, trimmed of spaces."""
        while start < end and self.text[start] == " ":
            start += 1
        while end > start and self.text[end - 1] == " ":
            end -= 1
        return Passage(self.source, self.text[start:end], self.offsets[start:end])

    def span_of(self, start: int, end: int) -> Span:
        """The source span of ``text[start:end]``."""
        return self.sub(start, end).span

    def __add__(self, other: Passage) -> Passage:
        if other.source != self.source:
            raise ValueError(f"cannot join passages of {self.source} and {other.source}")
        if not self:
            return other
        if not other:
            return self
        gap = self.offsets[-1] + 1
        return Passage(
            self.source,
            f"{self.text} {other.text}",
            (*self.offsets, gap, *other.offsets),
        )


# How the extraction compares names (textfold.fold_name); its modules import it from here.
fold = fold_name


def squash(text: str) -> str:
    """The text without whitespace, bullet glyphs, footnote markers and markdown emphasis: what
    provenance must preserve."""
    markup = set(emphasis(text))
    return "".join(
        c
        for i, c in enumerate(text)
        if not c.isspace() and not _glyph(c) and c not in SILENT and i not in markup
    )
