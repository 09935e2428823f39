"""Text folding: one rule for comparing Spanish and English text without case or accents.

Every layer compares text this way — the extraction its names and terms, the pages their search —
so the rule lives here, below all of them, and imports nothing but the standard library.

The rule, character by character: the compatibility decomposition (NFKD: "é" → "e" + accent,
"ﬁ" → "fi", "º" → "o"), its combining marks dropped, then case-folded. :func:`fold` applies it;
:func:`fold_with_origin` also gives, for each folded character, the offset of the character it came
from; :func:`fold_aligned` keeps one character for one, so offsets into the folded text are offsets
into the text; :func:`fold_name` is how names are compared; :func:`stems` is the crude stem the
lexical comparisons share.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["STEM", "fold", "fold_aligned", "fold_name", "fold_with_origin", "stems"]

STEM = 6  # letters of a stem: "migración" and "migraciones" meet at "migrac"


class _Table(dict[int, str]):
    """The folding of every character met so far, by code point (a ``str.translate`` table)."""

    def __missing__(self, point: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(point))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        self[point] = folded
        return folded


class _Aligned(dict[int, str]):
    """As :class:`_Table`, but a character whose folding is not one character stays itself."""

    def __missing__(self, point: int) -> str:
        folded = _TABLE[point]
        if len(folded) != 1:
            lower = chr(point).lower()
            folded = lower if len(lower) == 1 else chr(point)
        self[point] = folded
        return folded


_TABLE = _Table()
_ALIGNED = _Aligned()


def fold(text: str) -> str:
    """``text`` case-folded, without accents, compatibility forms spelt out.

    >>> fold("Educación ﬁnanciera, Ñandú")
    'educacion financiera, nandu'
    """
    return text.translate(_TABLE)


def fold_with_origin(text: str) -> tuple[str, list[int]]:
    """:func:`fold` of ``text``, and for each folded character the offset in ``text`` of the
    character it came from.

    >>> fold_with_origin("ﬁn")
    ('fin', [0, 0, 1])
    """
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _TABLE[ord(ch)]
        out.append(folded)
        origin.extend([i] * len(folded))
    return "".join(out), origin


def fold_aligned(text: str) -> str:
    """:func:`fold` of ``text`` one character for one: a character whose folding is none or
    several ("ﬁ", a lone combining accent) stays as it is, lower-cased where that is one character.
    Offsets into the result are offsets into ``text``.

    >>> fold_aligned("Ñandú ﬁn")
    'nandu ﬁn'
    """
    return text.translate(_ALIGNED)


_DASHES = re.compile(r"\s*[-–—]\s*")
_SPACES = re.compile(r"\s+")


def fold_name(text: str) -> str:
    """For comparing names: :func:`fold`, dashes unified ("China – CELAC" = "china-celac"), other
    characters outside ASCII dropped (quotes, bullets, degree signs), single spaces, no punctuation
    at the ends.

    >>> fold_name("  Cumbre “China – CELAC”. ")
    'cumbre china-celac'
    """
    plain = _DASHES.sub("-", fold(text)).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub(" ", plain).strip(" .,;:")


def stems(words: Iterable[str]) -> set[str]:
    """The first :data:`STEM` letters of each word, folded as names are.

    >>> sorted(stems(["Migración", "migraciones"]))
    ['migrac']
    """
    return {fold_name(w)[:STEM] for w in words}
