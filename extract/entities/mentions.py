"""What the entity pipeline finds in a text, as plain records with character offsets.

Offsets (``start``, ``end``) are into the text the pipeline was given — a mandate's clean text —
so a passage's ``sub(start, end)`` turns them into exact source offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "days", "month", "quarter", "semester", "year", "years"]
Status = Literal["convenes", "refersTo"]


@dataclass(frozen=True)
class DateMention:
    """A date as precisely as the text gives it: an interval of days plus its EDTF form.

    "13 y 14 de mayo de 2014" → 2014-05-13..2014-05-14, EDTF "2014-05-13/2014-05-14", precision "days";
    "segundo semestre de 2014" → 2014-07-01..2014-12-31, EDTF "2014-41", precision "semester";
    "primer trimestre del año 2014" → 2014-01-01..2014-03-31, EDTF "2014-33", precision "quarter".
    """

    start: int
    end: int
    text: str
    begins: date
    ends: date
    edtf: str
    precision: Precision


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: a city and/or a country, by their keys in ``places.toml``."""

    start: int
    end: int
    text: str
    city: str | None
    country: str | None


@dataclass(frozen=True)
class MeetingMention:
    """A meeting named in the text.

    ``name`` is the name as printed ("II Reunión de Ministros de Desarrollo Social y Erradicación
    del Hambre y la Pobreza"); ``label`` is normalised (ordinal as a roman numeral, whitespace and
    case tidied); ``series`` is the series' normalised name without the ordinal ("Reunión de
    Ministros de Desarrollo Social y Erradicación del Hambre y la Pobreza") or None for a one-off
    event; ``status`` is "convenes" (the mandate calls it) or "refersTo" (already held).
    """

    start: int
    end: int
    name: str
    label: str
    kind: str
    ordinal: int | None
    series: str | None
    status: Status
    place: PlaceMention | None = None
    date: DateMention | None = None


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the text, by its key.

    An actor of the register (``register.toml``) has only its key. One the register does not hold
    carries what the text says of it: ``label`` (an organisation's name as printed; a descriptive
    body's description), ``acronym`` where the text gives one, and ``kind`` ("organisation" for an
    organisation found by the genre's patterns, "descriptive-body" for a body without a proper
    name, such as "un Grupo de Trabajo Ad Hoc").
    """

    start: int
    end: int
    text: str
    key: str
    label: str | None = None
    acronym: str | None = None
    kind: str | None = None


@dataclass
class Mentions:
    """Everything the pipeline found in one text."""

    meetings: list[MeetingMention] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    # The lemmas of the content words (nouns, proper nouns, verbs, adjectives), lower case, in order.
    lemmas: list[str] = field(default_factory=list)
