"""Two mandates side by side — a later one and an antecedent — with the names and terms they share
highlighted, and what the tracer says of the pair."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import HTMLResponse

from api.pages import language
from api.pages.catalog import catalog
from api.pages.explain import Explained, explain
from api.pages.links import pair_url
from api.pages.messages import Translator
from api.pages.page import render
from api.pages.pair_page import ref
from api.pages.rows import iri_ref, select, text
from api.pages.tiers import lineage
from graph.store import Store
from textfold import STEM, fold

Segments = list[tuple[str, bool]]

_WORD = re.compile(r"\w+", re.UNICODE)
# Words sharing their first textfold.STEM letters share a term (migración, migrantes).
MIN_STEM = 4  # shorter words are too often function words or the region's own initials
# Spanish words too common in any plan to count as shared terms.
FUNCTION_WORDS = frozenset(
    """para como entre sobre desde hasta este esta estos estas otro otra otros otras
    cual cuales donde cuando sus los las del con por que una uno unos unas más mas
    países pais país paises región region regional regionales celac america américa
    latina caribe caribeña caribeño estados miembros miembro también asimismo través
    marco manera forma medio medios ámbito""".split()
)


def _key(word: str) -> str | None:
    folded = fold(word)
    if len(folded) < MIN_STEM or folded.isdigit() or folded in {fold(w) for w in FUNCTION_WORDS}:
        return None
    return folded[:STEM]


def shared_terms(a: str, b: str) -> set[str]:
    """The word stems that both texts use (function words and the region's name left out)."""
    keys_a = {k for w in _WORD.findall(a) if (k := _key(w))}
    keys_b = {k for w in _WORD.findall(b) if (k := _key(w))}
    return keys_a & keys_b


PHRASE = 3  # words in a row that both texts hold make a shared name or phrase


def shared_phrases(a: str, b: str) -> list[str]:
    """The runs of at least :data:`PHRASE` words (accents and case aside) that both texts hold
    and that carry at least two content words, longest first: the names the texts share even
    where the graph has no resource for them."""
    spans = list(_WORD.finditer(a))
    words_a = [fold(m.group()) for m in spans]
    words_b = [fold(w) for w in _WORD.findall(b)]
    found: dict[str, str] = {}  # folded → as printed in ``a``
    for i in range(len(words_a)):
        for j in range(len(words_b)):
            n = 0
            while (
                i + n < len(words_a) and j + n < len(words_b) and words_a[i + n] == words_b[j + n]
            ):
                n += 1
            if n >= PHRASE and sum(1 for w in words_a[i : i + n] if _key(w)) >= 2:
                found[" ".join(words_a[i : i + n])] = a[spans[i].start() : spans[i + n - 1].end()]
    longest = [
        printed
        for key, printed in found.items()
        if not any(key != other and f" {key} " in f" {other} " for other in found)
    ]
    return sorted(longest, key=lambda p: (-len(p), p))


def highlight(value: str, terms: set[str], names: list[str]) -> Segments:
    """``value`` cut into (text, shared) segments: the shared names and phrases (longest first)
    and the words whose stem is among ``terms`` are marked."""
    marks = [False] * len(value)
    words = list(_WORD.finditer(value))
    folded_words = [fold(m.group()) for m in words]
    for name in sorted({n for n in names if len(n) >= MIN_STEM}, key=len, reverse=True):
        target = [fold(w) for w in _WORD.findall(name)]
        for i in range(len(words) - len(target) + 1):
            if target and folded_words[i : i + len(target)] == target:
                for c in range(words[i].start(), words[i + len(target) - 1].end()):
                    marks[c] = True
    for m in _WORD.finditer(value):
        key = _key(m.group())
        if key is not None and key in terms:
            for i in range(m.start(), m.end()):
                marks[i] = True
    segments: Segments = []
    for ch, marked in zip(value, marks, strict=True):
        if segments and segments[-1][1] == marked:
            segments[-1] = (segments[-1][0] + ch, marked)
        else:
            segments.append((ch, marked))
    # A space between two marked words belongs to the mark.
    merged: Segments = []
    for part, marked in segments:
        if merged and not marked and part.strip() == "" and merged[-1][1]:
            merged.append((part, True))
        else:
            merged.append((part, marked))
    out: Segments = []
    for part, marked in merged:
        if out and out[-1][1] == marked:
            out[-1] = (out[-1][0] + part, marked)
        else:
            out.append((part, marked))
    return out


def shared_names(store: Store, later: str, earlier: str) -> list[str]:
    """The Spanish names (the plans' language) of the actors and meetings both mandates involve,
    convene or refer to, and the names as printed where either mandate mentions them."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?name WHERE {{
          {{ {iri_ref(later)} celac:involves|celac:convenes|celac:refersTo ?x .
             {iri_ref(earlier)} celac:involves|celac:convenes|celac:refersTo ?x }}
          {{ ?x rdfs:label|skos:altLabel|schema:name ?name FILTER(LANG(?name) IN ("es", "")) }}
          UNION {{ ?x celac:mention ?s . ?s rdf:value ?name ; celac:mentionedIn ?in
                   FILTER(?in IN ({iri_ref(later)}, {iri_ref(earlier)})) }}
        }}""",
    )
    return sorted({text(r["name"]) for r in rows})


@dataclass(frozen=True)
class Side:
    label: str
    ref_title: str
    plan: str
    year: str
    href: str
    segments: Segments


def compare_page(request: Request, store: Store, later: str, earlier: str) -> HTMLResponse:
    """The side-by-side page of ``later`` and ``earlier`` (mandate IRIs)."""
    lang = language.choose(request)
    t = Translator(lang)
    cat = catalog(store)
    if not (later and earlier):
        return render(
            request,
            "error.html",
            {
                "message": t(
                    "Two mandates to compare are missing: ?later= and ?earlier=, two mandate IRIs."
                )
            },
            400,
        )
    missing = [x for x in (later, earlier) if x not in cat.mandates]
    if missing:
        message = t("Not a mandate of the graph: %(iris)s", iris=", ".join(missing))
        return render(request, "error.html", {"message": message}, 404)
    found = lineage(store)
    link = found.pair(later, earlier)
    explained: Explained | None = explain(link, t, found.quality) if link else None
    a, b = cat.mandates[later], cat.mandates[earlier]
    names = shared_names(store, later, earlier) + shared_phrases(a.text, b.text)
    terms = shared_terms(a.text, b.text)

    def side(iri: str) -> Side:
        r = ref(cat, iri, lang)
        return Side(
            t("Later mandate") if iri == later else t("Earlier mandate"),
            r.title,
            r.plan,
            r.year,
            r.href,
            highlight(cat.mandates[iri].text, terms, names),
        )

    later_plan, earlier_plan = cat.plan(a.plan), cat.plan(b.plan)
    return render(
        request,
        "compare.html",
        {
            "later": side(later),
            "earlier": side(earlier),
            "x": explained,
            "names": sorted(set(names), key=str.casefold),
            "terms": sorted(terms),
            "quality": found.quality,
            "calibrated": found.calibrated,
            "pair_href": pair_url(later_plan.id, earlier_plan.id)
            if later_plan.order > earlier_plan.order
            else None,
        },
    )
