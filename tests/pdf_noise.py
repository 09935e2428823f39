"""A corpus text as another PDF extractor would give it: re-wrapped, re-paginated, with noise.

Used by the perturbation property test. The perturbation keeps what a reader needs to see the
structure: an item's number, bullet or dash still starts a line; a table cell still starts where it
started (indented, or after a sentence), and is re-wrapped at its column's width times one factor
for the whole table, as another extractor's column widths would give. Everything else moves: lines
are wrapped at another width, words are hyphenated at line ends, page breaks fall between any two
lines (inside items too) with a page number in one of the styles extractors print, a running header
or footer, a form feed and blank lines, and soft hyphens or zero-width spaces sit inside words.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from extract.text import BULLETS, SUPERSCRIPTS

PAGE_STYLES = (
    "{n}",
    "- {n} -",
    "Página {n}",
    "Página {n} de {t}",
    "{n}/{t}",
    "Page {n}",
    "Pág. {n}",
    "{n} de {t}",
)
HEADERS = (
    None,
    "Documento de trabajo — versión para consulta",
    "Comunidad de Estados Latinoamericanos y Caribeños",
    "Plan de trabajo · Página {n}",
)
FOOTERS = (None, "Secretaría Pro Tempore", "Documento oficial — uso público")

_BULLET_CLASS = "[" + "".join(sorted(BULLETS)) + "]"
# A line that starts a unit of structure: a number, a bullet, a dash, a roman or letter heading,
# a footnote.
_START = re.compile(
    rf"^\s*(?:{_BULLET_CLASS}|[-–]\s|\d{{1,3}}\.|[IVXL]+\.\s|[A-Z]\.\s|[{''.join(SUPERSCRIPTS)}])"
)
# A word no line may start with mid-paragraph: alone it reads as an item marker.
_MARKER_WORD = re.compile(rf"^(?:[-–]|{_BULLET_CLASS}|\d{{1,3}}\.|[IVXL]+\.|[A-Z]\.|Área)$")


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _ends_sentence(word: str) -> bool:
    return word.rstrip('”’"»)] ').endswith((".", ":", ";"))


@dataclass
class Noise:
    """The choices of one perturbation, drawn from one seed."""

    width: float  # prose: the wrap width in characters; table: the factor on each cell's width
    page_lines: int
    style: str
    header: str | None
    footer: str | None
    form_feed: bool
    blanks: int
    hyphenate: float  # share of line ends where a long word is split
    silent: float  # share of lines given a soft hyphen or zero-width space inside a word

    @classmethod
    def draw(cls, rng: random.Random, table: bool) -> Noise:
        return cls(
            width=1.0 if table else rng.randint(38, 130),
            page_lines=rng.randint(12, 60),
            style=rng.choice(PAGE_STYLES),
            header=rng.choice(HEADERS),
            footer=rng.choice(FOOTERS),
            form_feed=rng.random() < 0.5,
            blanks=rng.randint(0, 2),
            hyphenate=rng.choice((0.0, 0.1, 0.3)),
            silent=rng.choice((0.0, 0.05)),
        )


def wrap(
    words: list[str], width: int, rng: random.Random, hyphenate: float, table: bool
) -> list[str]:
    """Greedy wrapping at ``width``; a long lower-case word at a line end is sometimes split."""
    lines: list[list[str]] = [[]]
    for word in words:
        line = lines[-1]
        length = sum(len(w) + 1 for w in line)
        if not line or length + len(word) <= width or _MARKER_WORD.match(word):
            line.append(word)
            continue
        if table and _ends_sentence(line[-1]) and word[:1].isupper():
            # In a table a capitalised line after a sentence starts a new cell: keep them together.
            line.append(word)
            continue
        if hyphenate and rng.random() < hyphenate and len(word) >= 8 and word.isalpha():
            if word.islower():
                cut = rng.randint(3, len(word) - 3)
                line.append(word[:cut] + "-")
                lines.append([word[cut:]])
                continue
        lines.append([word])
    # No line may be all capitals (it would read as a heading): give it its predecessor's last word.
    for i in range(1, len(lines)):
        while is_caps(" ".join(lines[i])) and len(lines[i - 1]) > 1:
            lines[i].insert(0, lines[i - 1].pop())
    return [" ".join(line) for line in lines if line]


def _units(lines: list[str], table: bool) -> list[list[str]]:
    """Runs of lines re-wrapped together: a unit ends at a blank line and before a line that starts
    structure (or, in a table, an indented line, a row number, a cell after a sentence)."""
    units: list[list[str]] = []
    for line in lines:
        text = line.strip()
        starts = (
            not units
            or not text
            or not units[-1]
            or not units[-1][-1].strip()
            or bool(_START.match(line))
            or is_caps(text)
            or is_caps(units[-1][-1])
            or text.startswith(("Área", "Area"))
            or (table and line[:1].isspace())
            or (table and _ends_sentence(units[-1][-1].strip()) and text[:1].isupper())
        )
        if starts:
            units.append([line])
        else:
            units[-1].append(line)
    return units


def rewrap(text: str, noise: Noise, rng: random.Random, table: bool, keep: int = 0) -> list[str]:
    """The text's lines re-wrapped; the first ``keep`` lines (a table's title and header) as they are."""
    lines = text.split("\n")
    out = lines[:keep]
    for unit in _units(lines[keep:], table):
        first = unit[0]
        # A one-line table cell fits its column at the other width too.
        kept = is_caps(first) and len(unit) == 1
        # A footnote, and a table's repeated column header, stay as they are.
        kept = kept or first.strip()[:1] in SUPERSCRIPTS or table
        if not first.strip() or kept:
            out.extend(unit)
            continue
        indent = first[: len(first) - len(first.lstrip())]
        words = " ".join(unit).split()
        if table:
            width = max(8, round(max(len(x.strip()) for x in unit) * noise.width))
        else:
            width = int(noise.width)
        wrapped = wrap(words, width - len(indent), rng, noise.hyphenate, table)
        out.extend(indent + w if i == 0 else w for i, w in enumerate(wrapped))
    return out


def _silent(line: str, rng: random.Random) -> str:
    words = [m for m in re.finditer(r"[^\W\d_]{6,}", line)]
    if not words:
        return line
    m = rng.choice(words)
    at = rng.randint(m.start() + 2, m.end() - 2)
    return line[:at] + rng.choice("\u00ad\u200b") + line[at:]


def paginate(lines: list[str], noise: Noise, rng: random.Random) -> str:
    """The lines with a page break every ``page_lines`` lines."""
    pages = [lines[i : i + noise.page_lines] for i in range(0, len(lines), noise.page_lines)]
    total = len(pages)
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        if n > 1 and noise.header:
            out.append(("\f" if noise.form_feed else "") + noise.header.format(n=n, t=total))
            out.extend([""] * noise.blanks)
        elif n > 1 and noise.form_feed:
            out.append("\f")
        for line in page:
            out.append(_silent(line, rng) if noise.silent and rng.random() < noise.silent else line)
        if n < total:
            out.extend([""] * noise.blanks)
            if noise.footer:
                out.append(noise.footer)
            out.append(noise.style.format(n=n, t=total))
    return "\n".join(out)


def perturb(
    text: str, seed: int, table: bool = False, keep: int = 0, style: str | None = None
) -> str:
    """``text`` as another extractor would give it (see the module's docstring); ``style`` fixes
    the page numbers' style ("Página {n}")."""
    rng = random.Random(seed)
    noise = Noise.draw(rng, table)
    if style is not None:
        noise.style = style
    return paginate(rewrap(text, noise, rng, table, keep), noise, rng)
