"""How a reader cites an item of a plan: the plan's short name and the number as printed.

A plan nests its numbers: chapter "II", section "10" in it, item "10.1" in that. The item prints
its section's number again ("10.1" under "10."), so the reference a reader writes is "II.10.1",
not the ancestors' numbers and the item's laid end to end ("II.10.10.1").
"""

from __future__ import annotations


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
