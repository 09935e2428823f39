"""Carry-over tracing: for every mandate of a later plan, rank the mandates of every earlier plan as
its possible antecedents, and assert the ones that pass.

Signals, each in [0, 1]:

- ``names``: a named initiative, instrument or institution both texts name (the register's actors,
  the instruments of ``instruments.toml`` with their other names — the "Convención de Mérida" is the
  UN Convention against Corruption —, and any capitalised name of an initiative, plan, programme or
  forum printed the same way in both), weighted by how rare it is across the corpus;
- ``series``: the later text names a meeting of a series whose earlier meeting the earlier text
  names (II Reunión → III Reunión: a follow-up), or a meeting of a series the earlier text called
  (see below: "Realizar durante 2014 la Tercera Reunión de Ministros de Energía" after "Promover la
  realización de reuniones regionales" on energy);
- ``lexical``: cosine similarity of the two texts' content lemmas and of the 6-letter pieces of
  their long lemmas (so that "alfabetización" meets "analfabetismo"), TF-IDF weighted, so that the
  genre's common words ("cooperación", "promover") count little and specific ones much;
- ``coverage``: how much of the later text the earlier one holds — the IDF-weighted share of the
  later mandate's lemmas found in the earlier, whole or by a piece. A work-plan project of six
  words ("Promover movilidad académica, intercambio de estudiantes y profesores") sits whole inside
  a long commitment of 2014, which cosine similarity undervalues;
- ``area``: cosine similarity of the later mandate with the whole of the earlier mandate's area
  (its heading and all its mandates): a commitment often continues a line of work that the earlier
  plan states over several mandates;
- ``themes``: the share of themes the two have in common.

An explicit reference is asserted apart from the similarity: the later mandate refers to a meeting
already held ("dar seguimiento a los resultados de la I Reunión…", "de conformidad con la
Declaración de Quito adoptada en la II Reunión de Ministros de Finanzas"), or names an instrument
adopted at one ("el Plan de Acción de Lima": ``instruments.toml`` says where it was adopted), of a
series that the earlier mandate called. How surely an earlier mandate called a series, strongest
first: it convened one of the series' meetings; it entrusts the body whose meetings they are
("Encomendar a los Ministros de Finanzas…"); it calls meetings in general ("Promover la realización
de reuniones regionales…") under an area heading that names the series' subject; it does so in an
area whose text names that subject. A series that names a partner ("Foro … China-CELAC") is called
only by a mandate that involves that partner. Each series a later mandate refers to goes to the one
earlier mandate that called it most surely; ties go to the more similar of them.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extract.entities.register import read_register
from extract.records import Area, Mandate, Plan
from extract.text import fold

METHOD = "celac-kg tracer"
VERSION = "0.2"
INSTRUMENTS = Path(__file__).resolve().parent / "instruments.toml"

# The decision, chosen on the annotated set (tests/data/continuations-dev.toml); see the README.
WEIGHTS = {
    "names": 0.35,
    "series": 0.25,
    "lexical": 0.30,
    "coverage": 0.40,
    "area": 0.30,
    "themes": 0.20,
}
# A link is asserted when it is explicit, or when it is the best candidate in its earlier plan with
# a score of at least THRESHOLD and at least MARGIN times the score of the runner-up in that plan:
# a clear best, not one of several alike.
THRESHOLD = 0.35
MARGIN = 2.0
GRAM = 6  # letters in the pieces of long lemmas compared besides the lemmas
NAMES_GAIN = 1.5  # the rarity-weighted shared names that make the signal whole
PIECE = 0.8  # what a lemma met only by a piece ("alfabetización" in "analfabetismo") counts
TOP = 3  # candidates kept per later mandate, and the most antecedents asserted for one
REITERATES = 0.55  # lexical similarity from which a link "reiterates"

# A mandate calls meetings where a calling verb governs a meeting noun in the plural ("Promover la
# realización de reuniones regionales", "propiciar la realización de reuniones"): regular meetings,
# a series in the making. "Una reunión entre…" is one meeting, and calls no series.
_CALLS = re.compile(
    r"\b(?:realizar|realización de|celebrar|celebración de|convocar|efectuar|organizar)\s+"
    r"(?:\w+\s+){0,3}?(?:reuniones|encuentros|foros|conferencias)\b",
    re.IGNORECASE,
)
# Words of a series' name that say nothing of its subject.
SERIES_NOISE = frozenset(
    "reunion reuniones ministros ministras ministerial celac comunidad estados latinoamericanos caribenos "
    "autoridades altos funcionarios sobre regional regionales foro cumbre conferencia encuentro "
    "china-celac celac-china china celac-ue grupo trabajo sesion permanente".split()
)
# Words that join the words of a name.
_JOINERS = frozenset("de del la las los el y e o u sobre para en a con similares".split())


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


_NONE: dict[str, float] = {}


def _norm(v: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in v.values()))


def name_words(name: str) -> frozenset[str]:
    """The words of a folded name that carry meaning ("celac-china" and "china-celac" agree)."""
    return frozenset(re.findall(r"[a-z0-9]+", name)) - _JOINERS


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
    convened_once: set[str] = field(default_factory=set)  # names of one-off meetings it convenes
    calls_meetings: bool = False  # "Promover la realización de reuniones regionales…"
    context: set[str] = field(default_factory=set)  # stems of its area's heading and mandates
    heading: set[str] = field(default_factory=set)  # stems of its area's heading
    area: int = 0  # id() of its area
    mentions: Counter[str] = field(default_factory=Counter)  # stems of its area, counted
    heading_bodies: set[str] = field(
        default_factory=set
    )  # register bodies its area's heading names
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
    "Reunión Ministerial del Foro China-CELAC"), or of which one is the other with what the meeting
    was about added ("Reunión Ministerial del Foro China-CELAC sobre la Iniciativa de la Franja y la
    Ruta")."""
    for wa, wb in (
        (name_words(a), name_words(b)),
        (name_words(a.split(" sobre ", 1)[0]), name_words(b.split(" sobre ", 1)[0])),
    ):
        if wa and wb and len(wa & wb) / len(wa | wb) >= 0.6:
            return True
    return False


class Tracer:
    """Ranks and decides; one instance per build."""

    def __init__(
        self,
        plans: Sequence[Plan],
        themes: Mapping[int, list[str]] | None = None,
        instruments: Sequence[Instrument] | None = None,
        speakers: Iterable[str] = ("celac",),
        bodies: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """``bodies``: the register's organisations and partners (key → names; by default read
        from the register): a meeting series named after one of them is that body's."""
        self.plans = list(plans)
        self.themes = themes or {}
        self.instruments = list(instruments if instruments is not None else read_instruments())
        self.speakers = set(speakers)
        register = read_register()
        # States are parties, not bodies that meet: "China" names no forum by itself.
        self.states = {a.key for a in register.values() if a.kind.endswith("state")}
        self.partners = {a.key for a in register.values() if a.partner}
        if bodies is None:
            bodies = {a.key: [*a.names, *a.acronyms] for a in register.values()}
        self.bodies = {
            key: [re.compile(rf"\b{re.escape(fold(n))}\b") for n in names if len(n) > 2]
            for key, names in bodies.items()
            if key not in self.speakers
        }
        self._owners: dict[str, set[str]] = {}
        self._norms: dict[int, float] = {}
        self._lemmas: dict[int, tuple[list[tuple[str, float, list[str]]], float]] = {}
        self.items: list[Item] = []
        for rank, plan in enumerate(self.plans):
            for area in plan.all_areas():
                context = self._area_names(area)
                words = re.findall(
                    r"\w+", " ".join([area.title.text, *(m.text for m in area.mandates)])
                )
                heading = stems(re.findall(r"\w+", area.title.text))
                for mandate in area.mandates:
                    item = self._item(rank, mandate, context)
                    item.context = stems(words)
                    item.heading = heading
                    item.area = id(area)
                    item.mentions = Counter(fold(w)[:GRAM] for w in words if len(w) > 2)
                    item.heading_bodies = self._owners_of(fold(area.title.text))
                    self.items.append(item)
        self.df = Counter(lemma for item in self.items for lemma in set(item.lemmas))
        self.name_df = Counter(key for item in self.items for key in item.names)
        self.n = len(self.items)
        self._plan_of = {id(item.mandate): item.plan for item in self.items}
        self._areas: dict[int, dict[str, float]] = {}  # area → the sum of its mandates' vectors
        self._callers: dict[int, set[int]] = {}  # explicit: the series it refers to
        self._followed: dict[int, set[int]] = {}  # the series it convenes

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
        adopted = {
            i.adopted_at
            for i in self.instruments
            if i.adopted_at and f"instrument:{i.key}" in names
        }
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
            }
            | adopted,
            convened_series={
                fold(m.series) for m in found.meetings if m.status == "convenes" and m.series
            },
            convened_once={
                fold(m.name) for m in found.meetings if m.status == "convenes" and not m.series
            },
            # Convening a named meeting is not calling meetings in general.
            calls_meetings=bool(_CALLS.search(mandate.text))
            and not any(m.series for m in found.meetings if m.status == "convenes"),
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
        score = min(1.0, sum(w for w, _ in shared[:3]) * NAMES_GAIN)
        names: list[str] = []
        for _, name in shared:
            if name not in names:
                names.append(name)
        return score, names[:4]

    def _series(self, later: Item, earlier: Item) -> tuple[float, list[str]]:
        for series, ordinals in later.series.items():
            if series in earlier.series:
                before = [o for o in earlier.series[series] if o and o < max(ordinals)]
                return (1.0 if before else 0.6), [series]
        if id(earlier) in self._followed.get(id(later), set()):
            return 1.0, ["a meeting of the kind the earlier mandate called for"]
        return 0.0, []

    # Each vector's norm, and each later vector's lemmas with their weights and pieces, are
    # worked out once per trace (by the vector's id: the vectors live as long as the trace).

    def _cosine(self, a: Mapping[str, float], b: Mapping[str, float]) -> float:
        dot = sum(w * b[k] for k, w in a.items() if k in b)
        norms = self._norms
        na = norms[id(a)] if id(a) in norms else norms.setdefault(id(a), _norm(a))
        nb = norms[id(b)] if id(b) in norms else norms.setdefault(id(b), _norm(b))
        norm = na * nb
        return dot / norm if norm else 0.0

    def _coverage(self, a: Mapping[str, float], b: Mapping[str, float]) -> float:
        known = self._lemmas.get(id(a))
        if known is None:
            weights = [
                (
                    k,
                    self._idf(k),
                    [f"~{k[i : i + GRAM]}" for i in range(len(k) - GRAM + 1)]
                    if len(k) > GRAM
                    else [],
                )
                for k in a
                if not k.startswith("~")
            ]
            known = self._lemmas[id(a)] = (weights, sum(w for _, w, _ in weights))
        weights, total = known
        if not total:
            return 0.0
        held = 0.0
        for k, w, pieces in weights:
            if k in b:
                held += w
            elif pieces and any(p in b for p in pieces):
                held += PIECE * w
        return held / total

    def score(self, later: Item, earlier: Item, vectors: Mapping[int, dict[str, float]]) -> Link:
        a, b = vectors[id(later)], vectors[id(earlier)]
        lexical = self._cosine(a, b)
        coverage = self._coverage(a, b)
        area = self._cosine(a, self._areas.get(earlier.area, _NONE))
        names, shared_names = self._names(later, earlier)
        series, shared_series = self._series(later, earlier)
        themes = (
            len(later.themes & earlier.themes) / len(later.themes | earlier.themes)
            if later.themes and earlier.themes
            else 0.0
        )
        signals = {
            "names": names,
            "series": series,
            "lexical": lexical,
            "coverage": coverage,
            "area": area,
            "themes": themes,
        }
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

    def _called(self, series: str, earlier: Item, convened: bool = False) -> tuple[int, float]:
        """How surely ``earlier`` called the meetings of ``series`` (see the module's docstring): 4 it
        convened one of them, 3 it entrusts the body whose meetings they are, 2 it calls meetings
        under a heading naming the series' subject, 1 in an area whose text names it; 0 not at all.
        The second number is the share of the subject's words found. For a meeting the later
        mandate convenes (``convened``), a call for meetings under a heading that names the body
        whose meeting it is counts as 3: the work plan's "Foro Ministerial CELAC-China" area,
        whose projects prepare the Forum's meetings."""
        owners = self._owners_of(series)
        # A meeting with a partner ("Foro de Rectores de Universidades China-CELAC") is called only
        # by a mandate that involves that partner.
        if owners & self.partners - (earlier.bodies | earlier.heading_bodies):
            return 0, 0.0
        if any(_same_series(series, other) for other in earlier.convened_series):
            return 4, 1.0
        # A body whose meetings make the series has a name of several words ("Ministros de
        # Finanzas"); a single word here is a party ("China") or an acronym, not the body that meets.
        # It is the body of the series when its name and the series' name say the same ("Ministros
        # de Finanzas o similares" for the "Reunión de Ministros de Finanzas"; the "Foro
        # CELAC-China" is not the body of the "Foro de Ministros de Agricultura China-CELAC", nor
        # MERCOSUR's "Reunión de Defensa Civil y Asistencia Humanitaria" that of a CELAC meeting
        # on humanitarian assistance).
        words = name_words(series)
        subject_words = {w for w in words if w not in SERIES_NOISE}
        for body in earlier.bodies:
            mine = name_words(body)
            shared = mine & words
            if " " in body and len(shared) >= 2 and subject_words <= mine <= words | SERIES_NOISE:
                return 3, 1.0
        # A series named after a body of the register ("Foro de Ministros de Agricultura
        # China-CELAC", "Reunión de Mecanismos Internacionales de Asistencia Humanitaria") is that
        # body's: a call for meetings calls it only under a heading that names the body (the
        # work plan's "Foro Ministerial CELAC-China" area, whose projects prepare its meetings).
        if owners:
            heading = (
                convened
                and earlier.calls_meetings
                and (owners & earlier.heading_bodies) - self.states
            )
            return (3, 0.5) if heading else (0, 0.0)
        subject = stems(
            w for w in re.findall(r"\w+", series) if w not in SERIES_NOISE and w not in _JOINERS
        )
        if not (earlier.calls_meetings and subject):
            return 0, 0.0
        in_heading = len(subject & earlier.heading) / len(subject)
        if in_heading >= 0.5:
            return 2, in_heading
        in_area = len(subject & earlier.context) / len(subject)
        if in_area < 1.0:
            return 0, 0.0
        # The more often the area names the subject, the more surely its meetings are about it.
        return 1, float(sum(earlier.mentions[s] for s in subject))

    def _owners_of(self, name: str) -> set[str]:
        """The register bodies a folded name names."""
        if name not in self._owners:
            self._owners[name] = {
                key
                for key, patterns in self.bodies.items()
                if any(p.search(name) for p in patterns)
            }
        return self._owners[name]

    def _find_callers(
        self, vectors: Mapping[int, dict[str, float]], referred: bool = True
    ) -> dict[int, set[int]]:
        """For each later mandate, the earlier mandate that best called each series it refers to
        (or, with ``referred`` false, each series it convenes)."""
        callers: dict[int, set[int]] = {}
        for later in self.items:
            named = (
                later.referred_series if referred else later.convened_series | later.convened_once
            )
            for series in sorted(named):
                scored = [
                    (self._called(series, e, convened=not referred), e)
                    for e in self.items
                    if e.plan < later.plan
                ]
                # In each earlier plan, the mandate that called the series most surely.
                by_plan: dict[int, list[tuple[tuple[int, float], Item]]] = {}
                for sc, e in scored:
                    if sc[0] > 0:
                        by_plan.setdefault(e.plan, []).append((sc, e))
                for in_plan in by_plan.values():
                    best = max(sc for sc, _ in in_plan)
                    tied = [e for sc, e in in_plan if sc == best]
                    # Ties (one sentence printed under several headings) go to the most similar.
                    chosen = max(tied, key=lambda e: self.score(later, e, vectors).score)
                    callers.setdefault(id(later), set()).add(id(chosen))
        return callers

    # -- the decision -----------------------------------------------------------------------------

    def trace(self) -> list[Link]:
        """The top candidates of every later mandate, ranked; the asserted ones marked."""
        vectors = {id(item): self._vector(item) for item in self.items}
        self._norms.clear()
        self._lemmas.clear()
        self._areas = {}
        for item in self.items:
            whole = self._areas.setdefault(item.area, {})
            for k, w in vectors[id(item)].items():
                if not k.startswith("~"):
                    whole[k] = whole.get(k, 0.0) + w
        self._followed = self._find_callers(vectors, referred=False)
        self._callers = self._find_callers(vectors)
        links: list[Link] = []
        for later in self.items:
            if later.plan == 0:
                continue
            scored = (self.score(later, e, vectors) for e in self.items if e.plan < later.plan)
            # A candidate shares something checkable with the mandate, or it is no candidate.
            candidates = [link for link in scored if link.evidence]
            candidates.sort(key=lambda link: (-link.explicit, -link.score))
            for rank, link in enumerate(candidates, start=1):
                link.rank = rank
                link.asserted = link.explicit
            by_plan: dict[int, list[Link]] = {}
            for link in candidates:
                by_plan.setdefault(self._plan_of[id(link.earlier)], []).append(link)
            for in_plan in by_plan.values():
                best = max(in_plan, key=lambda link: link.score)
                runner_up = max((x.score for x in in_plan if x is not best), default=0.0)
                if best.score >= THRESHOLD and best.score >= MARGIN * runner_up:
                    best.asserted = True
            links.extend(link for link in candidates if link.rank <= TOP or link.asserted)
        return links
