"""The one reader of register-shaped reference tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from extract.entities.keyed import read_keyed
from extract.errors import ManifestError


@dataclass(frozen=True)
class Row:
    key: str
    name: str


def row(entry: Mapping[str, Any]) -> Row:
    return Row(key=entry["key"], name=entry["name"])


def test_read_keyed_gives_the_entries_by_key(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text('[[row]]\nkey = "a"\nname = "A"\n[[row]]\nkey = "b"\nname = "B"\n')
    assert read_keyed(path, "row", "the table", row) == {"a": Row("a", "A"), "b": Row("b", "B")}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[row]]\nkey = "a"\n', "row #1 has no 'name'"),
        (
            '[[row]]\nkey = "a"\nname = "A"\n[[row]]\nkey = "a"\nname = "B"\n',
            "row #2 repeats the key 'a'",
        ),
        ("[[row]\n", "the table cannot be read"),
    ],
)
def test_read_keyed_names_the_file_and_the_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "t.toml"
    path.write_text(text)
    with pytest.raises(ManifestError) as caught:
        read_keyed(path, "row", "the table", row)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_read_keyed_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="the table cannot be read"):
        read_keyed(tmp_path / "absent.toml", "row", "the table", row)
