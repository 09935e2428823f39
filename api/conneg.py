"""Content negotiation as pure functions: parse ``Accept`` and pick the best of what is offered.

A client sends the same ``Accept`` header with every request, and a route offers the same media
types every time, so :func:`negotiate` remembers its recent choices (parsing the header was a few
per cent of a point lookup's time in the web process).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Choices remembered, and the longest header remembered (a longer one is negotiated each time).
REMEMBERED = 512
REMEMBERED_HEADER = 1024


@dataclass(frozen=True)
class MediaRange:
    type: str  # "text", "*"
    subtype: str  # "turtle", "*"
    q: float
    order: int  # position in the header, to break ties

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an ``Accept`` header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        kind, _, sub = fields[0].lower().partition("/")
        if not kind:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(kind, sub or "*", q, i))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The q-value the client gives ``media_type``: that of the most specific range matching it."""
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    return max(matching, key=lambda r: (r.specificity, -r.order)).q


def negotiate(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers (ties go to the order of ``offered``), or None
    when the client accepts none of them."""
    if header is not None and len(header) > REMEMBERED_HEADER:
        return _negotiate(header, tuple(offered))
    return _remembered(header, tuple(offered))


def _negotiate(header: str | None, offered: tuple[str, ...]) -> str | None:
    ranges = parse_accept(header)
    best: tuple[float, int, int] | None = None
    choice = None
    for rank, media_type in enumerate(offered):
        q = quality(ranges, media_type)
        if q <= 0:
            continue
        explicit = max(
            (r.specificity for r in ranges if r.matches(media_type) and r.q == q), default=0
        )
        key = (q, explicit, -rank)
        if best is None or key > best:
            best, choice = key, media_type
    return choice


_remembered = lru_cache(maxsize=REMEMBERED)(_negotiate)
