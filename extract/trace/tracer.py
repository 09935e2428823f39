"""Carry-over tracing: for every mandate of a later plan, rank the mandates of every earlier plan as
its possible antecedents, and assert the ones that pass.

Signals, each in [0, 1]:

- ``names``: a named initiative, instrument or institution both texts name (the register's actors,
  the instruments of ``instruments.toml`` with their other names — the "Convención de Mérida" is the
  UN Convention against Corruption —, and any capitalised name of an initiative, plan, programme or
  forum printed the same way in both), weighted by how rare it is across the corpus;
- ``series``: the later text names a meeting of a series whose earlier meeting the earlier text
  names (II Reunión → III Reunión: a follow-up);
- ``lexical``: cosine similarity of the two texts' content lemmas and of the 6-letter pieces of
  their long lemmas (so that "alfabetización" meets "analfabetismo"), TF-IDF weighted, so that the
  genre's common words ("cooperación", "promover") count little and specific ones much;
- ``themes``: the share of themes the two have in common.

An explicit reference is asserted apart from the similarity: the later mandate refers to a meeting
already held ("dar seguimiento a los resultados de la I Reunión…", "de conformidad con la
Declaración de Quito adoptada en la II Reunión de Ministros de Finanzas") of a series that the
earlier mandate called — by convening one of its meetings, by calling meetings ("Promover la
realización de reuniones regionales…") in an area whose words name the series' subject, or by
entrusting the body whose meetings they are ("Encomendar a los Ministros de Finanzas…").
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extract.records import Area, Mandate, Plan
from extract.text import fold

METHOD = "celac-kg tracer"
VERSION = "0.1"
INSTRUMENTS = Path(__file__).resolve().parent / "instruments.toml"

# The decision, chosen on the annotated set (tests/data/continuations-dev.toml); see the README.
WEIGHTS = {"names": 0.35, "series": 0.25, "lexical": 0.55, "themes": 0.20}
THRESHOLD = 0.45
GRAM = 6  # letters in the pieces of long lemmas compared besides the lemmas
TOP = 3  # candidates kept per later mandate, and the most antecedents asserted for one
REITERATES = 0.55  # lexical similarity from which a link "reiterates"

# A mandate calls meetings where a calling verb governs a meeting noun ("Promover la realización de
# reuniones regionales", "Realizar reuniones regionales", "propiciar la realización de reuniones").
_CALLS = re.compile(
    r"\b(?:realizar|realización de|celebrar|celebración de|convocar|efectuar|organizar)\s+"
    r"(?:\w+\s+){0,3}?(?:reuni[oó]n|reuniones|encuentros?|foros?|conferencias?)\b",
    re.IGNORECASE,
)
# Words of a series' name that say nothing of its subject.
SERIES_NOISE = frozenset(
    "reunion reuniones ministros ministras ministerial celac comunidad estados latinoamericanos caribenos "
    "autoridades altos funcionarios sobre regional regionales foro cumbre conferencia encuentro "
    "china-celac celac-china china celac-ue".split()
)


def stems(words: Iterable[str]) -> set[str]:
    """First six letters of each folded word: "migración" and "migraciones" meet."""
    return {fold(w)[:GRAM] for w in words if len(w) > 2}


_HEADS = (
    "Iniciativa|Convención|Convenio|Plan|Programa|Agenda|Declaración|Estrategia|Marco|Fondo|"
    "Protocolo|Carta|Resolución|Año|Red|Portal|Observatorio|Corredor|Sistema|Mecanismo|Espacio|"
    "Foro|Grupo|Centro|Agencia|Instituto|Diálogo|Alianza|Plataforma|Proyecto|Premio"
)
_NAME = re.compile(
    rf"\b(?:{_HEADS})(?:\s+(?:(?:de|del|la|las|los|el|y|sin|para|sobre|contra|en|a)\s+)*"
    r"(?:[A-ZÁÉÍÓÚÑ][\w\-–]*|\d{4}))+"
)


@dataclass(frozen=True)
class Instrument:
    key: str
    label: str
    names: tuple[str, ...]


def read_instruments(path: Path = INSTRUMENTS) -> list[Instrument]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Instrument(i["key"], i["label"], tuple(i["names"])) for i in data.get("instrument", [])]


@dataclass
class Item:
    """What the tracer knows of one mandate."""

    plan: int  # the plan's rank in date order
    mandate: Mandate
    names: dict[str, str]  # key → readable name
    series: dict[str, set[int]]  # series → ordinals named
    lemmas: Counter[str]
    themes: set[str]
    convened: set[str]  # keys of meetings it convenes
    referred: set[str]  # keys of meetings it refers to
    referred_series: set[str] = field(default_factory=set)  # series of meetings already held
    convened_series: set[str] = field(default_factory=set)
    calls_meetings: bool = False  # "Promover la realización de reuniones regionales…"
    context: set[str] = field(default_factory=set)  # stems of its area's heading and mandates
    bodies: set[str] = field(default_factory=set)  # folded names of the actors it involves


@dataclass
class Link:
    """A candidate antecedent, with its score and the evidence for it."""

    later: Mandate
    earlier: Mandate
    score: float
    rank: int
    kind: str
    explicit: bool
    asserted: bool
    evidence: list[str] = field(default_factory=list)
    signals: dict[str, float] = field(default_factory=dict)


def _meeting_key(m: object) -> str:
    series = getattr(m, "series", None)
    ordinal = getattr(m, "ordinal", None)
    return f"{fold(series)}/{ordinal}" if series and ordinal else fold(getattr(m, "label", ""))


def _same_series(a: str, b: str) -> bool:
    """Two series names that differ by a word or two ("Reunión del Foro China-CELAC" and
    "Reunión Ministerial del Foro China-CELAC")."""
    wa, wb = (
        set(re.findall(r"\w+", a)) - {"de", "del", "la", "el"},
        set(re.findall(r"\w+", b)) - {"de", "del", "la", "el"},
    )
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.6


class Tracer:
    """Ranks and decides; one instance per build."""

    def __init__(
        self,
        plans: Sequence[Plan],
        themes: Mapping[int, list[str]] | None = None,
        instruments: Sequence[Instrument] | None = None,
        speakers: Iterable[str] = ("celac",),
    ) -> None:
        self.plans = list(plans)
        self.themes = themes or {}
        self.instruments = list(instruments if instruments is not None else read_instruments())
        self.speakers = set(speakers)
        self.items: list[Item] = []
        for rank, plan in enumerate(self.plans):
            for area in plan.all_areas():
                context = self._area_names(area)
                words = re.findall(
                    r"\w+", " ".join([area.title.text, *(m.text for m in area.mandates)])
                )
                for mandate in area.mandates:
                    item = self._item(rank, mandate, context)
                    item.context = stems(words)
                    self.items.append(item)
        self.df = Counter(lemma for item in self.items for lemma in set(item.lemmas))
        self.name_df = Counter(key for item in self.items for key in item.names)
        self.n = len(self.items)
        self._callers: dict[int, set[int]] = {}

    # -- what each mandate names ------------------------------------------------------------------

    def _names_in(self, text: str) -> dict[str, str]:
        found: dict[str, str] = {}
        folded = fold(text)
        for instrument in self.instruments:
            if any(fold(n) in folded for n in instrument.names):
                found[f"instrument:{instrument.key}"] = instrument.label
        for m in _NAME.finditer(text):
            name = m.group(0)
            if len(name.split()) >= 2:
                found.setdefault(f"name:{fold(name)}", name)
        return found

    def _area_names(self, area: Area) -> dict[str, str]:
        names: dict[str, str] = {}
        for passage, mentions in area.found:
            names.update(self._names_in(passage.text))
            for a in mentions.actors:
                if a.key not in self.speakers:
                    names[f"actor:{a.key}"] = a.text
        return names

    def _item(self, rank: int, mandate: Mandate, context: dict[str, str]) -> Item:
        found = mandate.found
        names = self._names_in(mandate.text)
        for a in found.actors:
            if a.key not in self.speakers:
                names[f"actor:{a.key}"] = a.text
        series: dict[str, set[int]] = {}
        for m in found.meetings:
            if m.series:
                series.setdefault(fold(m.series), set()).add(m.ordinal or 0)
        # What the area's heading and objective name is context: weaker, but it counts
        # ("Foro Ministerial CELAC-China" heads the projects that prepare it).
        for key, name in context.items():
            names.setdefault(f"context:{key}", name)
        features = Counter(found.lemmas)
        for lemma in found.lemmas:
            if len(lemma) >= GRAM + 1:
                features.update(f"~{lemma[i : i + GRAM]}" for i in range(len(lemma) - GRAM + 1))
        return Item(
            plan=rank,
            mandate=mandate,
            names=names,
            series=series,
            lemmas=features,
            themes=set(self.themes.get(id(mandate), [])),
            convened={_meeting_key(m) for m in found.meetings if m.status == "convenes"},
            referred={_meeting_key(m) for m in found.meetings if m.status == "refersTo"},
            referred_series={
                fold(m.series) for m in found.meetings if m.status == "refersTo" and m.series
            },
            convened_series={
                fold(m.series) for m in found.meetings if m.status == "convenes" and m.series
            },
            calls_meetings=bool(_CALLS.search(mandate.text)),
            bodies={fold(a.text) for a in found.actors} | {fold(a.key) for a in found.actors},
        )

    # -- signals ------------------------------------------------------------------------------------

    def _idf(self, lemma: str) -> float:
        return math.log((1 + self.n) / (1 + self.df[lemma])) + 1

    def _vector(self, item: Item) -> dict[str, float]:
        return {lemma: count * self._idf(lemma) for lemma, count in item.lemmas.items()}

    def _names(self, later: Item, earlier: Item) -> tuple[float, list[str]]:
        shared: list[tuple[float, str]] = []
        for key, name in later.names.items():
            base = key.removeprefix("context:")
            match = key if key in earlier.names else None
            if match is None:
                match = next((k for k in (base, f"context:{base}") if k in earlier.names), None)
            if match is None:
                continue
            rarity = 1.0 / math.sqrt(max(1, self.name_df[key] + self.name_df[f"context:{base}"]))
            weight = rarity * (
                0.5 if key.startswith("context:") or match.startswith("context:") else 1.0
            )
            shared.append((weight, name))
        if not shared:
            return 0.0, []
        shared.sort(reverse=True)
        score = min(1.0, sum(w for w, _ in shared[:3]) * 2)
        names: list[str] = []
        for _, name in shared:
            if name not in names:
                names.append(name)
        return score, names[:4]

    @staticmethod
    def _series(later: Item, earlier: Item) -> tuple[float, list[str]]:
        for series, ordinals in later.series.items():
            if series in earlier.series:
                before = [o for o in earlier.series[series] if o and o < max(ordinals)]
                return (1.0 if before else 0.6), [series]
        return 0.0, []

    def score(self, later: Item, earlier: Item, vectors: Mapping[int, dict[str, float]]) -> Link:
        a, b = vectors[id(later)], vectors[id(earlier)]
        dot = sum(w * b[k] for k, w in a.items() if k in b)
        norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
        lexical = dot / norm if norm else 0.0
        names, shared_names = self._names(later, earlier)
        series, shared_series = self._series(later, earlier)
        themes = (
            len(later.themes & earlier.themes) / len(later.themes | earlier.themes)
            if later.themes and earlier.themes
            else 0.0
        )
        signals = {"names": names, "series": series, "lexical": lexical, "themes": themes}
        total = min(1.0, sum(WEIGHTS[k] * v for k, v in signals.items()))
        explicit = bool(later.referred & earlier.convened) or id(earlier) in self._callers.get(
            id(later), set()
        )
        terms = sorted(
            (k for k in a if k in b and not k.startswith("~")),
            key=lambda k: a[k] * b[k],
            reverse=True,
        )[:6]
        evidence = []
        if explicit:
            evidence.append("refers to a meeting the earlier mandate called")
        if shared_series:
            evidence.append("same meeting series: " + ", ".join(shared_series))
        if shared_names:
            evidence.append("shared names: " + "; ".join(shared_names))
        if terms:
            evidence.append("shared terms: " + ", ".join(terms))
        if later.themes & earlier.themes:
            evidence.append("shared themes: " + ", ".join(sorted(later.themes & earlier.themes)))
        if not evidence and lexical > 0:
            pieces = sorted(
                (k[1:] for k in a if k in b and k.startswith("~")), key=len, reverse=True
            )
            evidence.append(
                f"similar wording (lexical similarity {lexical:.2f}): " + ", ".join(pieces[:6])
            )
        kind = (
            "followsUp"
            if explicit or series >= 1.0
            else "reiterates"
            if lexical >= REITERATES
            else "reformulates"
            if names > 0 or series > 0
            else "extends"
        )
        return Link(
            later.mandate,
            earlier.mandate,
            round(total, 4),
            0,
            kind,
            explicit,
            False,
            evidence,
            signals,
        )

    @staticmethod
    def _called(series: str, earlier: Item) -> float:
        """How surely ``earlier`` called the meetings of ``series`` (see the module's docstring):
        3 it convened one of them, 2 it entrusts the body whose meetings they are, 1 + overlap it
        called meetings in an area that speaks of the series' subject; 0 not at all."""
        if any(_same_series(series, other) for other in earlier.convened_series):
            return 3.0
        # A body whose meetings make the series has a name of several words ("Ministros de
        # Finanzas"); a single word here is a party ("China") or an acronym, not the body that meets.
        if any(" " in body and body in series for body in earlier.bodies):
            return 2.0
        subject = stems(w for w in re.findall(r"\w+", series) if w not in SERIES_NOISE)
        if earlier.calls_meetings and subject:
            overlap = len(subject & earlier.context) / len(subject)
            return 1.0 + overlap if overlap >= 0.5 else 0.0
        return 0.0

    def _find_callers(self) -> dict[int, set[int]]:
        """For each later mandate, the earlier mandate that best called each series it refers to."""
        callers: dict[int, set[int]] = {}
        for later in self.items:
            for series in later.referred_series:
                scored = [(self._called(series, e), e) for e in self.items if e.plan < later.plan]
                best = max((sc for sc, _ in scored), default=0.0)
                if best > 0:
                    callers.setdefault(id(later), set()).update(
                        id(e) for sc, e in scored if sc == best
                    )
        return callers

    # -- the decision -----------------------------------------------------------------------------

    def trace(self) -> list[Link]:
        """The top candidates of every later mandate, ranked; the asserted ones marked."""
        vectors = {id(item): self._vector(item) for item in self.items}
        self._callers = self._find_callers()
        links: list[Link] = []
        for later in self.items:
            if later.plan == 0:
                continue
            scored = (self.score(later, e, vectors) for e in self.items if e.plan < later.plan)
            # A candidate shares something checkable with the mandate, or it is no candidate.
            candidates = [link for link in scored if link.evidence]
            candidates.sort(key=lambda link: (-link.explicit, -link.score))
            for rank, link in enumerate(candidates[:TOP], start=1):
                link.rank = rank
                link.asserted = link.explicit or link.score >= THRESHOLD
                links.append(link)
        return links
