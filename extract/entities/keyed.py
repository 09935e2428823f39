"""One reader for the reference tables shaped like the register: a TOML file holding an array of
tables (``[[actor]]``, ``[[place]]``), each entry with a unique ``key``."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

from extract.errors import ManifestError


class Keyed(Protocol):
    @property
    def key(self) -> str: ...


T = TypeVar("T", bound=Keyed)


def read_keyed(
    path: Path, table: str, what: str, make: Callable[[Mapping[str, Any]], T]
) -> dict[str, T]:
    """The entries of the array of tables ``table`` in ``path``, each made by ``make``, by key.

    ``what`` names the file in errors ("the register", "the gazetteer").

    Raises:
        ManifestError: the file is missing or malformed, an entry lacks a field ``make`` requires
            (a ``KeyError``), or repeats a key.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ManifestError(str(path), f"{what} cannot be read: {e}") from e
    entries: dict[str, T] = {}
    for i, entry in enumerate(data.get(table, []), start=1):
        try:
            made = make(entry)
        except KeyError as e:
            raise ManifestError(str(path), f"{table} #{i} has no {e.args[0]!r}") from None
        if made.key in entries:
            raise ManifestError(str(path), f"{table} #{i} repeats the key {made.key!r}")
        entries[made.key] = made
    return entries
