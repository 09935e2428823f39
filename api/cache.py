"""What is computed once per store (the dataset's counts, the dumps folder) and kept while the
store is served."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from graph.store import Store

T = TypeVar("T")

KEEP = 4  # stores remembered: the app's, and a few tests' own


def per_store(compute: Callable[[Store], T]) -> Callable[[Store], T]:
    """``compute`` called once per store object (by identity), its answer kept after."""
    cache: dict[int, tuple[Store, T]] = {}
    lock = threading.Lock()

    @wraps(compute)
    def cached(store: Store) -> T:
        hit = cache.get(id(store))
        if hit is not None and hit[0] is store:
            return hit[1]
        with lock:  # one computation however many requests arrive at once
            hit = cache.get(id(store))
            if hit is not None and hit[0] is store:
                return hit[1]
            value = compute(store)
            if len(cache) >= KEEP:
                cache.pop(next(iter(cache)))
            cache[id(store)] = (store, value)
            return value

    return cached
