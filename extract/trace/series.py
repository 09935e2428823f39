"""Meeting series: which series a mandate names, and how surely an earlier mandate called one.

A series is the normalised name the meetings component gives (without the ordinal), or one of the
series of ``aliases.toml`` that the texts name in several ways (the CELAC foreign ministers'
meeting at each UN General Assembly, "AGONU" for short).

How surely an earlier mandate called a series, strongest first: 4 it convened one of the series'
meetings; 3 it entrusts the body whose meetings they are ("Encomendar a los Ministros de
Finanzas…"); 2 it calls meetings in general ("Promover la realización de reuniones regionales…")
under an area heading that names the series' subject; 1 it does so in an area whose text names the
subject. A series named after a body of the register is that body's, and a series that names a
partner ("Foro … China-CELAC") is called only by a mandate that involves that partner.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.text import fold
from extract.trace.lexical import stems
from extract.trace.names import name_words

ALIASES = Path(__file__).resolve().parent / "aliases.toml"

# A mandate calls meetings where a calling verb governs a meeting noun in the plural ("Promover la
# realización de reuniones regionales"): regular meetings, a series in the making.
CALLS = re.compile(
    r"\b(?:realizar|realización de|celebrar|celebración de|convocar|efectuar|organizar)\s+"
    r"(?:\w+\s+){0,3}?(?:reuniones|encuentros|foros|conferencias)\b",
    re.IGNORECASE,
)
# Words of a series' name that say nothing of its subject.
SERIES_NOISE = frozenset(
    "reunion reuniones ministros ministras ministerial celac comunidad estados latinoamericanos "
    "caribenos autoridades altos funcionarios sobre regional regionales foro cumbre conferencia "
    "encuentro china-celac celac-china china celac-ue grupo trabajo sesion permanente".split()
)
_JOINERS = frozenset("de del la las los el y e o u sobre para en a con similares".split())


@dataclass(frozen=True)
class Aliases:
    """Other names of things (``[[term]]``) and series named in several ways (``[[series]]``)."""

    terms: tuple[tuple[re.Pattern[str], str], ...]
    series: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]

    def expand(self, text: str) -> str:
        """The text with each term's other names written out ("AGONU" → the General Assembly)."""
        for pattern, name in self.terms:
            text = pattern.sub(name, text)
        return text

    def series_in(self, text: str) -> dict[str, set[int]]:
        """The aliased series a text names, each with the ordinals printed beside it."""
        folded = fold(self.expand(text))
        found: dict[str, set[int]] = {}
        for key, patterns in self.series:
            for p in patterns:
                for m in p.finditer(folded):
                    ordinal = m.groupdict().get("ordinal")
                    found.setdefault(key, set()).add(int(ordinal) if ordinal else 0)
        return found


def read_aliases(path: Path = ALIASES) -> Aliases:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    terms = tuple(
        (re.compile(rf"\b(?:{'|'.join(re.escape(n) for n in t['names'])})\b"), t["name"])
        for t in data.get("term", [])
    )
    series = tuple(
        (s["key"], tuple(re.compile(p) for p in s["patterns"])) for s in data.get("series", [])
    )
    return Aliases(terms, series)


def same_series(a: str, b: str) -> bool:
    """Two series names that differ by a word or two ("Reunión del Foro China-CELAC" and
    "Reunión Ministerial del Foro China-CELAC"), or of which one is the other with what the meeting
    was about added."""
    for wa, wb in (
        (name_words(a), name_words(b)),
        (name_words(a.split(" sobre ", 1)[0]), name_words(b.split(" sobre ", 1)[0])),
    ):
        if wa and wb and len(wa & wb) / len(wa | wb) >= 0.6:
            return True
    return False


@dataclass(frozen=True)
class Caller:
    """What of an earlier mandate bears on whether it called a series."""

    convened_series: frozenset[str]
    bodies: frozenset[str]  # folded names and keys of the actors it involves
    heading_bodies: frozenset[str]  # register bodies its area's heading names
    calls_meetings: bool
    heading: frozenset[str]  # stems of its area's heading
    context: frozenset[str]  # stems of its area's text
    mentions: dict[str, int]  # stems of its area's text, counted


def called(
    series: str, earlier: Caller, owners: set[str], partners: Iterable[str]
) -> tuple[int, float]:
    """How surely ``earlier`` called the meetings of ``series`` (4 … 0, see the module's
    docstring), and the share of the subject's words found as a tie-breaker. ``owners``: the
    register bodies the series' name names."""
    if owners & (set(partners) - (earlier.bodies | earlier.heading_bodies)):
        return 0, 0.0
    if any(same_series(series, other) for other in earlier.convened_series):
        return 4, 1.0
    # A body whose meetings make the series has a name of several words ("Ministros de
    # Finanzas"), and its name and the series' say the same.
    words = name_words(series)
    subject_words = {w for w in words if w not in SERIES_NOISE}
    for body in earlier.bodies:
        mine = name_words(body)
        if " " in body and len(mine & words) >= 2 and subject_words <= mine <= words | SERIES_NOISE:
            return 3, 1.0
    # A series named after a register body is that body's: a general call for meetings does not
    # call it.
    if owners:
        return 0, 0.0
    subject = stems(
        w for w in re.findall(r"\w+", series) if w not in SERIES_NOISE and w not in _JOINERS
    )
    if not (earlier.calls_meetings and subject):
        return 0, 0.0
    in_heading = len(subject & earlier.heading) / len(subject)
    if in_heading >= 0.5:
        return 2, in_heading
    if len(subject & earlier.context) < len(subject):
        return 0, 0.0
    # The more often the area names the subject, the more surely its meetings are about it.
    return 1, float(sum(earlier.mentions.get(s, 0) for s in subject))
