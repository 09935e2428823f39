"""The named things a mandate names, typed: instruments and initiatives (``instruments.toml`` and
capitalised names printed alike), register bodies, and how much each can weigh as evidence.

- Longest match: where one found name holds another ("Foro China - CELAC sobre Medicina
  Tradicional" holds "Foro China - CELAC"), only the longer counts — a sub-forum is not its parent.
- Generic names weigh nothing as evidence: the speaker itself (CELAC), states (the partner's name
  alone, "China"), bodies named as a class (``national-body`` in the register: "Bancos
  Centrales"), and the umbrella bodies of ``generic.toml`` (the UN as a whole, the pro tempore
  presidency).
- A body named only in support ("con el apoyo técnico de la FAO", "en coordinación con la CEPAL")
  is not what the mandate is about: it is kept apart, as ``support``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.entities.mentions import ActorMention
from extract.text import fold

HERE = Path(__file__).resolve().parent
INSTRUMENTS = HERE / "instruments.toml"
GENERIC = HERE / "generic.toml"

# Register kinds whose members are parties or classes, not the subject of a commitment.
GENERIC_KINDS = frozenset({"member-state", "extra-regional-state", "national-body"})

_HEADS = (
    "Iniciativa|Convención|Convenio|Plan|Programa|Agenda|Declaración|Estrategia|Marco|Fondo|"
    "Protocolo|Carta|Resolución|Año|Red|Portal|Observatorio|Corredor|Sistema|Mecanismo|Espacio|"
    "Foro|Grupo|Centro|Agencia|Instituto|Diálogo|Alianza|Plataforma|Proyecto|Premio"
)
# A head word and the capitalised words (or years) that follow it, joined by small words; a dash
# between two names ("China - CELAC") joins them.
NAME = re.compile(
    rf"\b(?:{_HEADS})(?:\s*[-–]\s*[A-ZÁÉÍÓÚÑ][\w]*|\s+(?:(?:de|del|la|las|los|el|y|sin|para|sobre|"
    r"contra|en|a)\s+)*(?:[A-ZÁÉÍÓÚÑ][\w\-–]*|\d{4}))+"
)
# The words before a body that say it only supports or accompanies the action.
SUPPORT = re.compile(
    r"(?:con el (?:apoyo|respaldo|acompañamiento)(?: técnico| financiero)?|"
    r"en coordinación con|en colaboración con|con la (?:participación|colaboración|asistencia"
    r"(?: técnica)?) de)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_SUPPORT_REACH = 80  # characters before a body where a support phrase may stand
_JOINERS = frozenset("de del la las los el y e o u sobre para en a con similares".split())


@dataclass(frozen=True)
class Instrument:
    """An instrument, initiative or institution the texts name in several ways."""

    key: str
    label: str
    names: tuple[str, ...]
    adopted_at: str | None = None  # the series of the meeting that adopted it, folded


def read_instruments(path: Path = INSTRUMENTS) -> list[Instrument]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [
        Instrument(
            i["key"],
            i["label"],
            tuple(i["names"]),
            fold(i["adopted_at"]) if i.get("adopted_at") else None,
        )
        for i in data.get("instrument", [])
    ]


def read_generic(path: Path = GENERIC) -> frozenset[str]:
    """The register keys of umbrella bodies that weigh nothing as shared evidence."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return frozenset(entry["key"] for entry in data.get("generic", []))


def name_words(name: str) -> frozenset[str]:
    """The words of a folded name that carry meaning ("celac-china" and "china-celac" agree)."""
    return frozenset(re.findall(r"[a-z0-9]+", name)) - _JOINERS


def longest(spans: Iterable[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Of overlapping (start, end, key, label) spans, the longest; the others are parts of it."""
    kept: list[tuple[int, int, str, str]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def names_in(text: str, instruments: Sequence[Instrument]) -> dict[str, str]:
    """The instruments and capitalised names of ``text`` (key → readable name), longest match."""
    folded = fold(text)
    spans: list[tuple[int, int, str, str]] = []
    for instrument in instruments:
        for n in instrument.names:
            for m in re.finditer(re.escape(fold(n)), folded):
                spans.append((m.start(), m.end(), f"instrument:{instrument.key}", instrument.label))
    # Offsets into the folded text: fold keeps one character per letter but may shorten spaces
    # and dashes, so names are found again in it by their own folded form.
    for m in NAME.finditer(text):
        name = m.group(0)
        if len(name.split()) < 2:
            continue
        key = fold(name)
        at = folded.find(key)
        if at >= 0:
            spans.append((at, at + len(key), f"name:{key}", name))
    return {key: label for _, _, key, label in longest(spans)}


def in_support(text: str, mention: ActorMention) -> bool:
    """Whether the text names the body only as support ("con el apoyo técnico de la FAO")."""
    before = text[max(0, mention.start - _SUPPORT_REACH) : mention.start]
    return SUPPORT.search(before) is not None


@dataclass(frozen=True)
class Bodies:
    """What the register says of bodies, for weighing them as evidence."""

    speakers: frozenset[str]
    generic: frozenset[str]  # keys that weigh nothing: speakers, states, classes, umbrellas

    @classmethod
    def from_register(
        cls, kinds: Mapping[str, str], speakers: Iterable[str], umbrellas: Iterable[str]
    ) -> Bodies:
        said = frozenset(speakers)
        generic = {k for k, kind in kinds.items() if kind in GENERIC_KINDS}
        return cls(said, frozenset(generic | said | set(umbrellas)))

    def actors(
        self, text: str, mentions: Iterable[ActorMention]
    ) -> tuple[dict[str, str], dict[str, str]]:
        """The specific bodies the text is about, and those it names only in support."""
        about: dict[str, str] = {}
        support: dict[str, str] = {}
        for a in mentions:
            if a.key in self.generic:
                continue
            (support if in_support(text, a) else about)[f"actor:{a.key}"] = a.text
        for key in about:
            support.pop(key, None)
        return about, support
