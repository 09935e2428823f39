"""The records extraction hands to the graph: plain data, no RDF.

A plan has areas (nested where the text nests sections); an area has its descriptive passages
(objectives, thematic axis, responsible body) and its mandates. Every text carries the passages it
was read from, one per source that holds it, so provenance is exact down to the character.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.entities.mentions import Mentions
from extract.text import Passage, Source


@dataclass
class Mandate:
    """A numbered, bulleted or listed commitment of a plan.

    ``passages`` holds the item as found in each source (the first is the one whose wording is the
    mandate's text); ``variants`` are other wordings of the same item in other sources; ``notes`` are
    footnotes attached to the item.
    """

    number: str | None
    passages: list[Passage]
    notes: list[Passage] = field(default_factory=list)
    # What the entity pipeline found in the text (offsets into ``passages[0].text``).
    found: Mentions = field(default_factory=Mentions)

    @property
    def text(self) -> str:
        return self.passages[0].text

    @property
    def sources(self) -> list[str]:
        return sorted({p.source for p in self.passages})

    @property
    def variants(self) -> list[Passage]:
        main = self.passages[0]
        return [p for p in self.passages[1:] if p.text != main.text]


@dataclass
class Area:
    """A heading of a plan under which mandates are listed: a decision area, a chapter, a section."""

    number: str | None
    title: Passage
    objectives: list[Passage] = field(default_factory=list)
    axis: list[Passage] = field(default_factory=list)
    responsible: list[Passage] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    # Every source passage of the heading (a reconciled area has one per source).
    titles: list[Passage] = field(default_factory=list)
    # What the entity pipeline found in the heading and the objectives, passage by passage.
    found: list[tuple[Passage, Mentions]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.titles:
            self.titles = [self.title]

    def passages(self) -> list[Passage]:
        """Every passage the area holds: headings, objectives, axis, body, and its mandates' texts
        and notes (not its sub-areas')."""
        found = [*self.titles, *self.objectives, *self.axis, *self.responsible]
        for m in self.mandates:
            found += [*m.passages, *m.notes]
        return found

    def walk(self) -> list[Area]:
        """This area and all its sub-areas, depth first, in document order."""
        found = [self]
        for sub in self.areas:
            found.extend(sub.walk())
        return found


@dataclass
class PlanPassage:
    """A passage of a plan that is no mandate: a preamble paragraph, a footnote, an area's objective
    or its responsible body. What the entity pipeline finds in it belongs to the passage and the
    plan (and the area, for an objective), never to a mandate."""

    kind: str  # "preamble", "footnote", "header" (a table's column header), "objective", "responsible"
    passage: Passage
    area: Area | None = None
    # What the entity pipeline found in the passage (offsets into ``passage.text``).
    found: Mentions = field(default_factory=Mentions)


PASSAGE_KINDS = ("preamble", "footnote", "header", "objective", "responsible")


@dataclass
class PlanSpec:
    """One ``[[plan]]`` table of ``plans.toml``."""

    id: str
    title: str
    sources: list[str]
    title_en: str | None = None
    date: str | None = None
    # The years the plan covers, as readers know it ("2022-2024"; manifest: period, else its title).
    period: str | None = None
    place: str | None = None
    adopted_at: str | None = None
    url: str | None = None
    layouts: dict[str, str] = field(default_factory=dict)
    slug: str = ""
    # Where the date was read, when the manifest gives none and the text does (plan_dates.py).
    date_passage: Passage | None = None

    def __post_init__(self) -> None:
        if not self.slug:
            self.slug = self.id.lower()


@dataclass
class Plan:
    """A plan: its manifest entry, its sources and its areas in document order."""

    spec: PlanSpec
    sources: list[Source]
    areas: list[Area]
    layouts: dict[str, str] = field(default_factory=dict)
    # The meeting that adopted the plan, as found in the passage that names it (manifest: adopted_at).
    adoption: tuple[Passage, Mentions] | None = None
    # Preambles, footnotes, objectives and responsible bodies, in the order of the sources.
    passages: list[PlanPassage] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.spec.id

    def all_areas(self) -> list[Area]:
        found: list[Area] = []
        for area in self.areas:
            found.extend(area.walk())
        return found

    def all_mandates(self) -> list[Mandate]:
        return [m for a in self.all_areas() for m in a.mandates]
