"""Small text helpers for pages and pictures: calmer headings, wrapped and shortened lines."""

from __future__ import annotations

import re

# Kept in capitals when a heading printed in capitals is put in sentence case.
ACRONYMS = frozenset({"CELAC", "CALC", "ALC", "ONU", "UE", "PPT", "ALADI", "AGONU", "FAO", "CEPAL"})
_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"[IVXLC]{1,4}")


def calm(label: str) -> str:
    """A heading printed in capitals, in sentence case (acronyms kept); any other label as is.

    >>> calm("SEGURIDAD ALIMENTARIA Y NUTRICIÓN")
    'Seguridad alimentaria y nutrición'
    """
    letters = [c for c in label if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return label

    def lower(word: str) -> str:
        return word if word in ACRONYMS or _ROMAN.fullmatch(word) else word.lower()

    lowered = _WORD.sub(lambda m: lower(m.group()), label)
    for i, c in enumerate(lowered):
        if c.isalpha():
            return lowered[:i] + c.upper() + lowered[i + 1 :]
    return lowered


def calm_parts(label: str) -> str:
    """A reference whose parts after the first (the plan's short name) may be headings printed in
    capitals, each part put in sentence case.

    >>> calm_parts("CELAC-2014 · EDUCACIÓN · 3: Trabajar para procurar")
    'CELAC-2014 · Educación · 3: Trabajar para procurar'
    """
    first, *rest = label.split(" · ")
    return " · ".join([first, *(calm(part) for part in rest)])


def shorten(value: str, width: int) -> str:
    """``value`` cut at a word boundary to at most ``width`` characters, with "…" if cut."""
    value = " ".join(value.split())
    if len(value) <= width:
        return value
    cut = value.rfind(" ", 0, width)
    return (value[: cut if cut >= width // 2 else width - 1]).rstrip(" ,;:.") + "…"


def wrap(value: str, width: int, lines: int) -> list[str]:
    """``value`` in at most ``lines`` lines of about ``width`` characters; the last one shortened."""
    words = value.split()
    out: list[str] = []
    current = ""
    for i, word in enumerate(words):
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            out.append(current)
            current = word
            if len(out) == lines - 1:
                out.append(shorten(" ".join([current, *words[i + 1 :]]), width))
                return out
    if current:
        out.append(shorten(current, width))
    return out
