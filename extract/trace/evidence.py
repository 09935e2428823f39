"""The evidence for a pair in words, in Spanish and in English: what the two texts share."""

from __future__ import annotations

from functools import cache

from extract.trace.features import Pair
from extract.trace.themes import Theme, read_themes

MAX_CLAUSE = 160  # characters of a clause quoted as evidence


def _quote(text: str, span: tuple[int, int]) -> str:
    piece = " ".join(text[span[0] : span[1]].split())
    return piece if len(piece) <= MAX_CLAUSE else piece[: MAX_CLAUSE - 1].rstrip() + "…"


@cache
def _themes() -> dict[str, Theme]:
    return read_themes()


def _theme_labels(keys: list[str], lang: str) -> str:
    """Themes by their labels in ``lang``, never by their keys."""
    known = _themes()
    return ", ".join(
        (known[k].label_es if lang == "es" else known[k].label_en) if k in known else k
        for k in keys
    )


def lines(pair: Pair) -> tuple[list[str], list[str]]:
    """(Spanish lines, English lines), strongest evidence first; never empty."""
    v = pair.values
    es: list[str] = []
    en: list[str] = []
    if pair.named_plan:
        es.append(f"nombra el plan anterior: {pair.named_plan}")
        en.append(f"names the earlier plan: {pair.named_plan}")
    if v["explicit"] and (not pair.named_plan or v["explicit"] > 0.5):
        es.append("remite a una reunión que el mandato anterior convocó")
        en.append("refers to a meeting the earlier mandate called")
    if pair.shared_series:
        s = ", ".join(pair.shared_series)
        if v["series_next"]:
            es.append(f"siguiente edición de la misma serie de reuniones: {s}")
            en.append(f"next edition of the same meeting series: {s}")
        else:
            es.append(f"misma serie de reuniones: {s}")
            en.append(f"same meeting series: {s}")
    if v["called"]:
        es.append("convoca una reunión de la serie que el mandato anterior llamó a celebrar")
        en.append("convenes a meeting of a series the earlier mandate called for")
    if pair.shared_names:
        n = "; ".join(pair.shared_names)
        es.append(f"nombran lo mismo: {n}")
        en.append(f"shared names: {n}")
    if pair.shared_support:
        n = "; ".join(pair.shared_support)
        es.append(f"mismo apoyo (pesa poco): {n}")
        en.append(f"same supporting body (weighs little): {n}")
    if pair.terms:
        t = ", ".join(pair.terms)
        es.append(f"términos comunes: {t}")
        en.append(f"shared terms: {t}")
    if pair.clause_pair and (pair.later.clause_vectors or pair.earlier.clause_vectors):
        later = _quote(pair.later.mandate.text, pair.clause_pair[0])
        earlier = _quote(pair.earlier.mandate.text, pair.clause_pair[1])
        es.append(f"cláusulas más cercanas ({v['clause']:.2f}): «{later}» ← «{earlier}»")
        en.append(f"closest clauses ({v['clause']:.2f}): “{later}” ← “{earlier}”")
    themes = sorted(pair.later.themes & pair.earlier.themes)
    if themes:
        es.append("temas comunes: " + _theme_labels(themes, "es"))
        en.append("shared themes: " + _theme_labels(themes, "en"))
    if not en:
        es.append(f"similitud léxica {v['lexical']:.2f}")
        en.append(f"lexical similarity {v['lexical']:.2f}")
    return es, en
