"""The home page: the plans on a timeline with their counts, the example questions (the canned
queries of ``queries/``), and the themes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.pages import language
from api.pages.catalog import Catalog, catalog
from api.pages.links import local, sparql_url
from api.pages.messages import Translator
from api.pages.page import render
from graph.store import Store

QUERIES = Path(__file__).resolve().parents[2] / "queries"
# The order the questions are asked in on the home page; other queries follow by name.
FIRST = ("plans", "lineage", "theme-across-plans", "actor-across-plans", "carried-over-by-theme")


@dataclass(frozen=True)
class PlanCard:
    iri: str
    href: str
    id: str
    label: str
    date: str | None
    year: int | None
    years: str  # what readers know it by: its period ("2022-2024"), else its year
    areas: int
    mandates: int
    continuations: int  # asserted continuations from this plan's mandates to earlier ones
    carried_on: int  # of its mandates, those a later plan continues (asserted)
    position: float  # 0–100: where its date falls on the timeline


@dataclass(frozen=True)
class Example:
    name: str  # the file's stem
    title: str
    description: str
    query: str
    url: str


@dataclass(frozen=True)
class Tick:
    year: int
    position: float


def parse_query(name: str, source: str) -> Example:
    """A canned query: its first comment line is its title, the others its description."""
    comments = []
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line.lstrip("#").strip())
    if not comments or not comments[0]:
        raise ValueError(f"the query {name}.rq has no title: its first line must be a # comment")
    return Example(name, comments[0], " ".join(comments[1:]), source, sparql_url(source))


@lru_cache(maxsize=4)
def examples(folder: Path = QUERIES) -> tuple[Example, ...]:
    """The canned queries in ``folder``, in the home page's order."""
    found = [parse_query(p.stem, p.read_text(encoding="utf-8")) for p in folder.glob("*.rq")]
    rank = {name: i for i, name in enumerate(FIRST)}
    found.sort(key=lambda e: (rank.get(e.name, len(FIRST)), e.name))
    return tuple(found)


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def timeline(cat: Catalog, lang: str) -> tuple[list[PlanCard], list[Tick]]:
    dated = [p.date for p in cat.plans if p.date]
    first = date(_day(min(dated)).year, 1, 1) if dated else date(2008, 1, 1)
    last = date(_day(max(dated)).year + 1, 1, 1) if dated else date(2024, 1, 1)
    span = (last - first).days or 1
    cards = []
    for p in cat.plans:
        mandates = cat.mandates_by_plan.get(p.iri, [])
        cards.append(
            PlanCard(
                p.iri,
                local(p.iri),
                p.id,
                cat.label(p.iri, lang),
                p.date,
                p.year,
                p.years,
                len(cat.areas_by_plan.get(p.iri, [])),
                len(mandates),
                sum(len(cat.antecedents.get(m.iri, ())) for m in mandates),
                sum(1 for m in mandates if m.iri in cat.successors),
                100 * (_day(p.date) - first).days / span if p.date else 0.0,
            )
        )
    ticks = [
        Tick(year, 100 * (date(year, 1, 1) - first).days / span)
        for year in range(first.year, last.year + 1, 2)
    ]
    return cards, ticks


def said(t: Translator, text: str) -> tuple[str, str]:
    """``text`` (English, as the query file writes it) in ``t``'s language, and the language it
    is shown in: English where the catalog has no translation of it."""
    if not text:
        return "", t.lang
    shown = t(text)
    return shown, (t.lang if shown != text or t.lang == "en" else "en")


def context(cat: Catalog, t: Translator) -> dict[str, Any]:
    cards, ticks = timeline(cat, t.lang)
    counts = Counter(theme for m in cat.mandates.values() for theme in m.themes)
    # A canned query's title and description in the page's language (queries.po), else as written.
    questions = [(said(t, e.title), said(t, e.description), e) for e in examples() if e.title]
    return {
        "plans": cards,
        "ticks": ticks,
        "questions": questions,
        "themes": [
            (cat.label(theme, t.lang), local(theme), counts[theme])
            for theme in sorted(cat.themes, key=lambda th: -counts[th])
        ],
    }


def home_page(request: Request, store: Store) -> HTMLResponse:
    """The home page."""
    lang = language.choose(request)
    return render(request, "home.html", context(catalog(store), Translator(lang)))
