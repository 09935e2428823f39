"""What the tracer knows of each mandate: its names, series, meetings, lemmas, clauses, context."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from extract.records import Area, Mandate, Plan
from extract.text import fold
from extract.trace import lexical
from extract.trace.names import Bodies, Instrument, names_in
from extract.trace.series import CALLS, Aliases, Caller


@dataclass
class Item:
    """One mandate, as the tracer sees it."""

    plan: int  # the plan's rank in date order
    mandate: Mandate
    area: int  # position of its area among all areas
    names: dict[str, str]  # specific named things it is about: key → readable name
    context: dict[str, str]  # what its area's heading and objectives name
    support: dict[str, str]  # bodies named only in support
    series: dict[str, set[int]]  # series → ordinals named (0: none)
    lemmas: Counter[str]
    clauses: list[Counter[str]]
    spans: list[tuple[int, int]]  # the clauses' offsets in the text
    themes: set[str]
    convened: set[str]  # keys of meetings it convenes
    referred: set[str]  # keys of meetings it refers to
    referred_series: set[str]  # series of meetings already held, or of instruments adopted at one
    convened_series: set[str]
    convened_once: set[str]  # folded names of one-off meetings it convenes
    caller: Caller
    words: int = 0
    vector: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    clause_vectors: list[tuple[dict[str, float], float]] = field(default_factory=list)


def meeting_key(m: object) -> str:
    series = getattr(m, "series", None)
    ordinal = getattr(m, "ordinal", None)
    return f"{fold(series)}/{ordinal}" if series and ordinal else fold(getattr(m, "label", ""))


class Index:
    """Every mandate of the plans, as items, with the corpus-wide weights."""

    def __init__(
        self,
        plans: Sequence[Plan],
        themes: Mapping[int, list[str]],
        instruments: Sequence[Instrument],
        aliases: Aliases,
        bodies: Bodies,
        owners_of: Callable[[str], set[str]],
    ) -> None:
        self.instruments = list(instruments)
        self.aliases = aliases
        self.bodies = bodies
        self.owners_of = owners_of
        self.items: list[Item] = []
        self.area_vectors: list[tuple[dict[str, float], float]] = []
        area_lemmas: list[Counter[str]] = []
        n_area = 0
        for rank, plan in enumerate(plans):
            for area in plan.all_areas():
                context = self._area_names(area)
                words = re.findall(
                    r"\w+", " ".join([area.title.text, *(m.text for m in area.mandates)])
                )
                heading = frozenset(lexical.stems(re.findall(r"\w+", area.title.text)))
                mentions = Counter(fold(w)[: lexical.GRAM] for w in words if len(w) > 2)
                heading_bodies = frozenset(self._owners(fold(area.title.text)))
                whole: Counter[str] = Counter()
                for mandate in area.mandates:
                    item = self._item(
                        rank,
                        n_area,
                        mandate,
                        context,
                        set(themes.get(id(mandate), [])),
                        heading,
                        frozenset(lexical.stems(words)),
                        mentions,
                        heading_bodies,
                    )
                    whole.update(item.lemmas)
                    self.items.append(item)
                area_lemmas.append(whole)
                n_area += 1
        self.weights = lexical.Weights(item.lemmas for item in self.items)
        for item in self.items:
            item.vector = self.weights.vector(item.lemmas)
            item.norm = lexical.norm(item.vector)
            item.clause_vectors = [
                (v, lexical.norm(v)) for v in (self.weights.vector(c) for c in item.clauses)
            ]
        for whole in area_lemmas:
            v = self.weights.vector({k: c for k, c in whole.items() if not k.startswith("~")})
            self.area_vectors.append((v, lexical.norm(v)))
        self.name_df = Counter(key for item in self.items for key in {*item.names, *item.context})

    def _owners(self, name: str) -> set[str]:
        return self.owners_of(name)

    def _names(self, text: str) -> dict[str, str]:
        return names_in(self.aliases.expand(text), self.instruments)

    def _area_names(self, area: Area) -> dict[str, str]:
        names: dict[str, str] = {}
        for passage, mentions in area.found:
            names.update(self._names(passage.text))
            about, _ = self.bodies.actors(passage.text, mentions.actors)
            names.update(about)
        return names

    def _item(
        self,
        rank: int,
        area: int,
        mandate: Mandate,
        context: dict[str, str],
        themes: set[str],
        heading: frozenset[str],
        area_stems: frozenset[str],
        mentions: Counter[str],
        heading_bodies: frozenset[str],
    ) -> Item:
        found = mandate.found
        text = mandate.text
        names = self._names(text)
        about, support = self.bodies.actors(text, found.actors)
        names.update(about)
        adopted = {
            i.adopted_at
            for i in self.instruments
            if i.adopted_at and f"instrument:{i.key}" in names
        }
        series: dict[str, set[int]] = {}
        for m in found.meetings:
            if m.series:
                series.setdefault(fold(m.series), set()).add(m.ordinal or 0)
        for key, ordinals in self.aliases.series_in(text).items():
            series.setdefault(key, set()).update(ordinals)
        convened_series = {
            fold(m.series) for m in found.meetings if m.status == "convenes" and m.series
        }
        spans = lexical.clauses(text)
        clause_counts = (
            [lexical.clause_lemmas(text, s, found.lemmas) for s in spans] if len(spans) > 1 else []
        )
        return Item(
            plan=rank,
            mandate=mandate,
            area=area,
            names=names,
            context={k: v for k, v in context.items() if k not in names},
            support=support,
            series=series,
            lemmas=lexical.features(found.lemmas),
            clauses=clause_counts,
            spans=spans,
            themes=themes,
            convened={meeting_key(m) for m in found.meetings if m.status == "convenes"},
            referred={meeting_key(m) for m in found.meetings if m.status == "refersTo"},
            referred_series={
                fold(m.series) for m in found.meetings if m.status == "refersTo" and m.series
            }
            | adopted,
            convened_series=convened_series,
            convened_once={
                fold(m.name) for m in found.meetings if m.status == "convenes" and not m.series
            },
            caller=Caller(
                convened_series=frozenset(convened_series),
                bodies=frozenset(
                    {fold(a.text) for a in found.actors} | {fold(a.key) for a in found.actors}
                ),
                heading_bodies=heading_bodies,
                # Convening a named meeting is not calling meetings in general.
                calls_meetings=bool(CALLS.search(text))
                and not any(m.series for m in found.meetings if m.status == "convenes"),
                heading=heading,
                context=area_stems,
                mentions=dict(mentions),
            ),
            words=len(found.lemmas),
        )


def by_plan(items: Iterable[Item]) -> dict[int, list[Item]]:
    grouped: dict[int, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.plan, []).append(item)
    return grouped
