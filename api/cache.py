"""What is computed once per store, or per object read from it (the dataset's counts, the dumps
folder, the pages' catalog and search index), and kept while it is served."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")

KEEP = 4  # objects remembered: the app's store, and a few tests' own


def per_store(compute: Callable[[K], T]) -> Callable[[K], T]:
    """``compute`` called once per store (or other object, by identity), its answer kept after."""
    cache: dict[int, tuple[K, T]] = {}
    lock = threading.Lock()

    @wraps(compute)
    def cached(store: K) -> T:
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
