"""The flow of themes across the plans, as an alluvial picture drawn on the server (SVG).

Each plan is a column; each theme a bar in it, as tall as the plan's mandates with that theme.
A band joins a theme to the same theme in the next plan: on the left it is as wide as the
earlier mandates continued (asserted or probable links), on the right as the later mandates that
continue them. The most frequent themes get bars of their own, the rest share one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.pages import language
from api.pages.catalog import Catalog, catalog
from api.pages.columns import HEADER, WIDTH, Column, columns
from api.pages.display import calm, shorten
from api.pages.links import pair_url
from api.pages.messages import Translator
from api.pages.page import render
from api.pages.tiers import Lineage, lineage
from graph.store import Store

OTHER = "other"
THEMES_SHOWN = 20  # bars of their own; the rest share one
UNIT = 3.0  # height of one mandate
MIN_BAR = 16.0  # room for a 12-unit label beside the smallest bar
GAP = 6.0
BAR = 12.0
INSET = 16.0  # from a column's left edge to its bars
LABEL_CHARS = 30
MARGIN = 24.0


@dataclass(frozen=True)
class Bar:
    plan: str  # id
    group: str  # theme IRI or OTHER
    label: str
    x: float
    y: float
    height: float
    count: int
    tooltip: str
    href: str


@dataclass(frozen=True)
class Band:
    group: str
    path: str
    earlier: int
    later: int
    tooltip: str
    href: str
    colour: int  # index into the palette


@dataclass(frozen=True)
class FlowPicture:
    width: float
    height: float
    columns: list[Column]
    bars: list[Bar]
    bands: list[Band]
    groups: list[tuple[str, str]]  # (key, label), top to bottom


def groups(cat: Catalog) -> list[str]:
    """The themes with bars of their own, most mandates first, then OTHER if any is left."""
    counts: dict[str, int] = defaultdict(int)
    for m in cat.mandates.values():
        for theme in m.themes:
            counts[theme] += 1
    ranked = sorted(counts, key=lambda t: (-counts[t], t))
    shown = ranked[:THEMES_SHOWN]
    return shown + ([OTHER] if len(ranked) > THEMES_SHOWN else [])


def flow(cat: Catalog, found: Lineage, t: Translator) -> FlowPicture:
    """The alluvial picture of ``cat``'s themes in ``t``'s language."""
    lang = t.lang
    keys = groups(cat)
    own = set(keys) - {OTHER}

    def of(themes: tuple[str, ...]) -> set[str]:
        out = {th for th in themes if th in own}
        if any(th not in own for th in themes) and OTHER in keys:
            out.add(OTHER)
        return out

    label = {k: t("other themes") if k == OTHER else calm(cat.label(k, lang)) for k in keys}
    cols = columns(cat, lang)
    count: dict[tuple[int, str], int] = defaultdict(int)
    for m in cat.mandates.values():
        for g in of(m.themes):
            count[(cat.plan(m.plan).order, g)] += 1
    # Bars: one stack per column, the groups in the same order everywhere.
    bars: dict[tuple[int, str], Bar] = {}
    bottom = 0.0
    for i, col in enumerate(cols):
        y = HEADER + MARGIN
        for g in keys:
            n = count.get((i, g), 0)
            if not n:
                continue
            h = max(MIN_BAR, n * UNIT)
            bars[(i, g)] = Bar(
                col.id,
                g,
                shorten(label[g], LABEL_CHARS),
                col.x + INSET,
                y,
                h,
                n,
                t.ngettext(
                    "%(theme)s in %(plan)s: %(num)s mandate",
                    "%(theme)s in %(plan)s: %(num)s mandates",
                    n,
                    theme=label[g],
                    plan=col.id,
                ),
                "" if g == OTHER else g,
            )
            y += h + GAP
        bottom = max(bottom, y)
    # Bands between consecutive plans, for each group.
    plan_order = {p.iri: p.order for p in cat.plans}
    earlier_of: dict[tuple[int, str], set[str]] = defaultdict(set)
    later_of: dict[tuple[int, str], set[str]] = defaultdict(set)
    for k in found.links:
        if not k.linked or k.later not in cat.mandates or k.earlier not in cat.mandates:
            continue
        a, b = cat.mandates[k.earlier], cat.mandates[k.later]
        i = plan_order[a.plan]
        if plan_order[b.plan] != i + 1:
            continue
        # A band joins a theme to itself: the two mandates share the theme (a mandate of one
        # "other" theme continued by one of another is not a flow of either).
        for g in of(tuple(set(a.themes) & set(b.themes))):
            earlier_of[(i, g)].add(a.iri)
            later_of[(i, g)].add(b.iri)
    bands = []
    for (i, g), earlier in sorted(earlier_of.items()):
        left, right = bars[(i, g)], bars[(i + 1, g)]
        e, n = len(earlier), len(later_of[(i, g)])
        x1, x2 = left.x + BAR, right.x
        top1, top2 = left.y, right.y
        bot1 = top1 + min(left.height, e * UNIT)
        bot2 = top2 + min(right.height, n * UNIT)
        mid = (x1 + x2) / 2
        path = (
            f"M{x1:.1f},{top1:.1f} C{mid:.1f},{top1:.1f} {mid:.1f},{top2:.1f} {x2:.1f},{top2:.1f} "
            f"L{x2:.1f},{bot2:.1f} C{mid:.1f},{bot2:.1f} {mid:.1f},{bot1:.1f} {x1:.1f},{bot1:.1f} Z"
        )
        bands.append(
            Band(
                g,
                path,
                e,
                n,
                t.ngettext(
                    "%(theme)s: %(num)s mandate of %(from_plan)s continued by %(later)s of %(to_plan)s",
                    "%(theme)s: %(num)s mandates of %(from_plan)s continued by %(later)s of %(to_plan)s",
                    e,
                    theme=label[g],
                    from_plan=cols[i].id,
                    later=n,
                    to_plan=cols[i + 1].id,
                ),
                pair_url(cols[i + 1].id, cols[i].id),
                keys.index(g) % 8,
            )
        )
    return FlowPicture(
        WIDTH,
        bottom + MARGIN,
        cols,
        sorted(bars.values(), key=lambda b: (b.x, b.y)),
        bands,
        [(g, label[g]) for g in keys],
    )


def table(picture: FlowPicture) -> list[tuple[str, list[int], list[str]]]:
    """The figure's numbers: for each group, its mandates in each plan and its bands' widths."""
    by_bar = {(b.plan, b.group): b.count for b in picture.bars}
    ids = [c.id for c in picture.columns]
    out = []
    for g, label in picture.groups:
        counts = [by_bar.get((plan, g), 0) for plan in ids]
        steps = []
        for i in range(len(ids) - 1):
            band = next(
                (
                    b
                    for b in picture.bands
                    if b.group == g and b.href == pair_url(ids[i + 1], ids[i])
                ),
                None,
            )
            steps.append(f"{band.earlier} → {band.later}" if band else "0")
        out.append((label, counts, steps))
    return out


def flow_page(request: Request, store: Store) -> HTMLResponse:
    """The themes across the plans."""
    lang = language.choose(request)
    t = Translator(lang)
    picture = flow(catalog(store), lineage(store), t)
    ids = [c.id for c in picture.columns]
    return render(
        request,
        "flow.html",
        {
            "picture": picture,
            "table": table(picture),
            "plan_ids": ids,
            "steps": [f"{a} → {b}" for a, b in zip(ids, ids[1:], strict=False)],
        },
    )
