"""The review page: the probable links of a plan pair (and the asserted ones, to check them) with
both texts side by side, confirmed or rejected by keyboard or buttons, and exported by the
browser as a ``reviews.toml`` file (the server writes nothing: see ``static/review.js``)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.pages import language
from api.pages.catalog import catalog
from api.pages.explain import Explained, explain
from api.pages.links import compare_url, pair_url
from api.pages.mandate import MandateRef
from api.pages.messages import Translator
from api.pages.page import render
from api.pages.pair import UnknownPlan, pair
from api.pages.pair_page import cells, ref
from api.pages.tiers import PROBABLE, lineage
from graph.store import Store


@dataclass(frozen=True)
class Item:
    later: MandateRef
    earlier: MandateRef
    later_text: str
    earlier_text: str
    x: Explained
    compare: str


def review_page(request: Request, store: Store, later_id: str, earlier_id: str) -> HTMLResponse:
    """The links of ``later_id`` to ``earlier_id`` to review: probable first, then asserted."""
    lang = language.choose(request)
    t = Translator(lang)
    cat = catalog(store)
    found = lineage(store)
    try:
        p = pair(cat, found, later_id, earlier_id, lang)
    except UnknownPlan as e:
        return render(request, "error.html", {"message": e.say(t)}, 404)
    links = sorted(
        p.links,
        key=lambda k: (k.tier != PROBABLE, cat.mandate_key(k.later), cat.mandate_key(k.earlier)),
    )
    items = [
        Item(
            ref(cat, k.later, lang, 90),
            ref(cat, k.earlier, lang, 90),
            cat.mandates[k.later].text,
            cat.mandates[k.earlier].text,
            explain(k, t, found.quality),
            compare_url(k.later, k.earlier),
        )
        for k in links
    ]
    return render(
        request,
        "review.html",
        {
            "p": p,
            "items": items,
            "pair_href": pair_url(p.later.id, p.earlier.id),
            "pairs": cells(cat, found),
            "quality": found.quality,
            "calibrated": found.calibrated,
        },
    )
