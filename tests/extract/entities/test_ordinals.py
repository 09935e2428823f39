from __future__ import annotations

import pytest

from extract.entities.ordinals import parse, roman


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("VI", 6), ("IX", 9), ("XIV", 14), ("XX", 20),
        ("Primera", 1), ("primer", 1), ("primero", 1), ("1er.", 1), ("1er", 1), ("1ª", 1), ("1º", 1),
        ("Segunda", 2), ("Segundo", 2), ("Tercera", 3), ("Tercer", 3), ("Cuarto", 4), ("Cuarta", 4),
        ("Quinta", 5), ("Séptimo", 7), ("Décima", 10), ("undécima", 11), ("décimo primero", 11),
        ("decimotercera", 13), ("Vigésima", 20), ("vigésimo segundo", 22),
        ("75º", 75), ("75°", 75), ("69º", 69),
    ],
)  # fmt: skip
def test_parse(text: str, value: int) -> None:
    assert parse(text) == value


@pytest.mark.parametrize("text", ["", "CELAC", "Reunión", "IIII", "75", "primavera", "ii"])
def test_not_ordinals(text: str) -> None:
    assert parse(text) is None


@pytest.mark.parametrize(
    ("value", "text"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (69, "LXIX"), (2024, "MMXXIV")]
)
def test_roman(value: int, text: str) -> None:
    assert roman(value) == text
    assert parse(text) == value


def test_roman_rejects_zero() -> None:
    with pytest.raises(ValueError):
        roman(0)
