"""The register of actors and partners (``register.toml``): domain knowledge kept as data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.entities.keyed import read_keyed

REGISTER = Path(__file__).resolve().parent / "register.toml"


@dataclass(frozen=True)
class Actor:
    """One real-world organisation, body, mechanism or state, with every name the texts give it."""

    key: str
    label_es: str
    label_en: str
    kind: str
    partner: bool = False
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    source: str | None = None
    names: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", (self.label_es, *self.aliases))


def read_register(path: Path = REGISTER) -> dict[str, Actor]:
    """The actors of the register by key.

    Raises:
        ManifestError: the register is missing, malformed, or an entry lacks a required field.
    """
    return read_keyed(path, "actor", "the register", _actor)


def _actor(entry: Mapping[str, Any]) -> Actor:
    return Actor(
        key=entry["key"],
        label_es=entry["label_es"],
        label_en=entry["label_en"],
        kind=entry["kind"],
        partner=bool(entry.get("partner", False)),
        acronyms=tuple(entry.get("acronyms", [])),
        aliases=tuple(entry.get("aliases", [])),
        wikidata=entry.get("wikidata"),
        source=entry.get("source"),
    )
