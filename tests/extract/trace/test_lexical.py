"""Lexical evidence: general Spanish frequency discounts the genre's formulaic words; clauses."""

from __future__ import annotations

from collections import Counter

from extract.trace.lexical import (
    Weights,
    clause_lemmas,
    clauses,
    cosine,
    coverage,
    features,
    general_weight,
    norm,
)


def test_lexical_common_spanish_words_weigh_less_than_specific_ones() -> None:
    assert general_weight("cooperación") < general_weight("analfabetismo")
    assert general_weight("promover") < general_weight("alfabetización")
    assert general_weight("opanal") == 1.0  # a word wordfreq does not know


def test_lexical_pieces_let_related_words_meet() -> None:
    a, b = features(["alfabetización"]), features(["analfabetismo"])
    assert set(a) & set(b)  # "~alfabe" and friends


def test_lexical_formulaic_overlap_scores_below_specific_overlap() -> None:
    docs = [
        Counter(features(x))
        for x in (
            ["promover", "cooperación", "analfabetismo"],
            ["promover", "cooperación", "migración"],
            ["fortalecer", "cooperación", "analfabetismo"],
        )
    ]
    w = Weights(docs)
    v = [w.vector(d) for d in docs]
    n = [norm(x) for x in v]
    formulaic = cosine(v[0], v[1], n[0], n[1])  # share "promover", "cooperación"
    specific = cosine(v[0], v[2], n[0], n[2])  # share "cooperación", "analfabetismo"
    assert specific > formulaic


def test_lexical_coverage_of_a_short_text_inside_a_long_one() -> None:
    short = {"movilidad": 1.0, "académico": 1.0}
    long = {"movilidad": 1.0, "académico": 1.0, "universidad": 1.0, "red": 1.0}
    assert coverage(short, long) == 1.0
    assert coverage(long, short) == 0.5


def test_lexical_clauses_of_an_enumerating_mandate() -> None:
    text = (
        "Promover el patrimonio cultural de la región mediante las siguientes acciones: "
        "proteger los sitios arqueológicos de la región; combatir el tráfico ilícito de bienes "
        "culturales; y fomentar las industrias culturales."
    )
    spans = clauses(text)
    pieces = [text[s:e] for s, e in spans]
    assert len(pieces) == 4
    assert any(p.startswith("combatir el tráfico ilícito") for p in pieces)


def test_lexical_a_mandate_of_one_action_is_one_clause() -> None:
    text = "Implementar programas de alfabetización y post alfabetización."
    assert clauses(text) == [(0, len(text))]


def test_lexical_clause_lemmas_are_the_clause_words() -> None:
    text = "proteger los sitios; combatir el tráfico ilícito"
    spans = clauses("Promover acciones diversas y varias: " + text)
    lemmas = ["proteger", "sitio", "combatir", "tráfico", "ilícito"]
    got = clause_lemmas(text, (text.index("combatir"), len(text)), lemmas)
    assert {k for k in got if not k.startswith("~")} == {"combatir", "tráfico", "ilícito"}
    assert spans
