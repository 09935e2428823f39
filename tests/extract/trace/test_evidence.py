"""The evidence in words names themes by their labels in each language, never by their keys."""

from __future__ import annotations

from extract.trace.evidence import _theme_labels
from extract.trace.themes import read_themes


def test_evidence_names_themes_by_their_labels() -> None:
    themes = read_themes()
    key = next(iter(themes))
    assert _theme_labels([key], "es") == themes[key].label_es
    assert _theme_labels([key], "en") == themes[key].label_en
    assert key not in (themes[key].label_es, themes[key].label_en)
