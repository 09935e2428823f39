"""Which earlier mandates a later mandate is compared with, and which it keeps as candidates.

Blocking, not every pair: a later mandate meets the earlier mandates with which it shares a block
key — a named thing (its own or its area's), a meeting series, or a rare lemma (or piece of one) —
and those that called a series it names. Each key's list grows with the corpus, but a rare key's
stays short, so tracing grows close to linearly.

Candidates are kept per earlier plan (the best k of EACH plan): a pair that skips a plan is never
crowded out by the pairs of the plan in between.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from extract.trace.items import Item
from extract.trace.lexical import PIECE_MARK, Weights
from extract.trace.series import called

RARE = 0.03  # a lemma is a block key when at most this share of the mandates hold it …
RARE_MIN = 4  # … or at most this many; and
TOP_LEMMAS = 12  # each mandate's weightiest lemmas are block keys too
PER_PLAN = 3  # candidates kept per earlier plan


def block_keys(item: Item, weights: Weights, limit: int) -> set[str]:
    keys = {f"n:{k}" for k in (*item.names, *item.context)}
    keys |= {f"s:{s}" for s in item.series}
    keys |= {f"l:{k}" for k in item.lemmas if weights.df[k] <= limit}
    whole = sorted(
        (k for k in item.lemmas if not is_piece(k)), key=lambda k: (-weights.weight(k), k)
    )
    keys |= {f"l:{k}" for k in whole[:TOP_LEMMAS]}
    return keys


def rare_limit(mandates: int) -> int:
    """The document frequency up to which a lemma is rare in a corpus of this many mandates."""
    return max(RARE_MIN, int(RARE * mandates))


def blocks(items: Sequence[Item], weights: Weights) -> dict[int, set[int]]:
    """For each later item (by position), the positions of the earlier items it meets."""
    limit = rare_limit(len(items))
    index: dict[str, list[int]] = defaultdict(list)
    keys = [block_keys(item, weights, limit) for item in items]
    for i, ks in enumerate(keys):
        for k in ks:
            index[k].append(i)
    met: dict[int, set[int]] = {}
    for i, item in enumerate(items):
        if item.plan == 0:
            continue
        found: set[int] = set()
        for k in keys[i]:
            found.update(j for j in index[k] if items[j].plan < item.plan)
        met[i] = found
    return met


def callers(
    items: Sequence[Item],
    owners_of: Callable[[str], set[str]],
    partners: Iterable[str],
    similarity: Callable[[Item, Item], float],
    referred: bool = True,
) -> dict[int, dict[int, int]]:
    """For each later item, the earlier item of each plan that best called each series it refers
    to (with ``referred`` false: each series or one-off meeting it convenes), with how surely it
    called it (4 … 1, ``series.called``)."""
    partners = set(partners)
    found: dict[int, dict[int, int]] = {}
    for i, later in enumerate(items):
        named = later.referred_series if referred else later.convened_series | later.convened_once
        for series in sorted(named):
            owners = owners_of(series)
            by_plan: dict[int, list[tuple[tuple[int, float], int]]] = {}
            for j, e in enumerate(items):
                if e.plan >= later.plan:
                    continue
                sc = called(series, e.caller, owners, partners)
                if sc[0] > 0:
                    by_plan.setdefault(e.plan, []).append((sc, j))
            for in_plan in by_plan.values():
                best = max(sc for sc, _ in in_plan)
                tied = [j for sc, j in in_plan if sc == best]
                # One sentence printed under several headings: the most similar.
                chosen = max(tied, key=lambda j: (similarity(later, items[j]), -j))
                mine = found.setdefault(i, {})
                mine[chosen] = max(mine.get(chosen, 0), best[0])
    return found


def keep_best(scored: Iterable[tuple[float, int, int]], k: int = PER_PLAN) -> list[tuple[int, int]]:
    """Of (score, earlier plan, earlier position) for one later mandate, the best ``k`` of each
    plan, as (plan, position)."""
    per_plan: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for score, plan, j in scored:
        per_plan[plan].append((score, j))
    kept: list[tuple[int, int]] = []
    for plan, rows in sorted(per_plan.items()):
        rows.sort(key=lambda r: (-r[0], r[1]))
        kept.extend((plan, j) for _, j in rows[:k])
    return kept


def is_piece(key: str) -> bool:
    return key.startswith(PIECE_MARK)
