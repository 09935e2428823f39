"""A mandate's lineage: the continuations that tie it to the other plans, and their picture.

The lineage holds every carry-over link reachable from the mandate through relations — asserted
or probable, up to its antecedents and their antecedents, down to its successors and theirs — and
the mandate's own candidates that the tracer ranked without linking them. The picture puts each
plan in a column, in date order, and draws each relation from the earlier mandate to the later
one, labelled with its kind, its number and its tier (probable ones dashed); candidates are not a
relation and are not drawn (the page lists them apart).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from api.pages.catalog import Catalog
from api.pages.columns import HEADER, WIDTH, Column, columns
from api.pages.display import calm, shorten, wrap
from api.pages.links import local
from api.pages.tiers import ASSERTED, CANDIDATE, lineage
from graph.store import Store

CANDIDATES_SHOWN = 0  # candidates are not a relation: the picture draws none
NODE_WIDTH = 150  # in a column of WIDTH / plans; the gaps between columns hold the labels
NODE_HEIGHT = 80
PASS_HEIGHT = 22  # the slot of a link passing through a plan's column
NODE_GAP = 14
LABEL_GAP = 32  # two 12-unit lines and room between labels
LABEL_CHAR = 7.2  # the width of a character of a 12-unit label, generously
HEAD_CHARS = 21
LINE_CHARS = 21
MARGIN = 22


@dataclass(frozen=True)
class Link:
    iri: str  # the celac:Continuation
    later: str
    earlier: str
    kind: str
    score: float
    rank: int
    asserted: bool
    explicit: bool
    evidence: tuple[str, ...]
    tier: str = ASSERTED
    confidence: float | None = None

    @property
    def number(self) -> float:
        """The calibrated confidence, or the tracer's score in a graph made before tiers."""
        return self.confidence if self.confidence is not None else self.score

    @property
    def anchor(self) -> str:
        return self.iri.partition("#")[2]


def _closure(start: str, step: dict[str, set[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in step.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def links(store: Store, cat: Catalog, mandate: str) -> list[Link]:
    """The continuations of ``mandate``'s lineage: the relations (asserted, probable) up and down
    its chain, and every link, candidates too, in which it is the later or the earlier mandate."""
    found = lineage(store)
    up: dict[str, set[str]] = defaultdict(set)
    down: dict[str, set[str]] = defaultdict(set)
    for k in found.links:
        if k.linked:
            up[k.later].add(k.earlier)
            down[k.earlier].add(k.later)
    above, below = _closure(mandate, up), _closure(mandate, down)
    chosen = [
        k
        for k in found.links
        if k.later in cat.mandates
        and k.earlier in cat.mandates
        and mandate in (k.later, k.earlier)
        or (
            k.later in cat.mandates
            and k.earlier in cat.mandates
            and k.linked
            and (k.later in above or k.earlier in below)
        )
    ]
    out = [
        Link(
            k.iri,
            k.later,
            k.earlier,
            k.kind,
            k.score,
            k.rank,
            k.tier == ASSERTED,
            k.explicit,
            tuple(e for lang in sorted(k.evidence) for e in k.evidence[lang]),
            k.tier,
            k.confidence,
        )
        for k in chosen
    ]
    out.sort(key=lambda k: (("asserted", "probable", "candidate").index(k.tier), -k.number, k.iri))
    return out


@dataclass(frozen=True)
class Node:
    iri: str
    href: str
    x: float
    y: float
    width: float
    height: float
    heading: str
    lines: list[str]
    tooltip: str
    focal: bool
    plan: str
    lang: str = ""  # the language of the mandate's text (and its area's label), where known


@dataclass(frozen=True)
class Edge:
    link: Link
    path: str
    label: str  # the kind
    score: str  # the number and the tier
    label_x: float
    label_y: float
    href: str  # the evidence, on the later mandate's page


@dataclass(frozen=True)
class Picture:
    width: float
    height: float
    columns: list[Column]
    nodes: list[Node]
    edges: list[Edge]


def shown(mandate: str, found: list[Link]) -> list[Link]:
    """The links the picture draws: the relations (asserted, probable), and the mandate's best
    candidates up to :data:`CANDIDATES_SHOWN` (none: a candidate is not a relation)."""
    linked = [k for k in found if k.tier != CANDIDATE]
    before = [k for k in found if k.tier == CANDIDATE and k.later == mandate][:CANDIDATES_SHOWN]
    after = [k for k in found if k.tier == CANDIDATE and k.earlier == mandate][:CANDIDATES_SHOWN]
    return linked + before + after


# A link that skips a plan passes through that plan's column in a slot of its own (a "dummy"
# node, as in layered graph drawing), so that it never runs under a mandate's box.
Slot = tuple[str, int]  # (mandate IRI, -1) for a mandate; (link IRI, column) for a pass-through


def _order(
    by_column: dict[int, list[Slot]], neighbours: dict[Slot, set[Slot]], focal: Slot
) -> None:
    """Order each column's slots so that linked ones sit level (barycentre passes), in place."""
    rank: dict[Slot, float] = {}

    def renumber(slots: list[Slot]) -> None:
        for i, n in enumerate(slots):
            rank[n] = i - (len(slots) - 1) / 2

    for slots in by_column.values():
        slots.sort(key=lambda n: (n != focal, n))
        renumber(slots)
    for _ in range(6):
        for column in sorted(by_column):
            slots = by_column[column]

            def centre(n: Slot) -> float:
                near = [rank[m] for m in neighbours[n] if m in rank]
                return sum(near) / len(near) if near else rank[n]

            slots.sort(key=lambda n: (centre(n), n))
            renumber(slots)


def _spread(ys: list[float], gap: float) -> list[float]:
    """``ys`` moved apart, in order, so that no two are closer than ``gap``."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    out = list(ys)
    for a, b in zip(order, order[1:], strict=False):
        if out[b] - out[a] < gap:
            out[b] = out[a] + gap
    return out


def picture(
    cat: Catalog,
    mandate: str,
    found: list[Link],
    lang: str,
    kinds: dict[str, str],
    tiers: dict[str, str] | None = None,
) -> Picture:
    """The lineage picture of ``mandate`` over ``found`` (see :func:`links`); ``kinds`` and
    ``tiers`` name each kind of continuation and each tier in the page's language."""
    tiers = tiers or {}
    cols = columns(cat, lang)
    drawn = [
        k for k in shown(mandate, found) if k.later in cat.mandates and k.earlier in cat.mandates
    ]
    members = {mandate} | {k.later for k in drawn} | {k.earlier for k in drawn}
    column_of = {m: cat.plan(cat.mandates[m].plan).order for m in members}
    by_column: dict[int, list[Slot]] = defaultdict(list)
    neighbours: dict[Slot, set[Slot]] = defaultdict(set)
    for m in members:
        by_column[column_of[m]].append((m, -1))
    routes: dict[str, list[Slot]] = {}
    for k in drawn:
        route: list[Slot] = [(k.earlier, -1)]
        route += [(k.iri, c) for c in range(column_of[k.earlier] + 1, column_of[k.later])]
        route.append((k.later, -1))
        for slot in route[1:-1]:
            by_column[slot[1]].append(slot)
        for a, b in zip(route, route[1:], strict=False):
            neighbours[a].add(b)
            neighbours[b].add(a)
        routes[k.iri] = route
    _order(by_column, neighbours, (mandate, -1))

    def size(slot: Slot) -> float:
        return NODE_HEIGHT if slot[1] == -1 else PASS_HEIGHT

    stacks = {c: sum(size(s) for s in v) + NODE_GAP * (len(v) - 1) for c, v in by_column.items()}
    inner = max(stacks.values())
    height = HEADER + 2 * MARGIN + inner
    centre_y: dict[Slot, float] = {}
    for c, slots in by_column.items():
        y = HEADER + MARGIN + (inner - stacks[c]) / 2
        for slot in slots:
            centre_y[slot] = y + size(slot) / 2
            y += size(slot) + NODE_GAP

    inset = (cols[0].width - NODE_WIDTH) / 2
    nodes: dict[str, Node] = {}
    for m in members:
        col = cols[column_of[m]]
        info = cat.mandates[m]
        number = cat.printed_number(m)
        area = calm(cat.label(info.area, lang))
        nodes[m] = Node(
            m,
            local(m),
            col.x + inset,
            centre_y[(m, -1)] - NODE_HEIGHT / 2,
            NODE_WIDTH,
            NODE_HEIGHT,
            shorten(f"{number} · {area}", HEAD_CHARS),
            wrap(info.text, LINE_CHARS, 3),
            f"{col.id} · {area} · {number}: {info.text}",
            m == mandate,
            col.id,
            info.text_lang,
        )

    edges = []
    for k in drawn:
        route = routes[k.iri]
        points: list[tuple[float, float]] = []  # (x, y) pairs: out of a box, into the next
        for slot in route:
            col = (
                cols[column_of[k.earlier]]
                if slot[0] == k.earlier
                else (cols[column_of[k.later]] if slot[0] == k.later else cols[slot[1]])
            )
            y = centre_y[slot]
            left, right = col.x + inset, col.x + inset + NODE_WIDTH
            if slot[0] == k.earlier:
                points.append((right, y))
            elif slot[0] == k.later:
                points.append((left, y))
            else:
                points += [(left, y), (right, y)]
        path = f"M{points[0][0]:.1f},{points[0][1]:.1f}"
        for i in range(0, len(points) - 1, 2):
            (x1, y1), (x2, y2) = points[i], points[i + 1]
            bend = (x2 - x1) / 2
            path += f" C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
            if i + 2 < len(points):
                path += f" L{points[i + 2][0]:.1f},{points[i + 2][1]:.1f}"
        (x1, y1), (x2, y2) = points[-2], points[-1]
        edges.append(
            Edge(
                k,
                path,
                kinds.get(k.kind, k.kind),
                f"{k.number:.2f} · {tiers.get(k.tier, k.tier)}" if tiers else f"{k.number:.2f}",
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                f"{local(k.later)}#{k.anchor}",
            )
        )
    # Labels sharing a gap are moved apart; a label is as wide as its longer line.
    by_gap: dict[float, list[int]] = defaultdict(list)
    for i, e in enumerate(edges):
        by_gap[round(e.label_x)].append(i)
    for indices in by_gap.values():
        spread = _spread([edges[i].label_y for i in indices], LABEL_GAP)
        for i, y in zip(indices, spread, strict=True):
            e = edges[i]
            edges[i] = Edge(e.link, e.path, e.label, e.score, e.label_x, y, e.href)
    edges.sort(key=lambda e: e.link.tier == ASSERTED)
    bottom = max([height] + [e.label_y + MARGIN for e in edges])
    return Picture(WIDTH, bottom, cols, sorted(nodes.values(), key=lambda n: n.iri), edges)


def label_box(e: Edge) -> tuple[float, float, float, float]:
    """The box an edge's label takes: (left, top, right, bottom), in the picture's units."""
    width = LABEL_CHAR * max(len(e.label), len(e.score))
    return (e.label_x - width / 2, e.label_y - 16, e.label_x + width / 2, e.label_y + 14)
