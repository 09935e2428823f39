"""The carry-over links of the graph by tier — asserted, probable, candidate — with their calibrated
confidence, their evidence in each language, the reviews that settled them, and what the method
says each tier is worth.

The one place the pages read the tracer's links. It reads the vocabulary of tiers
(``celac:tier``, ``celac:methodTier``, ``celac:confidence``, ``celac:tierQuality``, reviews) and
falls back to a graph made before it: there ``celac:asserted true`` is the asserted tier, every
other link a candidate, nothing is probable, and the only number is ``celac:score`` (not a
probability, so shown as a score and never as a confidence).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from api.cache import per_store
from api.pages.rows import integer, select, text
from graph.namespaces import CELAC
from graph.store import Store

ASSERTED, PROBABLE, CANDIDATE = "asserted", "probable", "candidate"
TIERS = (ASSERTED, PROBABLE, CANDIDATE)
TIER_IRIS = {
    f"{CELAC}AssertedTier": ASSERTED,
    f"{CELAC}ProbableTier": PROBABLE,
    f"{CELAC}CandidateTier": CANDIDATE,
}
# What became of a mandate, or where one came from, by the best tier that links it.
CONTINUED, PROBABLY, NOT_FOUND = "continued", "probably", "notfound"
STATES = (CONTINUED, PROBABLY, NOT_FOUND)


@dataclass(frozen=True)
class Review:
    verdict: str  # "confirmed" or "rejected"
    reviewer: str
    date: str | None
    why: str | None


@dataclass(frozen=True)
class TierLink:
    iri: str  # the celac:Continuation
    later: str
    earlier: str
    kind: str
    score: float
    rank: int
    explicit: bool
    tier: str  # one of TIERS
    method_tier: str  # the tier the method alone gave
    confidence: float | None  # calibrated; None in a graph made before tiers
    evidence: dict[str, tuple[str, ...]]  # by language tag ("" for none)
    review: Review | None

    @property
    def anchor(self) -> str:
        return self.iri.partition("#")[2]

    @property
    def linked(self) -> bool:
        """Asserted or probable: a relation, not merely a ranked candidate."""
        return self.tier in (ASSERTED, PROBABLE)

    def evidence_in(self, lang: str) -> tuple[tuple[str, ...], str]:
        """The evidence in ``lang`` and the language it is in: ``lang``'s own if the graph has
        it, else whatever it has (a graph made before tiers holds it untagged, in English)."""
        if lang in self.evidence:
            return self.evidence[lang], lang
        for tag, found in sorted(self.evidence.items()):
            return found, tag or "en"
        return (), lang


@dataclass(frozen=True)
class TierQuality:
    tier: str
    precision: float
    recall: float | None
    support: int | None


@dataclass(eq=False)
class Lineage:
    links: list[TierLink]
    quality: dict[str, TierQuality]  # by tier; empty in a graph made before tiers
    _by_pair: dict[tuple[str, str], TierLink] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_pair = {(k.later, k.earlier): k for k in self.links}

    @property
    def calibrated(self) -> bool:
        """Whether the links carry a calibrated confidence (a graph made with tiers)."""
        return any(k.confidence is not None for k in self.links)

    def pair(self, later: str, earlier: str) -> TierLink | None:
        return self._by_pair.get((later, earlier))

    @cached_property
    def by_later(self) -> dict[str, list[TierLink]]:
        out: dict[str, list[TierLink]] = defaultdict(list)
        for k in self.links:
            out[k.later].append(k)
        return dict(out)

    @cached_property
    def by_earlier(self) -> dict[str, list[TierLink]]:
        out: dict[str, list[TierLink]] = defaultdict(list)
        for k in self.links:
            out[k.earlier].append(k)
        return dict(out)

    def successors(self, mandate: str) -> list[TierLink]:
        """The links from later mandates to ``mandate`` that are a relation (asserted, probable)."""
        return [k for k in self.by_earlier.get(mandate, []) if k.linked]

    def antecedents(self, mandate: str) -> list[TierLink]:
        """The links from ``mandate`` to earlier ones that are a relation (asserted, probable)."""
        return [k for k in self.by_later.get(mandate, []) if k.linked]


def state(found: list[TierLink]) -> str:
    """The best a set of links says: continued (one is asserted), probably continued (one is
    probable), or no continuation found."""
    tiers = {k.tier for k in found}
    if ASSERTED in tiers:
        return CONTINUED
    if PROBABLE in tiers:
        return PROBABLY
    return NOT_FOUND


def order(k: TierLink) -> tuple[int, float, str]:
    """Asserted first, then probable, then candidates; within a tier the surest first."""
    sure = k.confidence if k.confidence is not None else k.score
    return (TIERS.index(k.tier), -sure, k.iri)


@per_store
def lineage(store: Store) -> Lineage:
    """Every carry-over link of ``store``, read once and kept while it is served."""
    return read(store)


def _tier(row: dict[str, object], name: str, asserted: bool) -> str:
    if name in row:
        return TIER_IRIS.get(text(row[name]), CANDIDATE)
    return ASSERTED if asserted else CANDIDATE


def read(store: Store) -> Lineage:
    """Read the links of ``store`` (three queries)."""
    evidence: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in select(
        store,
        "SELECT ?c ?ev WHERE { ?c a celac:Continuation ; celac:evidence ?ev } ORDER BY ?c ?ev",
    ):
        evidence[text(row["c"])][row["ev"].language or ""].append(text(row["ev"]))
    rows = select(
        store,
        """SELECT ?c ?later ?earlier (SAMPLE(?k) AS ?kind) (SAMPLE(?s) AS ?score)
                  (SAMPLE(?r) AS ?rank) (SAMPLE(?x) AS ?explicit) (SAMPLE(?a) AS ?asserted)
                  (SAMPLE(?t) AS ?tier) (SAMPLE(?mt) AS ?mtier) (SAMPLE(?cf) AS ?conf)
                  (SAMPLE(?v) AS ?verdict) (SAMPLE(?who) AS ?reviewer) (SAMPLE(?d) AS ?date)
                  (SAMPLE(?why) AS ?because)
        WHERE {
          ?c a celac:Continuation ; celac:later ?later ; prov:entity ?earlier .
          OPTIONAL { ?c celac:continuationKind|celac:kind ?k }
          OPTIONAL { ?c celac:score ?s }
          OPTIONAL { ?c celac:rank ?r }
          OPTIONAL { ?c celac:explicit ?x }
          OPTIONAL { ?c celac:asserted ?a }
          OPTIONAL { ?c celac:tier ?t }
          OPTIONAL { ?c celac:methodTier ?mt }
          OPTIONAL { ?c celac:confidence ?cf }
          OPTIONAL { ?c celac:review ?rv . ?rv celac:verdict ?v
                     OPTIONAL { ?rv dcterms:date ?d } OPTIONAL { ?rv rdfs:comment ?why }
                     OPTIONAL { ?c prov:wasAttributedTo ?ag OPTIONAL { ?ag rdfs:label ?agl } }
                     BIND(COALESCE(?agl, STR(?ag)) AS ?who) }
        }
        GROUP BY ?c ?later ?earlier""",
    )
    links = []
    for r in rows:
        iri = text(r["c"])
        asserted = "asserted" in r and text(r["asserted"]) == "true"
        tier = _tier(r, "tier", asserted)
        review = None
        if "verdict" in r:
            review = Review(
                text(r["verdict"]),
                text(r["reviewer"]) if "reviewer" in r else "",
                text(r["date"]) if "date" in r else None,
                text(r["because"]) if "because" in r else None,
            )
        links.append(
            TierLink(
                iri,
                text(r["later"]),
                text(r["earlier"]),
                text(r["kind"]) if "kind" in r else "",
                float(text(r["score"])) if "score" in r else 0.0,
                integer(r["rank"]) if "rank" in r else 0,
                "explicit" in r and text(r["explicit"]) == "true",
                tier,
                _tier(r, "mtier", tier == ASSERTED) if "mtier" in r else tier,
                float(text(r["conf"])) if "conf" in r else None,
                {lang: tuple(found) for lang, found in evidence.get(iri, {}).items()},
                review,
            )
        )
    links.sort(key=order)
    return Lineage(links, read_quality(store))


def read_quality(store: Store) -> dict[str, TierQuality]:
    """The cross-validated quality of each tier, from the method node's ``celac:tierQuality``."""
    out = {}
    for r in select(
        store,
        """SELECT DISTINCT ?tier ?p ?r ?n WHERE {
             ?m celac:tierQuality ?q . ?q celac:tier ?tier ; celac:precision ?p
             OPTIONAL { ?q celac:recall ?r } OPTIONAL { ?q celac:support ?n } }""",
    ):
        tier = TIER_IRIS.get(text(r["tier"]))
        if tier is not None:
            out[tier] = TierQuality(
                tier,
                float(text(r["p"])),
                float(text(r["r"])) if "r" in r else None,
                integer(r["n"]) if "n" in r else None,
            )
    return out
