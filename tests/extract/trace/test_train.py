"""The shipped model is the one the code fits on the annotated pairs, and it was measured by
leaving one later plan out; a small fit on separable rows behaves."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from extract.trace.model import read_model
from extract.trace.train import train_corpus

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


@pytest.mark.slow
def test_train_the_shipped_model_is_what_training_gives_now() -> None:
    fitted = train_corpus(CORPUS)
    shipped = read_model()
    assert fitted.features == shipped.features
    assert fitted.coef == pytest.approx(shipped.coef, abs=1e-6), "run `celac-kg train` again"
    assert fitted.thresholds == shipped.thresholds
    assert fitted.report == shipped.report
    report = fitted.report
    annotated = tomllib.loads(
        (CORPUS.parent / "extract" / "trace" / "continuations.toml").read_text()
    )
    assert report["annotated"] == annotated["counts"]["pairs"]
    assert report["max_asserted_per_mandate"] <= 3
    # Explicit references are found, cross-validated, by asserted and probable links together.
    assert report["kinds"]["explicit"]["probable"]["recall"] >= 0.95
    # Calibration: in every well-filled bin, the observed share is near the predicted one.
    for row in report["calibration"]:
        if row["links"] >= 50:
            assert abs(row["observed"] - row["predicted"]) <= 0.1, row
