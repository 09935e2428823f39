"""What became of a mandate, from what the later plans say: continued (asserted or probable), the
meeting it called later referred to as held (``celac:refersTo`` a meeting of the same series), the
working group it first names later entrusted again (``celac:involves``) — or no trace found."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from api.cache import per_store
from api.pages.catalog import catalog
from api.pages.rows import select, text
from api.pages.tiers import ASSERTED, PROBABLE, lineage
from graph.namespaces import ID
from graph.store import Store

CONTINUED, PROBABLY, MEETING, BODY = "continued", "probably", "meeting", "body"
TRACES = (CONTINUED, PROBABLY, MEETING, BODY)
WORKING_GROUP = f"{ID}kind/working-group"


@dataclass(frozen=True)
class Trace:
    kind: str  # one of TRACES
    later: str  # the later mandate that shows it
    via: str | None  # the meeting or the body, for MEETING and BODY


@per_store
def traces(store: Store) -> dict[str, list[Trace]]:
    """Every mandate's traces in later plans (a mandate with none is left out)."""
    cat = catalog(store)
    order = {p.iri: p.order for p in cat.plans}

    def later(a: str, b: str) -> bool:
        ma, mb = cat.mandates.get(a), cat.mandates.get(b)
        return bool(ma and mb and order[mb.plan] > order[ma.plan])

    out: dict[str, list[Trace]] = defaultdict(list)
    for k in lineage(store).links:
        if k.tier in (ASSERTED, PROBABLE) and later(k.earlier, k.later):
            out[k.earlier].append(
                Trace(CONTINUED if k.tier == ASSERTED else PROBABLY, k.later, None)
            )
    for r in select(
        store,
        """SELECT DISTINCT ?e ?l ?held WHERE {
             ?e a celac:Mandate ; celac:convenes ?called .
             { ?l celac:refersTo ?called BIND(?called AS ?held) }
             UNION { ?called celac:inSeries ?s . ?held celac:inSeries ?s . ?l celac:refersTo ?held }
             ?l a celac:Mandate }""",
    ):
        e, lt = text(r["e"]), text(r["l"])
        if later(e, lt):
            out[e].append(Trace(MEETING, lt, text(r["held"])))
    first: dict[str, int] = {}
    involved: dict[str, list[str]] = defaultdict(list)
    for r in select(
        store,
        f"""SELECT DISTINCT ?m ?a WHERE {{ ?m a celac:Mandate ; celac:involves ?a .
             ?a dcterms:type <{WORKING_GROUP}> }}""",
    ):
        m, a = text(r["m"]), text(r["a"])
        if m in cat.mandates:
            involved[a].append(m)
            plan = order[cat.mandates[m].plan]
            first[a] = min(first.get(a, plan), plan)
    for body, mandates in involved.items():
        founders = [m for m in mandates if order[cat.mandates[m].plan] == first[body]]
        for e in founders:
            for lt in mandates:
                if later(e, lt):
                    out[e].append(Trace(BODY, lt, body))
    return dict(out)
