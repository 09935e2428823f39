"""Source texts and clean passages that remember, character by character, where they came from.

A :class:`Source` is one corpus file, decoded. A :class:`Passage` is a clean piece of text (lines
joined, whitespace collapsed, bullet glyphs and footnote markers dropped) together with the offset in
the source of every one of its characters. Every later stage works on passages, so every item, and
every entity found inside an item, gets exact source offsets for free.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from extract.errors import SourceError

# Characters that PDF extraction leaves in front of list items or inside them and that are not text.
BULLETS = frozenset("•●▪◦·\uf0b7\uf0a7\uf0d8")
# Superscript footnote markers ("ACRU-LAC)¹").
SUPERSCRIPTS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")
_SPACE = re.compile(r"\s")


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

    def passage(self, ranges: Iterable[tuple[int, int]]) -> Passage:
        """The clean passage made of these ranges of the source, in order."""
        return Passage.from_ranges(self, ranges)

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
    def from_ranges(cls, source: Source, ranges: Iterable[tuple[int, int]]) -> Passage:
        chars: list[str] = []
        offsets: list[int] = []
        raw = source.text
        for start, end in ranges:
            for i in range(start, end):
                c = raw[i]
                if c in BULLETS or c in SUPERSCRIPTS:
                    continue
                if _SPACE.match(c):
                    if chars and chars[-1] != " ":
                        chars.append(" ")
                        offsets.append(i)
                    continue
                chars.append(c)
                offsets.append(i)
            # Ranges are separate pieces (usually lines): join them with one space.
            if chars and chars[-1] != " ":
                chars.append(" ")
                offsets.append(end)
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


def fold(text: str) -> str:
    """For comparing names: lower case, no accents, dashes unified ("China - CELAC" = "china-celac"),
    single spaces, no punctuation at the ends."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"\s*[-–]\s*", "-", plain)
    return re.sub(r"\s+", " ", plain).strip(" .,;:")


def squash(text: str) -> str:
    """The text without whitespace, bullet glyphs and footnote markers: what provenance must preserve."""
    return "".join(
        c for c in text if not c.isspace() and c not in BULLETS and c not in SUPERSCRIPTS
    )
