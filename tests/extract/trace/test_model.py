"""The model's parameters are data the build reads; a model of other features is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import ExtractError
from extract.trace.features import NAMES
from extract.trace.model import MODEL, Model, read_model, report_text


def test_model_the_shipped_model_is_of_the_tracers_features() -> None:
    model = read_model(MODEL)
    assert model.features == list(NAMES)
    assert 0 < model.thresholds["probable"] <= model.thresholds["asserted"] < 1
    assert set(model.report["tiers"]) == {"asserted", "probable", "candidate"}


def test_model_round_trip(tmp_path: Path) -> None:
    n = len(NAMES)
    model = Model(list(NAMES), [0.0] * n, [1.0] * n, [1.0] + [0.0] * (n - 1), -2.0, (2.0, 0.5))
    model.write(tmp_path / "m.json")
    again = read_model(tmp_path / "m.json")
    x = [1.0] + [0.0] * (n - 1)
    assert again.probability(x) == pytest.approx(model.probability(x))
    assert again.calibrated(0.5) == pytest.approx(model.calibrated(0.5))
    assert model.probability(x) > model.probability([0.0] * n)


def test_model_of_other_features_is_refused(tmp_path: Path) -> None:
    Model(["a"], [0.0], [1.0], [1.0], 0.0).write(tmp_path / "m.json")
    with pytest.raises(ExtractError, match="train"):
        read_model(tmp_path / "m.json")


def test_model_missing_file_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ExtractError, match="celac-kg train"):
        read_model(tmp_path / "none.json")


def test_model_report_text_has_tiers_kinds_and_calibration() -> None:
    text = report_text(read_model(MODEL).report)
    for word in ("asserted", "probable", "candidate", "explicit", "similarity", "calibration"):
        assert word in text
