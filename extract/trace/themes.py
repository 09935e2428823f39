"""Themes: the concept scheme of ``themes.toml`` and a tagger that gives every area and mandate
the themes its text signals.

Matching is on words, not characters: a text is tokenised by spaCy, and each token offers its
lemma and (unless it is a verb, whose surface form may look like a noun: "saluda" is not "salud")
its surface form. Both sides — the text's words and the terms' words — are lowercased, stripped of
accents and reduced to a crude stem (number and gender endings dropped), so that "Seguridad
Alimentaria" in a heading the lemmatizer left alone meets the term "seguridad alimentario".
Articles and "de"/"del" are skipped on both sides, hyphens join nothing ("Sur-Sur" is "sur sur")
and other punctuation breaks a phrase. Where terms of different themes overlap, the longest wins
("tecnología de la información" is ICT, not also science).

Who gets what (:func:`tag_plans`): a mandate gets the themes its own text signals, or else its
area's; an area gets those of its heading, or else of the first sentence of its objectives that
signals any, or else its parent's, or else the most common among the mandates under it. Every area and mandate ends with at least one theme.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textfold import fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from extract.records import Area, Plan

THEMES = Path(__file__).resolve().parent / "themes.toml"
SDG = "http://metadata.un.org/sdg/"
# Words skipped on both sides of a match: articles and the preposition "de" (with "del").
SKIP = frozenset({"el", "la", "lo", "los", "las", "un", "una", "unos", "unas", "de", "del"})
# Tokens that join words rather than separate them.
JOINERS = frozenset({"-", "–", "—", "‐", "/"})
# The most themes an area takes from its mandates when neither it nor its parent has any.
FROM_MANDATES = 3
_BREAK = "\x00"  # stands for punctuation: matches no term word
_WORD = re.compile(r"\w+", re.UNICODE)
_SPLIT = re.compile(r"[\s\-–—‐/]+")


@dataclass(frozen=True)
class Theme:
    """One ``[[theme]]`` of ``themes.toml``."""

    key: str
    label_es: str
    label_en: str
    definition_es: str
    definition_en: str
    sdg: tuple[int, ...] = ()
    terms: tuple[str, ...] = ()
    broader: str | None = None

    @property
    def sdg_iris(self) -> list[str]:
        """The IRIs of the SDG goals in the UN's SDG KOS (``http://metadata.un.org/sdg/{n}``)."""
        return [f"{SDG}{n}" for n in self.sdg]


def read_themes(path: Path = THEMES) -> dict[str, Theme]:
    """The themes of ``path`` by key, in file order; raises ``ValueError`` on a malformed entry."""
    with path.open("rb") as f:
        data = tomllib.load(f)
    themes: dict[str, Theme] = {}
    for entry in data.get("theme", []):
        key = entry.get("key", "")
        if not key or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key):
            raise ValueError(f"{path}: theme key {key!r} is not a slug")
        if key in themes:
            raise ValueError(f"{path}: theme {key!r} appears twice")
        for name in ("label_es", "label_en", "definition_es", "definition_en"):
            if not str(entry.get(name, "")).strip():
                raise ValueError(f"{path}: theme {key!r} has no {name}")
        sdg = tuple(entry.get("sdg", []))
        if any(not isinstance(n, int) or not 1 <= n <= 17 for n in sdg):
            raise ValueError(f"{path}: theme {key!r} has an SDG outside 1..17: {list(sdg)}")
        terms = tuple(entry.get("terms", []))
        if not terms or any(not isinstance(t, str) or not words(t) for t in terms):
            raise ValueError(f"{path}: theme {key!r} needs terms, each with a word")
        themes[key] = Theme(
            key=key,
            label_es=entry["label_es"],
            label_en=entry["label_en"],
            definition_es=entry["definition_es"],
            definition_en=entry["definition_en"],
            sdg=sdg,
            terms=terms,
            broader=entry.get("broader"),
        )
    for theme in themes.values():
        if theme.broader is not None and (
            theme.broader not in themes or theme.broader == theme.key
        ):
            raise ValueError(
                f"{path}: theme {theme.key!r} has an unknown broader {theme.broader!r}"
            )
    return themes


def read_neutral(path: Path = THEMES) -> list[str]:
    """The phrases of ``path`` that signal no theme (its top-level ``neutral`` list)."""
    with path.open("rb") as f:
        return list(tomllib.load(f).get("neutral", []))


def stem(word: str) -> str:
    """A crude Spanish stem of a folded word: plural ``-es``/``-s`` and a final ``a``/``e``/``o``
    dropped, so that gender and number do not matter ("alimentarias" ~ "alimentario")."""
    if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 3 and word[-1] in "aeo":
        word = word[:-1]
    return word


def words(phrase: str) -> tuple[str, ...]:
    """A term's words as the matcher compares them."""
    return tuple(stem(w) for w in map(fold, _SPLIT.split(phrase)) if w and w not in SKIP)


@dataclass(frozen=True)
class Match:
    """One term found in a text: ``start``/``end`` are character offsets into the text."""

    theme: str
    term: str
    start: int
    end: int


@dataclass
class _Position:
    forms: frozenset[str]
    start: int
    end: int


@dataclass
class ThemeTagger:
    """Finds the themes a text signals. Give it ``nlp`` to tag plain strings with lemmas too;
    without it strings are matched on their surface words only (a ``Doc`` always has lemmas)."""

    themes: Mapping[str, Theme] = field(default_factory=read_themes)
    nlp: Language | None = None
    neutral: Sequence[str] = field(default_factory=read_neutral)

    def __post_init__(self) -> None:
        # Terms by their first word: (words, theme key, term as written); neutral phrases have
        # the key "".
        self._index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        pairs = [(t.key, term) for t in self.themes.values() for term in t.terms]
        for key, term in [*pairs, *(("", phrase) for phrase in self.neutral)]:
            seq = words(term)
            if seq:
                self._index.setdefault(seq[0], []).append((seq, key, term))
        self._order = {key: i for i, key in enumerate(self.themes)}

    def __call__(self, text: str | Doc) -> list[str]:
        return self.tag(text)

    def tag(self, text: str | Doc) -> list[str]:
        """The keys of the themes ``text`` signals, in scheme order."""
        return self.keys(self.matches(text))

    def tag_all(self, texts: Iterable[str | Doc]) -> list[str]:
        """The themes any of ``texts`` signals (each matched on its own), in scheme order."""
        found: list[Match] = []
        for text in texts:
            found.extend(self.matches(text))
        return self.keys(found)

    def keys(self, found: Iterable[Match]) -> list[str]:
        return sorted({m.theme for m in found}, key=self._order.__getitem__)

    def matches(self, text: str | Doc) -> list[Match]:
        """Every term found, overlaps resolved in favour of the longest, in text order."""
        if isinstance(text, str):
            positions = self._positions(self.nlp(_prepare(text))) if self.nlp else _plain(text)
        else:
            positions = self._positions(text)
        spans: list[tuple[int, int, str, str]] = []
        for i, position in enumerate(positions):
            for form in position.forms:
                for seq, key, term in self._index.get(form, ()):
                    end = i + len(seq)
                    if end <= len(positions) and all(
                        w in positions[i + k].forms for k, w in enumerate(seq)
                    ):
                        spans.append((i, end, key, term))
        kept: list[tuple[int, int, str, str]] = []
        taken: set[int] = set()
        for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
            cover = set(range(span[0], span[1]))
            # Equal spans of different themes (one phrase, two themes) are both kept.
            if cover & taken and not any(k[:2] == span[:2] for k in kept):
                continue
            kept.append(span)
            taken |= cover
        kept.sort()
        found: dict[tuple[str, int, int], Match] = {}
        for s, e, key, term in kept:
            if not key:
                continue
            start, end = positions[s].start, positions[e - 1].end
            found.setdefault((key, start, end), Match(key, term, start, end))
        return list(found.values())

    @staticmethod
    def _positions(doc: Doc) -> list[_Position]:
        positions: list[_Position] = []
        for token in doc:
            if token.is_space or token.text in JOINERS:
                continue
            if token.is_punct:
                positions.append(_Position(frozenset({_BREAK}), token.idx, token.idx + len(token)))
                continue
            surface = [fold(w) for w in _SPLIT.split(token.text) if w]
            lemma = [fold(w) for w in _SPLIT.split(token.lemma_ or token.text) if w]
            if len(lemma) != len(surface):
                lemma = surface
            verb = token.pos_ in ("VERB", "AUX")
            for s, lem in zip(surface, lemma, strict=True):
                if s in SKIP:
                    continue
                forms = {stem(lem)} if verb else {stem(lem), stem(s)}
                positions.append(_Position(frozenset(forms), token.idx, token.idx + len(token)))
        return positions


def _plain(text: str) -> list[_Position]:
    positions: list[_Position] = []
    for m in re.finditer(r"\w+|[^\w\s\-–—‐/]", text):
        word = fold(m.group())
        if word in SKIP:
            continue
        form = stem(word) if _WORD.fullmatch(m.group()) else _BREAK
        positions.append(_Position(frozenset({form}), m.start(), m.end()))
    return positions


def _prepare(text: str) -> str:
    """Headings in capitals ("SEGURIDAD ALIMENTARIA") defeat the tagger and lemmatizer: they are
    put in lowercase first (offsets are unchanged)."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return text.lower()
    return text


def tag_plans(
    plans: Sequence[Plan],
    nlp: Language,
    themes: Mapping[str, Theme] | None = None,
) -> dict[int, list[str]]:
    """The themes of every area and mandate of ``plans``, by ``id()`` of the record.

    - a mandate: the themes its text signals; if none, its area's;
    - an area: the themes its heading signals; if none, those of the first sentence of its
      objectives that signals any (a heading names the area's subject, where objectives range
      wider: "Agricultura familiar" is about farming, though its objective also speaks of poverty,
      water and integration); if none, its parent's; if none, the most common among the mandates
      under it (at most three).

    Raises ``ValueError`` naming the first area or mandate left without a theme.
    """
    tagger = ThemeTagger(themes if themes is not None else read_themes(), nlp)
    # Every text to tag, run through the pipeline in one batch: (record, part, text).
    jobs: list[tuple[int, str, str]] = []
    for plan in plans:
        for area in plan.all_areas():
            jobs.append((id(area), "title", area.title.text))
            jobs.extend((id(area), "objectives", o.text) for o in area.objectives)
            jobs.extend((id(m), "text", m.text) for m in area.mandates)
    docs: dict[tuple[int, str], list[Doc]] = {}
    # The model's own components suffice (lemmas, tags, sentences); ours are not needed here.
    ours = [name for name in nlp.pipe_names if name.startswith("celac_")]
    with nlp.select_pipes(disable=ours):
        parsed = list(nlp.pipe(_prepare(t) for *_, t in jobs))
    for (owner, part, _), doc in zip(jobs, parsed, strict=True):
        docs.setdefault((owner, part), []).append(doc)
    matched: dict[tuple[int, str], list[str]] = {}
    for (owner, part), found in docs.items():
        if part == "objectives":
            # The first sentence that signals a theme: it states the area's aim, where the rest
            # of a long objective ranges over means and context.
            sentences = (sent.as_doc() for doc in found for sent in doc.sents)
            matched[owner, part] = next((k for k in map(tagger.tag, sentences) if k), [])
        else:
            matched[owner, part] = tagger.tag_all(found)

    def own(record: object, *parts: str) -> list[str]:
        for part in parts:
            keys = matched.get((id(record), part))
            if keys:
                return keys
        return []

    result: dict[int, list[str]] = {}

    def resolve(area: Area, parent: list[str], where: str) -> None:
        keys = own(area, "title", "objectives") or parent
        if not keys:
            under = [m for a in area.walk() for m in a.mandates]
            counts = Counter(k for m in under for k in own(m, "text"))
            if counts:
                top = max(counts.values())
                keys = [k for k in tagger.themes if counts.get(k) == top][:FROM_MANDATES]
        if not keys:
            raise ValueError(
                f"{where} area {area.number or '-'} {area.title.text[:60]!r} has no theme: "
                "neither its heading, its objectives, its parent nor its mandates signal one"
            )
        result[id(area)] = keys
        for mandate in area.mandates:
            result[id(mandate)] = own(mandate, "text") or keys
        for sub in area.areas:
            resolve(sub, keys, where)

    for plan in plans:
        for area in plan.areas:
            resolve(area, [], plan.id)
    return result


def explain(tagger: ThemeTagger, text: str | Doc) -> list[tuple[str, str, str]]:
    """``(theme, term, matched text)`` for each term found: why a text got its themes."""
    source = text if isinstance(text, str) else text.text
    return [(m.theme, m.term, source[m.start : m.end]) for m in tagger.matches(text)]
