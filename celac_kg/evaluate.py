"""How good the built graph is, measured against an annotated development set.

Entities (the annotated set ``celac-kg evaluate --dev`` names): precision and recall of meetings
(in mandates, area headings and objectives), actors and partners (in mandates, as annotated), each
counted once per item that names it; and for the meetings found that have an annotated place or
date, the share where it is right. Lineage (the annotated pairs ``--pairs`` names): what the
published graph holds against them.

The set is split by plan into two folds (its ``[folds]`` table): the rules of the latest round were
designed on one (``design``) and are measured on the other; :func:`evaluate_folds` scores each.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.store import Store
from textfold import fold_name as fold

_ITEMS = """
SELECT ?plan ?item ?text WHERE {
  { ?item a celac:Mandate ; celac:text ?text }
  UNION { ?item a celac:Area ; rdfs:label ?text }
  UNION { ?item a celac:Area ; celac:objective ?text }
  ?item celac:inPlan/dcterms:identifier ?plan .
}"""

_MEETINGS = """
SELECT ?item ?meeting ?name ?status ?ordinal ?edtf (GROUP_CONCAT(DISTINCT ?placeLabel; separator="|") AS ?places)
WHERE {
  # The units the development set annotates: mandates and areas (plan passages are not annotated).
  { ?item a celac:Mandate } UNION { ?item a celac:Area }
  ?item ?link ?meeting . VALUES (?link ?status) { (celac:convenes "convenes") (celac:refersTo "refersTo") }
  ?meeting celac:mention ?mention . ?mention celac:mentionedIn ?item ; rdf:value ?name .
  OPTIONAL { ?meeting celac:ordinal ?ordinal }
  OPTIONAL { ?meeting time:hasTime/celac:edtf ?edtf }
  OPTIONAL { ?meeting celac:heldIn/rdfs:label ?placeLabel }
} GROUP BY ?item ?meeting ?name ?status ?ordinal ?edtf"""

_SERIES = "SELECT ?meeting ?series WHERE { ?meeting celac:inSeries/rdfs:label ?series }"

_ACTORS = """
SELECT ?item ?actor ?partner (GROUP_CONCAT(DISTINCT ?name; separator="|") AS ?names) WHERE {
  ?item a celac:Mandate ; celac:involves ?actor .
  { ?actor rdfs:label ?name } UNION { ?actor skos:altLabel ?name }
  UNION { ?actor celac:mention ?m . ?m celac:mentionedIn ?item ; rdf:value ?name }
  BIND(EXISTS { ?actor a celac:Partner } AS ?partner)
} GROUP BY ?item ?actor ?partner"""


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", fold(text)))


def same_name(a: str, b: str) -> bool:
    """Two names of one meeting mention: equal, or one holds most of the other's words."""
    fa, fb = fold(a), fold(b)
    if fa == fb or fa in fb or fb in fa:
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / min(len(wa), len(wb)) >= 0.8


def names_match(annotated: str, names: set[str]) -> bool:
    """An annotated name is one of an actor's names, holds one ("Secretaría Permanente del SELA"
    holds "sela") or is held by the name found in the same text ("Grupo de Trabajo" in "Grupo de
    Trabajo de Finanzas")."""
    a = fold(annotated)

    def within(short: str, long: str) -> bool:
        return len(short) >= 3 and re.search(rf"\b{re.escape(short)}\b", long) is not None

    return any(a == n or within(n, a) or within(a, n) for n in names)


@dataclass
class Score:
    """Precision and recall from counts."""

    found: int = 0
    expected: int = 0
    correct_found: int = 0
    correct_expected: int = 0

    @property
    def precision(self) -> float:
        return self.correct_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct_expected / self.expected if self.expected else 1.0


@dataclass
class Share:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class EntityReport:
    scores: dict[str, Score] = field(default_factory=dict)
    shares: dict[str, Share] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)
    extras: dict[str, list[str]] = field(default_factory=dict)

    def text(self) -> str:
        lines = [f"{'entities':<22}{'precision':>10}{'recall':>8}{'found':>7}{'annotated':>11}"]
        for name, s in self.scores.items():
            lines.append(
                f"{name:<22}{s.precision:>10.2f}{s.recall:>8.2f}{s.found:>7}{s.expected:>11}"
            )
        for name, share in self.shares.items():
            lines.append(f"{name:<22}{share.value:>10.2f}  ({share.right} of {share.total} right)")
        return "\n".join(lines)


def _items(store: Store) -> dict[tuple[str, str], list[str]]:
    """The texts of every item, by (plan id, item IRI)."""
    texts: dict[tuple[str, str], list[str]] = {}
    for row in store.query(_ITEMS):  # type: ignore[union-attr]
        texts.setdefault((row["plan"].value, row["item"].value), []).append(row["text"].value)
    return texts


def _locate(texts: dict[tuple[str, str], list[str]], plan: str, snippet: str) -> str | None:
    key = fold(snippet)
    for (p, item), values in texts.items():
        if p == plan and any(key in fold(v) for v in values):
            return item
    return None


def evaluate_entities(
    store: Store, dev: Path, plans: Collection[str] | None = None
) -> EntityReport:
    """Compare the meetings and actors of the built graph with the annotated development set;
    only the texts of ``plans`` (plan ids) where given."""
    data = tomllib.loads(dev.read_text(encoding="utf-8"))
    texts = _items(store)
    if plans is not None:
        texts = {k: v for k, v in texts.items() if k[0] in plans}
    plans_of = {item: plan for plan, item in texts}
    report = EntityReport()

    series = {r["meeting"].value: r["series"].value for r in store.query(_SERIES)}  # type: ignore[union-attr]
    found_meetings: dict[str, list[dict[str, Any]]] = {}
    for row in store.query(_MEETINGS):  # type: ignore[union-attr]
        if row["item"].value not in plans_of:
            continue
        found_meetings.setdefault(row["item"].value, []).append(
            {
                "name": row["name"].value,
                "status": row["status"].value,
                "ordinal": int(row["ordinal"].value) if row["ordinal"] else None,
                "edtf": row["edtf"].value if row["edtf"] else None,
                "series": series.get(row["meeting"].value),
                "places": {fold(p) for p in row["places"].value.split("|") if p}
                if row["places"]
                else set(),
            }
        )
    expected_meetings: dict[str, list[dict[str, Any]]] = {}
    for m in data.get("meeting", []):
        item = _locate(texts, m["plan"], m["in"])
        if item is not None:
            expected_meetings.setdefault(item, []).append(m)
    score, place, date = Score(), Share(), Share()
    # (annotated series, found series) of each annotated meeting that was found
    series_of: list[tuple[str | None, str | None]] = []
    misses: list[str] = []
    extras: list[str] = []
    for item in set(found_meetings) | set(expected_meetings):
        found = found_meetings.get(item, [])
        expected = expected_meetings.get(item, [])
        score.found += len(found)
        score.expected += len(expected)
        for f in found:
            if any(same_name(f["name"], e["name"]) for e in expected):
                score.correct_found += 1
            else:
                extras.append(f"{plans_of.get(item, '?')}: {f['name']}")
        for e in expected:
            # The found name equal to the annotated one first: a name that holds another
            # ("Reunión de la CELAC en ocasión del Debate General …") is not that one's match.
            match = next((f for f in found if fold(f["name"]) == fold(e["name"])), None) or next(
                (f for f in found if same_name(f["name"], e["name"])), None
            )
            if match is None:
                misses.append(f"{plans_of.get(item, '?')}: {e['name']}")
                continue
            score.correct_expected += 1
            series_of.append((e.get("series"), match["series"]))
            if e.get("place"):
                place.total += 1
                first = fold(e["place"].split(",")[0])
                place.right += int(any(first in p or p in first for p in match["places"]))
            if e.get("date"):
                date.total += 1
                date.right += int(match["edtf"] == e["date"])
    report.scores["meetings"] = score
    report.scores["series pairs"] = series_pairs(series_of)
    report.shares["meeting places right"] = place
    report.shares["meeting dates right"] = date
    report.misses["meetings"] = misses
    report.extras["meetings"] = extras

    found_actors: dict[str, list[tuple[bool, set[str], str]]] = {}
    for row in store.query(_ACTORS):  # type: ignore[union-attr]
        if row["item"].value not in plans_of:
            continue
        names = {fold(n) for n in row["names"].value.split("|")}
        found_actors.setdefault(row["item"].value, []).append(
            (row["partner"].value == "true", names, row["actor"].value.rsplit("/", 1)[-1])
        )
    expected_actors: dict[str, list[dict[str, Any]]] = {}
    for a in data.get("actor", []):
        item = _locate(texts, a["plan"], a["in"])
        if item is not None:
            expected_actors.setdefault(item, []).append(a)
    for kind, partner in (("actors", False), ("partners", True)):
        score = Score()
        kind_misses: list[str] = []
        kind_extras: list[str] = []
        for item in set(found_actors) | set(expected_actors):
            found_here = [
                (names, key) for p, names, key in found_actors.get(item, []) if p == partner
            ]
            expected_here = [
                a for a in expected_actors.get(item, []) if (a["kind"] == "partner") == partner
            ]
            score.found += len(found_here)
            score.expected += len(expected_here)
            for names, key in found_here:
                if any(names_match(a["name"], names) for a in expected_here):
                    score.correct_found += 1
                else:
                    kind_extras.append(f"{plans_of.get(item, '?')}: {key}")
            for a in expected_here:
                if any(names_match(a["name"], names) for names, _ in found_here):
                    score.correct_expected += 1
                else:
                    kind_misses.append(f"{plans_of.get(item, '?')}: {a['name']}")
        report.scores[kind] = score
        report.misses[kind] = kind_misses
        report.extras[kind] = kind_extras
    return report


def series_pairs(series_of: Sequence[tuple[str | None, str | None]]) -> Score:
    """Whether the graph puts two found meetings in one series exactly where the annotation does.

    Each pair of found meetings counts: annotated in one series (expected), put in one series by
    the graph (found); right where both say so. Series are compared by their pairing, not their
    spelling, so the annotators' keys need not be the graph's labels.
    """
    score = Score()
    for n, (a1, f1) in enumerate(series_of):
        for a2, f2 in series_of[n + 1 :]:
            annotated = a1 is not None and a1 == a2
            found = f1 is not None and f2 is not None and fold(f1) == fold(f2)
            score.expected += annotated
            score.found += found
            score.correct_found += annotated and found
            score.correct_expected += annotated and found
    return score


@dataclass
class Fold:
    """One half of the development set, by plan, and what the rules made of it."""

    name: str
    plans: list[str]
    design: bool  # the latest round's rules were designed looking at these plans
    report: EntityReport


def evaluate_folds(store: Store, dev: Path) -> list[Fold]:
    """Score each fold of the set's ``[folds]`` table apart.

    Raises:
        ValueError: the set has no ``[folds]`` table, a fold names a plan with no annotation, or
            ``design`` names no fold.
    """
    data = tomllib.loads(dev.read_text(encoding="utf-8"))
    table = dict(data.get("folds", {}))
    design = table.pop("design", None)
    if not table:
        raise ValueError(f"{dev}: no [folds] table to split the set by plan")
    if design not in table:
        raise ValueError(f"{dev}: [folds] design = {design!r} names none of {sorted(table)}")
    annotated = {e["plan"] for kind in ("meeting", "actor") for e in data.get(kind, [])}
    for name, plans in table.items():
        unknown = sorted(set(plans) - annotated)
        if unknown:
            raise ValueError(f"{dev}: fold {name} names plans with no annotation: {unknown}")
    return [
        Fold(name, list(plans), name == design, evaluate_entities(store, dev, plans))
        for name, plans in table.items()
    ]


def folds_text(folds: Sequence[Fold]) -> str:
    """The figures per fold, each labelled by what was designed looking at it."""
    lines = [
        "by fold (rules of earlier rounds were designed looking at all four plans; the latest "
        "round's rules on the fold marked 'design'):",
        f"{'fold':<8}{'':<8}{'entities':<14}{'precision':>10}{'recall':>8}{'found':>7}{'annotated':>11}",
    ]
    for half in folds:
        role = "design" if half.design else "unseen"
        for kind in ("meetings", "series pairs", "actors", "partners"):
            s = half.report.scores[kind]
            lines.append(
                f"{half.name:<8}{role:<8}{kind:<14}{s.precision:>10.2f}{s.recall:>8.2f}"
                f"{s.found:>7}{s.expected:>11}"
            )
    lines.extend(f"fold {f.name}: {', '.join(f.plans)}" for f in folds)
    return "\n".join(lines)


def misses_text(report: EntityReport, limit: int = 60) -> Iterable[str]:
    """What was missed and what was found but not annotated, for each kind."""
    for label, table in (("missed", report.misses), ("not annotated", report.extras)):
        for kind, items in table.items():
            if items:
                more = " …" if len(items) > limit else ""
                yield f"{label} {kind} ({len(items)}): " + "; ".join(items[:limit]) + more


# -- carry-over tracing ---------------------------------------------------------------------------

_CANDIDATES = """
SELECT ?later ?earlier ?rank ?tier ?explicit WHERE {
  ?c a celac:Continuation ; celac:later ?later ; prov:entity ?earlier ;
     celac:rank ?rank ; celac:tier ?tier ; celac:explicit ?explicit .
}"""

_MANDATES = """
SELECT ?plan ?m ?text ?area WHERE {
  ?m a celac:Mandate ; celac:text ?text ; celac:inPlan/dcterms:identifier ?plan .
  ?a celac:hasMandate ?m ; dcterms:title ?area .
}"""

TIER_NAMES = {
    "https://w3id.org/celac-kg/ontology#AssertedTier": "asserted",
    "https://w3id.org/celac-kg/ontology#ProbableTier": "probable",
    "https://w3id.org/celac-kg/ontology#CandidateTier": "candidate",
}


@dataclass
class TraceReport:
    """What the published graph holds against the annotated pairs (reviews included, and the
    model was fitted on these pairs: not the method's quality, which is the cross-validated
    report)."""

    among_candidates: dict[str, Share] = field(default_factory=dict)
    asserted: dict[str, Score] = field(default_factory=dict)
    asserted_or_probable: dict[str, Score] = field(default_factory=dict)
    antecedents_per_mandate: float = 0.0
    most_antecedents: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def text(self) -> str:
        lines = [
            "what the published graph holds (reviews applied; in-sample: the model was fitted on "
            "these pairs, so these are not the method's quality)",
            f"{'links':<22}{'candidate':>10}{'precision':>11}{'recall':>8}{'asserted':>10}"
            f"{'a+p prec':>10}{'a+p rec':>9}{'annotated':>11}",
        ]
        for name in self.asserted:
            c, s, ap = (
                self.among_candidates[name],
                self.asserted[name],
                self.asserted_or_probable[name],
            )
            lines.append(
                f"{name:<22}{c.value:>10.2f}{s.precision:>11.2f}{s.recall:>8.2f}{s.found:>10}"
                f"{ap.precision:>10.2f}{ap.recall:>9.2f}{s.expected:>11}"
            )
        lines.append(
            f"asserted antecedents per mandate that has any: {self.antecedents_per_mandate:.2f} "
            f"(at most {self.most_antecedents})"
        )
        return "\n".join(lines)


def evaluate_trace(store: Store, dev: Path) -> TraceReport:
    """Compare the candidates and tiers of the built graph with the annotated pairs."""
    data = tomllib.loads(dev.read_text(encoding="utf-8"))
    mandates: dict[str, list[tuple[str, str, str]]] = {}
    for row in store.query(_MANDATES):  # type: ignore[union-attr]
        mandates.setdefault(row["plan"].value, []).append(
            (row["m"].value, fold(row["text"].value), fold(row["area"].value))
        )

    def locate(plan: str, snippet: str, area: str | None) -> str | None:
        key, where = fold(snippet), fold(area or "")
        found = {m for m, text, title in mandates.get(plan, []) if key in text and where in title}
        return found.pop() if len(found) == 1 else None

    pairs: dict[tuple[str, str], bool] = {}
    for p in data.get("pair", []):
        later, earlier = (
            locate(p["later_plan"], p["later"], p.get("later_area")),
            locate(p["earlier_plan"], p["earlier"], p.get("earlier_area")),
        )
        if later and earlier:
            pairs[(later, earlier)] = bool(p.get("explicit", False))
    tiers: dict[tuple[str, str], str] = {}
    explicit_found: set[tuple[str, str]] = set()
    for row in store.query(_CANDIDATES):  # type: ignore[union-attr]
        key = (row["later"].value, row["earlier"].value)
        tiers[key] = TIER_NAMES.get(row["tier"].value, "candidate")
        if row["explicit"].value == "true":
            explicit_found.add(key)
    asserted = {k for k, t in tiers.items() if t == "asserted"}
    likely = {k for k, t in tiers.items() if t in ("asserted", "probable")}
    report = TraceReport()

    def is_explicit(k: tuple[str, str]) -> bool:
        return pairs.get(k, k in explicit_found)

    groups: dict[str, Callable[[tuple[str, str]], bool]] = {
        "all": lambda _k: True,
        "explicit": is_explicit,
        "similarity": lambda k: not is_explicit(k),
    }
    for name, member in groups.items():
        expected = [k for k in pairs if member(k)]
        report.among_candidates[name] = Share(sum(1 for k in expected if k in tiers), len(expected))
        for table, chosen in ((report.asserted, asserted), (report.asserted_or_probable, likely)):
            found = [k for k in chosen if member(k)]
            table[name] = Score(
                found=len(found),
                expected=len(expected),
                correct_found=sum(1 for k in found if k in pairs),
                correct_expected=sum(1 for k in expected if k in chosen),
            )
    per_mandate = Counter(later for later, _ in asserted)
    report.antecedents_per_mandate = (
        sum(per_mandate.values()) / len(per_mandate) if per_mandate else 0.0
    )
    report.most_antecedents = max(per_mandate.values(), default=0)
    report.misses = [
        f"{later} → {earlier}" for later, earlier in pairs if (later, earlier) not in asserted
    ]
    report.extras = [
        f"{later} → {earlier}" for later, earlier in asserted if (later, earlier) not in pairs
    ]
    return report
