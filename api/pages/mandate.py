"""The mandate page: its text, the passage it was read from, its lineage and the evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from api.pages import lineage
from api.pages.became import BODY, MEETING, traces
from api.pages.display import calm, shorten
from api.pages.explain import Explained, explain
from api.pages.links import compare_url, local
from api.pages.messages import CONTINUATIONS, TIERS
from api.pages.page import Page, lines
from api.pages.passage import passages, source_texts
from api.pages.tiers import CANDIDATE, CONTINUED, NOT_FOUND, PROBABLY
from api.pages.tiers import lineage as tier_lineage
from api.pages.tiers import state as tier_state

KINDS = ("reiterates", "reformulates", "followsUp", "extends")


@dataclass(frozen=True)
class MandateRef:
    """Another mandate, as a line in a list."""

    iri: str
    href: str
    plan: str  # plan id
    year: str
    title: str  # area · number
    text: str
    title_lang: str = ""  # the languages of title and text ("" where unknown)
    text_lang: str = ""


@dataclass(frozen=True)
class LinkRow:
    link: lineage.Link
    other: MandateRef
    kind: str  # in the page's language
    x: Explained | None = None  # what the link means, in the page's language
    compare: str = ""  # the side-by-side view


def mandate_ref(page: Page, iri: str, width: int = 220) -> MandateRef:
    m = page.cat.mandates[iri]
    plan = page.cat.plan(m.plan)
    area = calm(page.label(m.area))
    return MandateRef(
        iri,
        local(iri),
        plan.id,
        plan.years,
        f"{area} · {page.cat.printed_number(iri)}",
        shorten(m.text, width),
        page.cat.label_lang(m.area, page.lang),
        m.text_lang,
    )


def context(page: Page) -> dict[str, Any]:
    cat, iri = page.cat, page.iri
    m = cat.mandates[iri]
    plan = cat.plan(m.plan)
    crumbs: list[tuple[str, str, str]] = []  # label, path, its language
    area: str | None = m.area
    while area:
        crumbs.insert(0, (calm(page.label(area)), local(area), cat.label_lang(area, page.lang)))
        area = cat.areas[area].parent
    kinds = {k: page.t(CONTINUATIONS[k]) for k in KINDS}
    tier_names = {k: page.t(TIERS[k]) for k in ("asserted", "probable", "candidate")}
    found = lineage.links(page.store, cat, iri)
    tiers = tier_lineage(page.store)

    def rows(selected: list[lineage.Link], other_end: str) -> list[LinkRow]:
        out = []
        for k in selected:
            if getattr(k, other_end) not in cat.mandates:
                continue
            full = tiers.pair(k.later, k.earlier)
            out.append(
                LinkRow(
                    k,
                    mandate_ref(page, getattr(k, other_end)),
                    kinds.get(k.kind, k.kind),
                    explain(full, page.t, tiers.quality) if full else None,
                    compare_url(k.later, k.earlier),
                )
            )
        return out

    antecedents = [k for k in found if k.later == iri and k.tier != CANDIDATE]
    successors = [k for k in found if k.earlier == iri and k.tier != CANDIDATE]
    candidates_before = [k for k in found if k.later == iri and k.tier == CANDIDATE]
    candidates_after = [k for k in found if k.earlier == iri and k.tier == CANDIDATE]
    further = [k for k in found if iri not in (k.later, k.earlier)]
    read_from = passages(page.store, iri, source_texts(page.data))
    drawn = [k for k in found if k.tier != CANDIDATE]
    pic = lineage.picture(cat, iri, found, page.lang, kinds, tier_names) if drawn else None
    last = plan.order == len(cat.plans) - 1
    trace = traces(page.store).get(iri, [])
    became_state = tier_state(tiers.successors(iri))
    return {
        "anchors": {k.anchor for k in antecedents + candidates_before}
        | {p.anchor for p in read_from},
        "mandate": m,
        "plan": plan,
        "plan_label": page.label(plan.iri),
        "crumbs": crumbs,
        "number": cat.printed_number(iri),
        "themes": [(page.label(t), local(t)) for t in m.themes],
        "involves": page.values("celac:involves"),
        "convenes": page.values("celac:convenes"),
        "refers": page.values("celac:refersTo"),
        "notes": lines(page, "skos:note"),
        "passages": read_from,
        "picture": pic,
        "picture_nodes": [
            (n, mandate_ref(page, n.iri, 10_000)) for n in (pic.nodes if pic else [])
        ],
        "picture_refs": {n.iri: mandate_ref(page, n.iri, 60) for n in (pic.nodes if pic else [])},
        "antecedents": rows(antecedents, "earlier"),
        "successors": rows(successors, "later"),
        "candidates_before": rows(candidates_before, "earlier"),
        "candidates_after": rows(candidates_after, "later"),
        "further": [
            (
                mandate_ref(page, k.later, 120),
                LinkRow(k, mandate_ref(page, k.earlier, 120), kinds.get(k.kind, k.kind)),
            )
            for k in further
            if k.later in cat.mandates and k.earlier in cat.mandates
        ],
        "quality": tiers.quality,
        "calibrated": tiers.calibrated,
        "became": {
            "last": last,
            "state": became_state,
            "continued": became_state == CONTINUED,
            "probably": became_state == PROBABLY,
            "meeting": [
                (mandate_ref(page, x.later, 140), page.label(x.via or ""), local(x.via or ""))
                for x in trace
                if x.kind == MEETING
            ],
            "body": [
                (mandate_ref(page, x.later, 140), page.label(x.via or ""), local(x.via or ""))
                for x in trace
                if x.kind == BODY
            ],
            "none": not last and became_state == NOT_FOUND and not trace,
        },
    }
