"""One folding rule for every layer: its plain, offset-keeping, aligned and name forms, and stems."""

from __future__ import annotations

import pytest

from textfold import STEM, fold, fold_aligned, fold_name, fold_with_origin, stems


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Educación", "educacion"), ("HAMBRE", "hambre"), ("Ñandú", "nandu"), ("ﬁn", "fin"),
     ("1º", "1o"), ("Straße", "strasse")],
)  # fmt: skip
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_with_origin_keeps_offsets() -> None:
    value = "ﬁnanzas y Educación"
    folded, origin = fold_with_origin(value)
    assert folded == fold(value)
    assert len(origin) == len(folded)
    start = folded.index("educacion")
    assert value[origin[start] : origin[start + len("educacion") - 1] + 1] == "Educación"


@pytest.mark.parametrize("text", ["Perú y Bogotá", "ﬁnanzas en Curaçao", "Straße", "e\u0301xito"])
def test_fold_aligned_keeps_one_character_for_one(text: str) -> None:
    aligned = fold_aligned(text)
    assert len(aligned) == len(text)
    # Every character that folds to exactly one is folded; the others stay as they were.
    for ch, out in zip(text, aligned, strict=True):
        assert out == (
            fold(ch) if len(fold(ch)) == 1 else ch.lower() if len(ch.lower()) == 1 else ch
        )


def test_fold_aligned_matches_fold_on_spanish() -> None:
    text = "Reunión de Ministras y Ministros de la Niñez, en Asunción (Paraguay)"
    assert fold_aligned(text) == fold(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("China – CELAC", "china-celac"),
        ("China - CELAC", "CHINA-CELAC"),
        ("  Cumbre “CELAC”. ", "cumbre celac"),
        ("Foro\tde  Ministros;", "foro de ministros"),
    ],
)
def test_fold_name_compares_names_alike(a: str, b: str) -> None:
    assert fold_name(a) == fold_name(b)


def test_stems_meet_across_number_and_accents() -> None:
    assert stems(["migración", "Migraciones", "migrantes"]) == {"migrac", "migran"}
    assert all(len(s) <= STEM for s in stems(["cooperación", "sur", "tecnológica"]))
