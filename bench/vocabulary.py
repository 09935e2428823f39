"""What the synthetic corpus is made of, read from the real one: a word chain over the texts of
``corpus/*.txt`` (mandates start with an infinitive, as the real ones do), the headings as printed,
the names of meeting series, the plans' titles, and the register's actors, the gazetteer's places
and the themes, from the same files the build reads.

Every list keeps the order of the files it comes from, so that one seed gives one corpus.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from random import Random

from extract.entities.places import Place, read_places
from extract.entities.register import Actor, read_register
from extract.trace.themes import Theme, read_themes
from graph.paths import PROJECT_ROOT

CORPUS = PROJECT_ROOT / "corpus"

_END = ""  # the chain's end-of-sentence state
_BULLET = re.compile(r"^\s*(?:\(?[0-9ivxlcIVXLC]{1,6}(?:\.[0-9]+)*[.)-]|\(?[a-z][.)]|[-•–●·▪*])\s*")
_INFINITIVE = re.compile(r"^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+(?:ar|er|ir)$")
_HEADING_NUMBER = re.compile(r"^(?:[IVXLC]+|[0-9]+|[A-Z])[.)-]\s+")
_SERIES = re.compile(
    r"\b(Reuni[óo]n|Cumbre|Foro|Encuentro|Conferencia|Seminario|Di[áa]logo)"
    r" (de|del|sobre|entre) ([A-ZÁÉÍÓÚÑ][^,.;:()\n]{3,90})"
)
_CONNECTORS = {"de", "del", "la", "las", "los", "el", "y", "e", "para", "sobre", "en", "a"}
_TITLE_YEAR = re.compile(r"\b(19|20)[0-9]{2}(?:-(19|20)[0-9]{2})?\b")
_WORD = re.compile(r"[a-záéíóúñü]{7,}")


class VocabularyError(ValueError):
    """Raised when the real corpus gives too little to build sentences from; names the folder."""


@dataclass(frozen=True)
class Vocabulary:
    """The real corpus's words and names, ready to draw from."""

    chain: dict[tuple[str, str], list[str]]
    starts: list[tuple[str, str]]
    headings: list[str]
    series: list[
        tuple[str, str]
    ]  # (kind of meeting, series name), e.g. ("Reunión", "Reunión de …")
    titles: list[tuple[str, str]]  # (Spanish, English) with the year as "{year}"
    terms: list[str]  # content words, for text filters and evidence
    actors: list[Actor]
    places: list[Place]
    themes: list[Theme]

    def sentence(self, rng: Random, max_words: int = 60) -> str:
        """A mandate-like sentence: an infinitive, then the corpus's own word sequences."""
        a, b = rng.choice(self.starts)
        words = [a, b]
        while len(words) < max_words:
            following = self.chain.get((a, b))
            if not following:
                break
            nxt = rng.choice(following)
            if nxt == _END:
                break
            words.append(nxt)
            a, b = b, nxt
        while len(words) > 3 and words[-1].strip(",;:").lower() in _CONNECTORS:
            words.pop()
        text = " ".join(words).rstrip(",;:")
        return text if text.endswith(".") else text + "."


def load(corpus: Path = CORPUS) -> Vocabulary:
    """Read the vocabulary from ``corpus`` and the project's register, gazetteer and themes.

    Raises:
        VocabularyError: the corpus holds too few sentences or headings to draw from.
    """
    lines: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    chain: dict[tuple[str, str], list[str]] = {}
    starts: list[tuple[str, str]] = []
    headings: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if _is_heading(line):
            heading = _HEADING_NUMBER.sub("", line).strip()
            if heading and heading not in headings:
                headings.append(heading)
            continue
        words = _BULLET.sub("", line).split()
        if len(words) < 8:
            continue
        if _INFINITIVE.match(words[0]):
            starts.append((words[0], words[1]))
        for i in range(len(words) - 2):
            chain.setdefault((words[i], words[i + 1]), []).append(words[i + 2])
        chain.setdefault((words[-2], words[-1]), []).append(_END)
    if len(starts) < 20 or len(headings) < 10:
        raise VocabularyError(
            f"{corpus} gives {len(starts)} sentence openings and {len(headings)} headings; "
            "the generator needs at least 20 and 10"
        )
    return Vocabulary(
        chain=chain,
        starts=starts,
        headings=headings,
        series=_series(lines),
        titles=_titles(corpus / "plans.toml"),
        terms=_terms(lines),
        actors=list(read_register().values()),
        places=_places(),
        themes=list(read_themes().values()),
    )


def _is_heading(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return (
        len(letters) >= 4
        and line == line.upper()
        and 1 <= len(line.split()) <= 14
        and "  " not in line
    )


def _series(lines: Sequence[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for line in lines:
        for m in _SERIES.finditer(line):
            head, prep, rest = m.groups()
            kept: list[str] = []
            for word in rest.split():
                if word[0].isupper() or word in _CONNECTORS:
                    kept.append(word)
                else:
                    break
            while kept and kept[-1] in _CONNECTORS:
                kept.pop()
            if not kept:
                continue
            head = head.replace("Reunion", "Reunión").replace("Dialogo", "Diálogo")
            name = f"{head} {prep} {' '.join(kept)}"
            if (head, name) not in found and len(name) <= 100:
                found.append((head, name))
    return found


def _titles(manifest: Path) -> list[tuple[str, str]]:
    plans = tomllib.loads(manifest.read_text(encoding="utf-8"))["plan"]
    return [
        (
            _TITLE_YEAR.sub("{year}", p["title"]),
            _TITLE_YEAR.sub("{year}", p.get("title_en", p["title"])),
        )
        for p in plans
    ]


def _terms(lines: Sequence[str]) -> list[str]:
    """Words of seven letters or more that are neither rare nor everywhere."""
    counts: dict[str, int] = {}
    for line in lines:
        for word in _WORD.findall(line.lower()):
            counts[word] = counts.get(word, 0) + 1
    return [w for w, n in counts.items() if 5 <= n <= 40]


def _places() -> list[Place]:
    """The gazetteer's places; a city's country only when the gazetteer has that country too."""
    places = read_places()
    return [p if p.country in places else replace(p, country=None) for p in places.values()]
