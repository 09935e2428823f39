"""Fitting the decision model on the annotated pairs, and measuring it honestly.

Every blocked pair of the corpus is a row: its features, and whether the annotated set holds it
(the set was read completely, so a pair it does not hold is a negative — the hard negatives are
the blocked pairs that share something and are still not carry-overs).

Cross-validation leaves one later plan out. In each outer fold, the model is fitted, calibrated
and given its thresholds using the other later plans only (calibration and thresholds on inner
folds over them, by later mandate), then measured on the plan left out. The model written for the build
is fitted on all the plans the same way; the figures reported with it are the outer folds'. The
inner folds also choose the regularisation (of CS, by the average precision of their held-out
scores).

Thresholds, on the inner folds' held-out links, with the links the explicit-reference rule gives a
tier (``decision.floor_of``) counted in it: ``asserted`` is the lowest confidence from which the
links are expected (by their calibrated confidence) to be at least TARGET_PRECISION true (the
issue's target); ``probable`` the lowest from which asserted and probable links together are
expected to be at least PROBABLE_PRECISION true: the tier is chosen for recall, as many links as
keep one in three true. Both are chosen before any figure of the outer folds is seen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.records import Plan
from extract.trace import candidates
from extract.trace.annotations import Annotated, read_pairs
from extract.trace.decision import TIERS, decide, floor_of
from extract.trace.features import NAMES, Pair
from extract.trace.model import Model
from extract.trace.tracer import Tracer

TARGET_PRECISION = 0.85
PROBABLE_PRECISION = 1 / 3
INNER = 5  # inner folds, by later mandate, for calibration and thresholds
MIN_LINKS = 3  # a threshold is not set on fewer held-out links than this
C = 1.0  # the logistic regression's inverse regularisation (scikit-learn's default) …
CS = (0.03, 0.1, 0.3, 1.0)  # … and those the inner folds choose from
GRID = [round(0.01 * n, 2) for n in range(1, 100)]
BINS = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]


@dataclass
class Row:
    group: str  # the later plan
    later: int  # id() of the later mandate
    position: int  # the later mandate's position in the corpus (stable across runs)
    pair: Pair
    x: list[float]
    label: bool


@dataclass
class Truth:
    """The annotated pairs, by (id(later), id(earlier)): explicit or not."""

    pairs: dict[tuple[int, int], bool]
    group: dict[tuple[int, int], str]

    def of(self, groups: set[str]) -> dict[tuple[int, int], bool]:
        return {k: v for k, v in self.pairs.items() if self.group[k] in groups}


def rows_of(plans: Sequence[Plan], themes: Mapping[int, list[str]]) -> tuple[list[Row], Truth]:
    """Every blocked pair of the plans, labelled by the annotated set."""
    annotated: list[Annotated] = read_pairs(plans)
    truth = Truth(
        {(id(a.later), id(a.earlier)): a.explicit for a in annotated},
        {(id(a.later), id(a.earlier)): a.later_plan for a in annotated},
    )
    tracer = Tracer(plans, themes, model=None)
    ids = [p.id for p in tracer.plans]
    rows: list[Row] = []
    for position, found in sorted(tracer.pairs().items()):
        for p in found:
            key = (id(p.later.mandate), id(p.earlier.mandate))
            rows.append(
                Row(
                    ids[p.later.plan],
                    id(p.later.mandate),
                    position,
                    p,
                    p.vector(),
                    key in truth.pairs,
                )
            )
    return rows, truth


def fit(rows: Sequence[Row], c: float = C) -> Model:
    """A logistic regression on standardised features (uncalibrated)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([r.x for r in rows], dtype=float)
    y = np.array([r.label for r in rows], dtype=int)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000)
    lr.fit((x - mean) / scale, y)
    return Model(
        list(NAMES),
        [float(v) for v in mean],
        [float(v) for v in scale],
        [float(v) for v in lr.coef_[0]],
        float(lr.intercept_[0]),
    )


def platt(z: Sequence[float], y: Sequence[bool]) -> tuple[float, float]:
    """The logistic map from a score to the observed share of true links."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, max_iter=5000)
    lr.fit(np.array(z, dtype=float).reshape(-1, 1), np.array(y, dtype=int))
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


@dataclass
class Decided:
    row: Row
    confidence: float
    tier: str


def apply(model: Model, rows: Sequence[Row]) -> list[Decided]:
    """What the build would keep and decide for these rows (the best of each earlier plan per
    later mandate, calibrated, tiered), as the tracer does."""
    by_later: dict[int, list[Row]] = defaultdict(list)
    for r in rows:
        by_later[r.later].append(r)
    out: list[Decided] = []
    for group in by_later.values():
        scored = [(model.probability(r.x), n) for n, r in enumerate(group)]
        kept = candidates.keep_best((s, group[n].pair.earlier.plan, n) for s, n in scored)
        chosen = [(model.calibrated(scored[n][0]), group[n]) for _, n in kept]
        floors = [floor_of(r.pair.values["explicit"]) for _, r in chosen]
        decided = decide(chosen, model.thresholds, floors)
        for (conf, tier), (_, r) in zip(decided, chosen, strict=True):
            out.append(Decided(r, conf, tier))
    return out


def lowest_with_precision(decided: Sequence[Decided], target: float, tier: str) -> float:
    """The lowest confidence from which the held-out links, with those the explicit-reference rule
    puts in ``tier`` or above (``decision.floor_of``), are expected to be at least ``target`` true:
    their mean calibrated confidence (the calibration is fitted on every held-out score; a count of
    the few links at the top would set the threshold on a handful of them)."""
    ruled = [d for d in decided if _ruled(d, tier)]
    for t in GRID:
        found = [d for d in decided if d.confidence >= t and not _ruled(d, tier)] + ruled
        if len(found) >= MIN_LINKS and sum(d.confidence for d in found) / len(found) >= target:
            return t
    return GRID[-1]


def _ruled(d: Decided, tier: str) -> bool:
    return TIERS.index(floor_of(d.row.pair.values["explicit"])) <= TIERS.index(tier)


def choose_thresholds(decided: Sequence[Decided]) -> dict[str, float]:
    asserted = lowest_with_precision(decided, TARGET_PRECISION, "asserted")
    probable = lowest_with_precision(decided, PROBABLE_PRECISION, "probable")
    return {"asserted": asserted, "probable": min(probable, asserted)}


def fit_calibrated(rows: Sequence[Row]) -> Model:
    """Fitted on ``rows``; its regularisation (of CS), calibration and thresholds from INNER
    folds over them: the later mandates dealt into INNER groups (all of one mandate's pairs in one
    group)."""
    best: tuple[float, float, list[tuple[Row, float, int]], dict[int, Model]] | None = None
    for c in CS:
        oof: list[tuple[Row, float, int]] = []
        models: dict[int, Model] = {}
        for k in range(INNER):
            train = [r for r in rows if r.position % INNER != k]
            if not any(r.label for r in train):
                continue
            models[k] = fit(train, c)
            oof.extend((r, models[k].z(r.x), k) for r in rows if r.position % INNER == k)
        quality = ranking_quality(oof)
        if best is None or quality > best[0]:
            best = (quality, c, oof, models)
    assert best is not None
    _, c, oof, models = best
    model = fit(rows, c)
    if oof:
        model.calibration = platt([z for _, z, _ in oof], [r.label for r, _, _ in oof])
        held: list[Decided] = []
        for k, m in models.items():
            m.calibration = model.calibration
            held.extend(apply(m, [r for r, _, fold in oof if fold == k]))
        model.thresholds = choose_thresholds(held)
    return model


def ranking_quality(oof: Sequence[tuple[Row, float, int]]) -> float:
    """The average precision of the held-out scores (0 with no positive held out)."""
    from sklearn.metrics import average_precision_score

    labels = [r.label for r, _, _ in oof]
    if not any(labels):
        return 0.0
    return float(average_precision_score(labels, [z for _, z, _ in oof]))


def cross_validate(rows: Sequence[Row]) -> list[Decided]:
    """The held-out decisions of leaving each later plan out (nested: nothing of the plan left
    out is used to fit, calibrate or set thresholds)."""
    out: list[Decided] = []
    for g in sorted({r.group for r in rows}):
        train = [r for r in rows if r.group != g]
        model = fit_calibrated(train)
        out.extend(apply(model, [r for r in rows if r.group == g]))
    return out


def _pr(found: int, right: int, expected: int, hit: int) -> dict[str, Any]:
    return {
        "precision": round(right / found, 3) if found else None,
        "recall": round(hit / expected, 3) if expected else None,
        "found": found,
        "right": right,
        "support": expected,
    }


def report(decided: Sequence[Decided], truth: Mapping[tuple[int, int], bool]) -> dict[str, Any]:
    """Precision and recall per tier and per kind of link, antecedents per mandate, calibration."""

    def key(d: Decided) -> tuple[int, int]:
        return (d.row.later, id(d.row.pair.earlier.mandate))

    by_tier = {t: [d for d in decided if d.tier == t] for t in TIERS}
    out: dict[str, Any] = {"tiers": {}, "kinds": {}}
    upto: set[tuple[int, int]] = set()
    for t in TIERS:
        these = by_tier[t]
        upto |= {key(d) for d in these}
        out["tiers"][t] = {
            **_pr(
                len(these),
                sum(d.row.label for d in these),
                len(truth),
                sum(1 for k in truth if k in upto),
            ),
            "recall_is": "of this tier and those above it",
        }
    for kind, explicit in (("explicit", True), ("similarity", False)):
        expected = {k for k, e in truth.items() if e == explicit}
        rows: dict[str, Any] = {}
        upto = set()
        for t in TIERS[:2]:
            these = [d for d in by_tier[t] if bool(d.row.pair.values["explicit"]) == explicit]
            upto |= {key(d) for d in by_tier[t]}
            rows[t] = _pr(
                len(these),
                sum(d.row.label for d in these),
                len(expected),
                sum(1 for k in expected if k in upto),
            )
        out["kinds"][kind] = rows
    per_mandate: dict[int, int] = defaultdict(int)
    for d in by_tier["asserted"]:
        per_mandate[d.row.later] += 1
    out["max_asserted_per_mandate"] = max(per_mandate.values(), default=0)
    table = []
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [d for d in decided if lo <= d.confidence < hi]
        table.append(
            {
                "bin": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                "links": len(inside),
                "predicted": round(sum(d.confidence for d in inside) / len(inside), 3)
                if inside
                else None,
                "observed": round(sum(d.row.label for d in inside) / len(inside), 3)
                if inside
                else None,
            }
        )
    out["calibration"] = table
    out["annotated"] = len(truth)
    out["annotated_not_candidates"] = sum(1 for k in truth if k not in {key(d) for d in decided})
    return out


def train(plans: Sequence[Plan], themes: Mapping[int, list[str]]) -> Model:
    """The model for the build, with the cross-validated report of how it decides."""
    rows, truth = rows_of(plans, themes)
    held = cross_validate(rows)
    model = fit_calibrated(rows)
    model.report = {
        "method": "leave one later plan out; calibration and thresholds nested",
        "rows": len(rows),
        "positives_among_rows": sum(r.label for r in rows),
        **report(held, truth.pairs),
        "thresholds_by_fold": "chosen on the other later plans only",
    }
    return model


def train_corpus(corpus: Path) -> Model:
    """Read the plans of ``corpus`` and their entities and themes, and :func:`train` on them."""
    from extract.entities import pipeline
    from extract.entities.annotate import annotate
    from extract.plans import read_plans
    from extract.trace.themes import tag_plans

    plans = read_plans(corpus)
    nlp = pipeline.load()
    annotate(plans, nlp)
    return train(plans, tag_plans(plans, nlp))
