"""The decision model's parameters, as data (``model.json``), and what it says of a pair.

A logistic regression over the standardised features of ``features.NAMES`` gives a score; a
logistic (Platt) calibration fitted on held-out folds turns it into a confidence, the share of such
links that are true. The thresholds of the tiers and the cross-validated quality of each come with
it. ``train.py`` writes the file; the build only reads it, so it needs neither the annotated pairs
nor scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import ExtractError

MODEL = Path(__file__).resolve().parent / "model.json"


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


@dataclass
class Model:
    """A fitted decision: features, their scaling, weights, calibration and tier thresholds."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    calibration: tuple[float, float] = (1.0, 0.0)  # a, b: confidence = sigmoid(a * z + b)
    thresholds: dict[str, float] = field(default_factory=lambda: {"asserted": 0.5, "probable": 0.2})
    # The cross-validated report (tiers, kinds, calibration table) the model was chosen with.
    report: dict[str, Any] = field(default_factory=dict)

    def z(self, x: Sequence[float]) -> float:
        return self.intercept + sum(
            c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True)
        )

    def probability(self, x: Sequence[float]) -> float:
        """The model's own probability, before calibration."""
        return sigmoid(self.z(x))

    def calibrated(self, probability: float) -> float:
        a, b = self.calibration
        return sigmoid(a * logit(probability) + b)

    def write(self, path: Path = MODEL) -> None:
        path.write_text(
            json.dumps(asdict(self), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )


def read_model(path: Path = MODEL, features: Sequence[str] | None = None) -> Model:
    """The model of ``path``.

    Raises:
        ExtractError: the file is missing or not a model of these features.
    """
    from extract.trace.features import NAMES

    expected = list(features or NAMES)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = Model(**{**data, "calibration": tuple(data["calibration"])})
    except (OSError, ValueError, TypeError, KeyError) as e:
        raise ExtractError(
            str(path), f"not a tracer model ({e}); run `celac-kg train` to fit one"
        ) from e
    if model.features != expected:
        raise ExtractError(
            str(path),
            f"fitted on the features {model.features}, but the tracer gives {expected}; "
            "run `celac-kg train` again",
        )
    return model


def _f(v: object) -> str:
    return f"{v:.2f}" if isinstance(v, float) else "-" if v is None else str(v)


def report_text(report: dict[str, Any]) -> str:
    """The cross-validated report of a model, as ``celac-kg evaluate`` prints it."""
    if not report:
        return "the tracer's model carries no cross-validated report"
    lines = [
        "carry-over tracing, the method alone, cross-validated "
        f"({report.get('method', '')}), {report.get('annotated', 0)} annotated pairs",
        f"{'tier':<12}{'precision':>10}{'recall':>8}{'links':>7}{'true':>6}   (recall: this tier and those above)",
    ]
    for tier, s in report.get("tiers", {}).items():
        lines.append(
            f"{tier:<12}{_f(s['precision']):>10}{_f(s['recall']):>8}{s['found']:>7}{s['right']:>6}"
        )
    lines.append(
        f"{'kind':<12}{'tier':<10}{'precision':>10}{'recall':>8}{'links':>7}{'annotated':>10}"
    )
    for kind, tiers in report.get("kinds", {}).items():
        for tier, s in tiers.items():
            lines.append(
                f"{kind:<12}{tier:<10}{_f(s['precision']):>10}{_f(s['recall']):>8}"
                f"{s['found']:>7}{s['support']:>10}"
            )
    lines.append(
        f"most asserted antecedents of one mandate: {report.get('max_asserted_per_mandate')}; "
        f"annotated pairs never among the candidates: {report.get('annotated_not_candidates')}"
    )
    lines.append(f"{'calibration':<12}{'links':>7}{'predicted':>11}{'observed':>10}")
    for row in report.get("calibration", []):
        lines.append(
            f"{row['bin']:<12}{row['links']:>7}{_f(row['predicted']):>11}{_f(row['observed']):>10}"
        )
    return "\n".join(lines)
