"""How a reader cites an item of a plan: the plan's short name and the number as printed.

A plan nests its numbers: chapter "II", section "10" in it, item "10.1" in that. The item prints
its section's number again ("10.1" under "10."), so the reference a reader writes is "II.10.1",
not the ancestors' numbers and the item's laid end to end ("II.10.10.1").
"""

from __future__ import annotations

import re


def join_numbers(parent: str, number: str) -> str:
    """The dotted number of an item numbered ``number`` inside ``parent`` (a dotted path), without
    repeating the part of ``parent`` that ``number`` prints again.

    >>> join_numbers("II.10", "10.1")
    'II.10.1'
    >>> join_numbers("II", "3")
    'II.3'
    >>> join_numbers("II.1", "1")
    'II.1.1'
    """
    if not parent:
        return number
    head, tail = parent.split("."), number.split(".")
    # The longest run that ends the parent and starts the number, leaving the number its own part.
    for k in range(min(len(head), len(tail) - 1), 0, -1):
        if head[-k:] == tail[:k]:
            return ".".join([*head[:-k], *tail])
    return ".".join([*head, *tail])


_PIECE = re.compile(r"(\d+)|([^\W\d_]+)|([\W_]+)")
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman(numeral: str) -> int | None:
    """The value of a roman numeral in capitals ("IX" → 9), None if ``numeral`` is not one."""
    if not numeral or not _ROMAN.fullmatch(numeral):
        return None
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


Key = tuple[tuple[int, int, str], ...]


def natural_key(text: str) -> Key:
    """Sorts printed references as a reader counts: numbers as numbers, roman numerals (in
    capitals, standing alone) as numbers, words without regard to case.

    >>> sorted(["II.10.1", "II.2.1", "IX.1", "V.3"], key=natural_key)
    ['II.2.1', 'II.10.1', 'V.3', 'IX.1']
    >>> sorted(["area/2/mandate/10", "area/2/mandate/9"], key=natural_key)
    ['area/2/mandate/9', 'area/2/mandate/10']
    """
    key: list[tuple[int, int, str]] = []
    for digits, word, other in _PIECE.findall(text):
        if digits:
            key.append((0, int(digits), ""))
        elif word:
            value = roman(word)
            key.append((0, value, "") if value is not None else (1, 0, word.casefold()))
        else:
            key.append((2, 0, other))
    return tuple(key)
