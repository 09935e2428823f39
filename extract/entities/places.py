"""The ``celac_places`` component: cities and countries of the gazetteer (``places.toml``).

Genre rules:

- a name of the gazetteer matches whatever its accents and case, but must start with a capital in
  the text ("Chile", "CHILE"; never the noun "chile" or the adjective "antigua");
- the longest name wins ("Antigua y Barbuda" over "Antigua", "Ciudad de México" over "México");
- "City, Country" (the city's own country) is one mention with both ("Caracas, Venezuela",
  "Antigua, Guatemala"); a city alone gets its country from the gazetteer;
- a ``qualified`` city's one-word name ("Antigua", "Salvador") counts only when its country follows;
- a place the gazetteer does not hold is kept only where the model tags it as a location and the
  text says something is held there ("celebrada en Valparaíso", "a realizarse en Valparaíso,
  Chile"): it becomes a city keyed by the slug of its name, with the country that follows it if
  any, and no Wikidata id. Other unknown locations ("en América Latina") are left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract.entities.keyed import read_keyed
from extract.entities.mentions import PlaceMention
from extract.errors import ManifestError
from textfold import fold_aligned

PLACES = Path(__file__).resolve().parent / "places.toml"

if not Doc.has_extension("celac_places"):
    Doc.set_extension("celac_places", default=None)

# A word earlier in the clause that says something is held "en <place>".
_HELD = re.compile(
    r"\b(?:celebr|realiz|efectu|reuni|llev\w*\s+a\s+cabo|sede|lugar|convoc)[^.;]*\ben\s*$", re.I
)
# Regions are not venues: "en América Latina", "en el Caribe", "en la Región".
_REGION = re.compile(r"\b(?:América|Américas|Caribe|Latinoamérica|Región|Mundo|Sur|Norte)\b", re.I)


@dataclass(frozen=True)
class Place:
    """One city or country, with every name the texts give it."""

    key: str
    label_es: str
    label_en: str
    kind: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    qualified: bool = False
    wikidata: str | None = None
    source: str | None = None
    names: tuple[str, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", (self.label_es, *self.aliases))


def read_places(path: Path = PLACES) -> dict[str, Place]:
    """The gazetteer by key.

    Raises:
        ManifestError: the gazetteer is missing, malformed, or an entry lacks a required field.
    """
    places = read_keyed(path, "place", "the gazetteer", _place)
    for place in places.values():
        if place.kind not in ("city", "country"):
            raise ManifestError(str(path), f"place {place.key!r} has kind {place.kind!r}")
    for place in places.values():
        if place.country and place.country not in places:
            raise ManifestError(
                str(path), f"{place.key!r} names an unknown country {place.country!r}"
            )
    return places


def _place(entry: Mapping[str, Any]) -> Place:
    return Place(
        key=entry["key"],
        label_es=entry["label_es"],
        label_en=entry["label_en"],
        kind=entry["kind"],
        country=entry.get("country") or None,
        aliases=tuple(entry.get("aliases", [])),
        qualified=bool(entry.get("qualified", False)),
        wikidata=entry.get("wikidata"),
        source=entry.get("source"),
    )


# Lower case without accents, one character for one: offsets into it are offsets into the text.
fold = fold_aligned


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    place: Place
    name: str


class PlaceFinder:
    """Marks the gazetteer's places, "City, Country" pairs, and unknown venues of held meetings."""

    def __init__(self, register: Path = PLACES) -> None:
        self.places = read_places(register)
        names = sorted(
            {(fold(n), p.key, n) for p in self.places.values() for n in p.names},
            key=lambda t: -len(t[0]),
        )
        self.owner = {folded: (key, name) for folded, key, name in reversed(names)}
        self.pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(f) for f, _, _ in names) + r")(?![\w-])"
        )

    def _hits(self, text: str) -> list[_Hit]:
        hits = []
        for m in self.pattern.finditer(fold(text)):
            if not text[m.start()].isupper():
                continue
            key, name = self.owner[m.group(0)]
            hits.append(_Hit(m.start(), m.end(), self.places[key], name))
        return hits

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        hits = self._hits(text)
        found: list[PlaceMention] = []
        used: set[int] = set()
        for i, hit in enumerate(hits):
            if i in used:
                continue
            nxt = hits[i + 1] if i + 1 < len(hits) else None
            paired = (
                nxt is not None
                and hit.place.kind == "city"
                and nxt.place.kind == "country"
                and nxt.place.key == hit.place.country
                and re.fullmatch(r",\s*", text[hit.end : nxt.start]) is not None
            )
            if paired and nxt is not None:
                used.add(i + 1)
                found.append(
                    PlaceMention(
                        hit.start, nxt.end, text[hit.start : nxt.end], hit.place.key, nxt.place.key
                    )
                )
            elif hit.place.kind == "city":
                if hit.place.qualified and " " not in hit.name.strip():
                    continue  # "Antigua" alone: not enough to tell the city
                found.append(
                    PlaceMention(
                        hit.start,
                        hit.end,
                        text[hit.start : hit.end],
                        hit.place.key,
                        hit.place.country,
                    )
                )
            else:
                found.append(
                    PlaceMention(hit.start, hit.end, text[hit.start : hit.end], None, hit.place.key)
                )
        venues, consumed = self._venues(doc, found)
        found = [p for p in found if id(p) not in consumed] + venues
        doc._.celac_places = sorted(found, key=lambda p: p.start)
        return doc

    def _venues(self, doc: Doc, known: list[PlaceMention]) -> tuple[list[PlaceMention], set[int]]:
        """The model's locations the gazetteer lacks, where the text says a meeting is held there;
        with the ids of the country mentions that became part of them ("Valparaíso, Chile")."""
        text = doc.text
        venues: list[PlaceMention] = []
        consumed: set[int] = set()
        for ent in doc.ents:
            if ent.label_ not in ("LOC", "GPE"):
                continue
            inner: list[PlaceMention] = []
            if any(p.start < ent.end_char and ent.start_char < p.end for p in known):
                # "Valparaíso, Chile" may come as one entity: keep the part before the country.
                inner = [p for p in known if ent.start_char < p.start < ent.end_char]
                if not inner or inner[0].city is not None:
                    continue
                end, country = inner[0].start, inner[0].country
                name = text[ent.start_char : end].rstrip(" ,")
            else:
                name, country = ent.text, None
            if (
                not name
                or not name[0].isupper()
                or any(
                    w[0].islower() and w not in ("de", "del", "la", "las", "los", "el")
                    for w in name.split()
                )
            ):
                continue
            if _REGION.search(name) or not _HELD.search(
                text[max(0, ent.start_char - 120) : ent.start_char]
            ):
                continue
            end = ent.start_char + len(name)
            if inner and not re.fullmatch(r",\s*", text[end : inner[0].start]):
                continue  # "Infraestructura China": not "City, Country"
            if re.match(r"\s*[-–—]", text[ent.end_char :]):
                continue  # "… China - LAC": part of a name
            follow = next(
                (p for p in known if p.city is None and re.fullmatch(r",\s*", text[end : p.start])),
                None,
            )
            if follow is not None:
                country = follow.country
                consumed.add(id(follow))
            stop = follow.end if follow is not None else end
            if inner:  # the country became part of the venue; only now, when there is one
                consumed.add(id(inner[0]))
            venues.append(
                PlaceMention(ent.start_char, stop, text[ent.start_char : stop], slug(name), country)
            )
        return venues, consumed


@Language.factory("celac_places", default_config={"register": str(PLACES)})
def make_place_finder(nlp: Language, name: str, register: str) -> PlaceFinder:  # noqa: ARG001
    return PlaceFinder(Path(register))
