"""Several sources of one plan (a web page and a PDF table, say) made into one list of areas.

Areas are paired by the similarity of their titles, in document order (an alignment that never
crosses); within a pair, mandates are paired one to one by the similarity of their wording. A pair
becomes one record holding the passage of every source (the first source's wording is the text, the
others are variants); whatever finds no partner is kept as it is. Nothing is dropped.

Similarity is the Dice coefficient of two bags of content words, compared as crude stems: accents
and case dropped, Spanish function words dropped, each word cut to its first letters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.records import Area, Mandate
from extract.text import Source
from textfold import fold
from textfold import stems as stems_of

# Two titles may name the same area from this similarity up ("Metodología CELAC contra la
# corrupción" / "Esfuerzos CELAC contra la corrupción" score 0.67). Titles of different areas that
# share words can score as much ("1er. Encuentro CELAC de Rectores" / "… 1er encuentro CELAC
# innovación", 0.5): the order-preserving alignment, not the threshold, keeps those apart.
AREA_THRESHOLD = 0.4
# Two items are one mandate from this similarity up. In PPT-2020 the rewordings of one item score
# 0.46 and more ("Foro aeroespacial con sede en México." / "Encuentro aeroespacial con sede en
# México para definir y poner en marcha proyecto común."); different items of one area score 0.39
# and less (the table's ocean-forum item, with its three work axes, against the web's "Our Ocean"
# item, which is one of those axes). The threshold sits in that gap.
MANDATE_THRESHOLD = 0.42

STOPWORDS = frozenset(
    """a al ante asi bajo cada como con contra cual cuales de del desde donde durante e el ella
    ellas ello ellos en entre era es esa esas ese eso esos esta estas este esto estos fue fueron
    ha han hacia hasta la las le les lo los mas mediante muy ni no o os otra otras otro otros para
    pero por que quien se sea ser si sin sobre su sus tal tambien tan te tiene tienen todo todos
    tras u un una unas uno unos y ya""".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def stems(text: str) -> frozenset[str]:
    """The content words of ``text`` as crude stems (their first textfold.STEM letters: "premios"
    and "premio", "tecnológica" and "tecnología" meet): no accents, lower case, no function words."""
    return frozenset(stems_of(w for w in _WORD.findall(fold(text)) if w not in STOPWORDS))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the content-word stems of two texts (0 to 1)."""
    sa, sb = stems(a), stems(b)
    if not sa or not sb:
        return 0.0
    return 2 * len(sa & sb) / (len(sa) + len(sb))


def align(left: Sequence[str], right: Sequence[str], threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j) of the order-preserving alignment of most total similarity ≥ ``threshold``."""
    n, m = len(left), len(right)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best = max(score[i - 1][j], score[i][j - 1])
            s = similarity(left[i - 1], right[j - 1])
            if s >= threshold:
                best = max(best, score[i - 1][j - 1] + s)
            score[i][j] = best
    pairs: list[tuple[int, int]] = []
    i, j = n, m
    while i and j:
        if score[i][j] == score[i - 1][j]:
            i -= 1
        elif score[i][j] == score[i][j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


def pair_mandates(
    left: Sequence[Mandate], right: Sequence[Mandate], threshold: float = MANDATE_THRESHOLD
) -> dict[int, int]:
    """One-to-one pairs right index → left index, most similar first, at ``threshold`` or above."""
    scored = [
        (similarity(a.text, b.text), i, j) for i, a in enumerate(left) for j, b in enumerate(right)
    ]
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for s, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if s >= threshold and i not in taken and j not in pairs:
            pairs[j] = i
            taken.add(i)
    return pairs


def merge_mandates(left: Sequence[Mandate], right: Sequence[Mandate]) -> list[Mandate]:
    """The mandates of two sources of one area: pairs joined, the rest kept in place.

    An unpaired right item goes after the nearest preceding paired one; with none before it, just
    before the first paired one; with no pair at all, after all the left items.
    """
    pairs = pair_mandates(left, right)
    partner = {i: j for j, i in pairs.items()}
    joined = []
    for i, a in enumerate(left):
        b = right[partner[i]] if i in partner else None
        passages = [*a.passages, *b.passages] if b else list(a.passages)
        notes = [*a.notes, *b.notes] if b else list(a.notes)
        number = a.number if a.number is not None or b is None else b.number
        joined.append(Mandate(number, passages, notes))
    after: dict[int, list[Mandate]] = {}
    paired = sorted(pairs)
    for j, b in enumerate(right):
        if j in pairs:
            continue
        before = [k for k in paired if k < j]
        later = [k for k in paired if k > j]
        if before:
            slot = pairs[before[-1]]
        elif later:
            slot = pairs[later[0]] - 1
        else:
            slot = len(left) - 1
        after.setdefault(slot, []).append(b)
    merged = list(after.get(-1, []))
    for i, mandate in enumerate(joined):
        merged.append(mandate)
        merged.extend(after.get(i, []))
    return merged


def merge_areas(a: Area, b: Area) -> Area:
    """One area from two sources' readings of it."""
    return Area(
        a.number if a.number is not None else b.number,
        a.title,
        objectives=[*a.objectives, *b.objectives],
        axis=[*a.axis, *b.axis],
        responsible=[*a.responsible, *b.responsible],
        mandates=merge_mandates(a.mandates, b.mandates),
        areas=_merge_lists(a.areas, b.areas),
        titles=[*a.titles, *b.titles],
    )


def _merge_lists(left: list[Area], right: list[Area]) -> list[Area]:
    pairs = align([x.title.text for x in left], [y.title.text for y in right], AREA_THRESHOLD)
    # Both lists in order, paired areas joined, unpaired ones of the left before the right's.
    result: list[Area] = []
    i = j = 0
    for pi, pj in [*pairs, (len(left), len(right))]:
        result.extend(left[i:pi])
        result.extend(right[j:pj])
        if pi < len(left) and pj < len(right):
            result.append(merge_areas(left[pi], right[pj]))
        i, j = pi + 1, pj + 1
    return result


def reconcile(parsed: list[tuple[Source, list[Area]]]) -> list[Area]:
    """One list of areas from the areas each source of a plan gives, the first source leading."""
    if not parsed:
        return []
    areas = parsed[0][1]
    for _source, more in parsed[1:]:
        areas = _merge_lists(areas, more)
    return areas
