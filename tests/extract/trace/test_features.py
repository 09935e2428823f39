"""Features of a pair that need no model: shared rare lemmas."""

from __future__ import annotations

from collections import Counter

from extract.trace.features import shared_rare
from extract.trace.lexical import features


def test_features_shared_rare_lemmas_count_only_the_rare_whole_ones() -> None:
    later = features(["erradicar", "analfabetismo", "promover", "cooperación"])
    earlier = features(["alfabetización", "analfabetismo", "promover", "cooperación"])
    df = Counter({"analfabetismo": 2, "promover": 80, "cooperación": 120, "alfabetización": 3})
    # "promover" and "cooperación" are shared but common; pieces ("~alfabe") never count.
    assert shared_rare(later, earlier, df, limit=9) == 1
    assert shared_rare(later, earlier, df, limit=100) == 2
    assert shared_rare(later, Counter({"turismo": 1}), df, limit=9) == 0
