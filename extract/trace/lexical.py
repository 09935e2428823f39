"""Lexical evidence: weighted vectors of content lemmas, their similarity, coverage, and clauses.

A lemma weighs by how rare it is in the corpus (IDF) times how rare it is in general Spanish
(``wordfreq``'s Zipf frequency): the genre's formulaic words ("promover", "cooperación",
"fortalecer") are frequent in both and count little; "analfabetismo", "OPANAL" or "corrupción"
count much. Long lemmas also give 6-letter pieces, so that "alfabetización" meets "analfabetismo".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from wordfreq import zipf_frequency

import textfold
from extract.text import fold

GRAM = 6  # letters in the pieces of long lemmas compared besides the lemmas
PIECE = 0.8  # what a lemma met only by a piece counts in coverage
ZIPF_TOP = 7.0  # the Zipf frequency of the most common Spanish words ("de", "la")
PIECE_MARK = "~"

Vector = dict[str, float]


@lru_cache(maxsize=65536)
def general_weight(lemma: str) -> float:
    """How specific a word is in general Spanish, in (0, 1]: 1 for a word wordfreq does not know,
    about 0.36 for "cooperación" (Zipf 4.5), 0.25 for "región" (5.2)."""
    word = lemma.removeprefix(PIECE_MARK)
    zipf = zipf_frequency(word, "es") if not lemma.startswith(PIECE_MARK) else 0.0
    return max(0.05, (ZIPF_TOP - zipf) / ZIPF_TOP)


def features(lemmas: Iterable[str]) -> Counter[str]:
    """Lemmas and the pieces of the long ones."""
    counts: Counter[str] = Counter(lemmas)
    for lemma in list(counts):
        if len(lemma) >= GRAM + 1:
            counts.update(
                f"{PIECE_MARK}{lemma[i : i + GRAM]}" for i in range(len(lemma) - GRAM + 1)
            )
    return counts


def stems(words: Iterable[str]) -> set[str]:
    """First six letters of each folded word: "migración" and "migraciones" meet."""
    return textfold.stems(w for w in words if len(w) > 2)


class Weights:
    """Corpus document frequencies, turned into lemma weights."""

    def __init__(self, documents: Iterable[Counter[str]]) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        for doc in documents:
            self.df.update(set(doc))
            self.n += 1

    def idf(self, lemma: str) -> float:
        return math.log((1 + self.n) / (1 + self.df[lemma])) + 1

    def weight(self, lemma: str) -> float:
        return self.idf(lemma) * general_weight(lemma)

    def vector(self, counts: Mapping[str, int]) -> Vector:
        return {k: c * self.weight(k) for k, c in counts.items()}


def norm(v: Mapping[str, float]) -> float:
    return math.sqrt(sum(w * w for w in v.values()))


def cosine(a: Mapping[str, float], b: Mapping[str, float], na: float, nb: float) -> float:
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[k] for k, w in a.items() if k in b) / (na * nb)


def coverage(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The weighted share of ``a``'s lemmas that ``b`` holds, whole or (at PIECE) by a piece."""
    total = held = 0.0
    for k, w in a.items():
        if k.startswith(PIECE_MARK):
            continue
        total += w
        if k in b:
            held += w
        elif len(k) > GRAM and any(
            f"{PIECE_MARK}{k[i : i + GRAM]}" in b for i in range(len(k) - GRAM + 1)
        ):
            held += PIECE * w
    return held / total if total else 0.0


def shared_terms(a: Mapping[str, float], b: Mapping[str, float], limit: int = 6) -> list[str]:
    """The lemmas both hold, weightiest first."""
    both = [k for k in a if k in b and not k.startswith(PIECE_MARK)]
    return sorted(both, key=lambda k: (-a[k] * b[k], k))[:limit]


# A clause ends at a semicolon, a colon that opens a list, a sentence end, or before an
# enumerated item ("a)", "i.", "-", "•") inside the mandate.
_CLAUSE = re.compile(r";|:\s|\.\s+(?=[A-ZÁÉÍÓÚÑ])|\s(?=(?:[a-z]|[ivx]+)\)\s)|\n\s*[-•·]\s*")
MIN_CLAUSE = 4  # words: shorter pieces belong to their neighbour


def clauses(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each action a mandate enumerates; the whole text when it states one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        piece = text[s:e].strip()
        if not piece:
            continue
        s = s + text[s:e].index(piece[0])
        e = s + len(piece)
        if merged and len(text[merged[-1][0] : merged[-1][1]].split()) < MIN_CLAUSE:
            merged[-1] = (merged[-1][0], e)
        elif merged and len(piece.split()) < MIN_CLAUSE:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged or [(0, len(text))]


def clause_lemmas(text: str, span: tuple[int, int], lemmas: Iterable[str]) -> Counter[str]:
    """The mandate's lemmas that stand in the clause (by their first letters: lemmas carry no
    offsets), with their pieces."""
    words = stems(re.findall(r"\w+", text[span[0] : span[1]]))
    return features(lemma for lemma in lemmas if fold(lemma)[:GRAM] in words)
