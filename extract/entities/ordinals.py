"""Ordinals as the plans write them: roman numerals, Spanish words, numbers with an ordinal mark.

"II" → 2, "Segunda" → 2, "Tercer" → 3, "1er." → 1, "1ª" → 1, "75º"/"75°" → 75, "Vigésima" → 20,
"décimo primero"/"decimoprimera"/"undécima" → 11. Gender and the short forms (primer, tercer) are
accepted; :func:`roman` formats an int back.
"""

from __future__ import annotations

import re
import unicodedata

_UNITS = {
    "primer": 1,
    "segund": 2,
    "tercer": 3,
    "cuart": 4,
    "quint": 5,
    "sext": 6,
    "septim": 7,
    "setim": 7,
    "octav": 8,
    "noven": 9,
}
_TENS = {"decim": 10, "vigesim": 20, "trigesim": 30, "cuadragesim": 40, "quincuagesim": 50}
_SPECIAL = {"undecim": 11, "duodecim": 12}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
# "1er.", "1era", "2do", "3ro", "1ª", "1.º", "75°", "69º"
_NUMERIC_RE = re.compile(
    r"(\d{1,3})\s?(?:\.?\s?[ºª°]|er\.?|era\.?|ra\.?|ro\.?|do\.?|da\.?|to\.?|ta\.?|vo\.?|va\.?|no\.?|na\.?|mo\.?|ma\.?)"
)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def _stem(word: str) -> str:
    """A word ordinal without its gender/number ending: "segundas" → "segund", "primer" → "primer"."""
    w = word.rstrip(".")
    for ending in ("os", "as", "o", "a"):
        if w.endswith(ending) and len(w) > len(ending) + 2:
            return w[: -len(ending)]
    return w


def _word(word: str) -> int | None:
    stem = _stem(word)
    if stem in _UNITS:
        return _UNITS[stem]
    if stem in _TENS:
        return _TENS[stem]
    if stem in _SPECIAL:
        return _SPECIAL[stem]
    for tens, value in _TENS.items():  # "decimoprimero", "vigesimotercera"
        if stem.startswith(tens) and len(stem) > len(tens) + 1:
            rest = _word(stem[len(tens) + 1 :] + "o")
            if rest is not None and rest < 10:
                return value + rest
    return None


def parse(text: str) -> int | None:
    """The value of an ordinal as written, or None when ``text`` is not an ordinal."""
    text = text.strip()
    if not text:
        return None
    if _ROMAN_RE.fullmatch(text):
        return _roman_value(text)
    m = _NUMERIC_RE.fullmatch(text)
    if m:
        return int(m.group(1))
    words = _plain(text).split()
    if len(words) == 1:
        return _word(words[0])
    if len(words) == 2:  # "décimo primero", "vigésima segunda"
        tens, unit = _word(words[0]), _word(words[1])
        if tens is not None and unit is not None and tens % 10 == 0 and tens >= 10 and unit < 10:
            return tens + unit
    return None


def _roman_value(text: str) -> int:
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def is_roman(text: str) -> bool:
    """True for a non-empty, well-formed upper-case roman numeral."""
    return bool(text) and bool(_ROMAN_RE.fullmatch(text))


def roman(value: int) -> str:
    """``value`` (1..3999) as an upper-case roman numeral."""
    if not 0 < value < 4000:
        raise ValueError(f"{value} cannot be written as a roman numeral")
    out = []
    for number, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)
