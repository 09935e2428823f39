"""The words of a meeting's name: heads, connectors, ordinals, and how a token reads."""

from __future__ import annotations

import re

from spacy.tokens import Token

from extract.entities.dates import MONTHS
from extract.entities.places import fold

HEADS = {
    "reunion": "Reunión", "cumbre": "Cumbre", "foro": "Foro", "conferencia": "Conferencia",
    "encuentro": "Encuentro", "consulta": "Consulta", "sesion": "Sesión", "feria": "Feria",
    "exposicion": "Exposición", "expo": "Exposición", "competencia": "Competencia",
    "videoconferencia": "Videoconferencia", "taller": "Taller", "seminario": "Seminario",
    "congreso": "Congreso", "debate": "Debate General", "periodo": "Período de sesiones",
    "dialogo": "Diálogo",
}  # fmt: skip
# An event's English name printed in a Spanish text keeps the English order: its modifiers stand
# before the head ("STS Forum", "World Economic Forum"), and are part of the name.
ENGLISH_HEADS = {"forum": "Foro", "summit": "Cumbre", "conference": "Conferencia"}
HEADS |= ENGLISH_HEADS
PLURAL = {h + "es": h for h in ("reunion", "sesion", "exposicion", "taller")} | {
    h + "s": h for h in HEADS if not h.endswith(("n", "r"))
}
CONNECT = {"de", "del", "la", "las", "los", "el", "y", "e", "sobre", "para", "contra", "entre"}
# Lower-case words of fixed phrases inside names ("Estados miembros").
FIXED_LOWER = {"miembros", "miembro", "partes"}
INDEFINITE = {"otra", "otro", "otras", "otros", "cualquier", "alguna", "algun"}
DASHES = {"-", "–", "—"}
QUOTES = {"“", "”", '"', "«", "»", "‘", "’"}
FUNCTION = {
    "la",
    "el",
    "los",
    "las",
    "a",
    "al",
    "una",
    "un",
    "en",
    "durante",
    "de",
    "del",
    "y",
    "e",
}
_ORD_WORD = (
    r"(?:primer[oa]?|segund[oa]|tercer[oa]?|cuart[oa]|quint[oa]|sext[oa]|s[eé]ptim[oa]|octav[oa]"
    r"|noven[oa]|und[eé]cim[oa]|duod[eé]cim[oa]|d[eé]cim[oa](?:\s*[a-zé]+[oa])?|vig[eé]sim[oa](?:\s*[a-zé]+[oa])?)"
)
_ORD = rf"(?:\b[IVXLC]+\b|(?i:\b{_ORD_WORD}\b)|\b\d{{1,3}}\s?(?:\.?\s?[ºª°]|(?i:er|era|ra|ro|do|da|to|ta)\b\.?))"
ORD_BEFORE = re.compile(rf"(?:({_ORD})\s*(?:,|y|e)\s*)?({_ORD})\s*$")
MECHANISM = re.compile(
    r"(?:establec\w*|crea\w*|mecanismo)\s+(?:de\s+|del\s+)?(?:la\s+|el\s+|un\s+)?$", re.I
)
PARTNERS = {
    "china",
    "celac",
    "alc",
    "lac",
    "america",
    "latina",
    "caribe",
    "y",
    "el",
    "-",
    "–",
    "—",
}


def head_of(token: Token) -> str | None:
    word = fold(token.text)
    word = PLURAL.get(word, word)
    return word if word in HEADS else None


def is_cap(token: Token) -> bool:
    text = token.text
    return (
        bool(text)
        and text[0].isupper()
        and any(c.isalpha() for c in text)
        and fold(text) not in MONTHS
    )


def is_plural(token: Token) -> bool:
    return fold(token.text) in PLURAL


def tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def title(text: str) -> str:
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        if i and fold(w) in CONNECT | {"o", "u", "en", "con", "por"}:
            out.append(w.lower())
        elif w[:1].islower():
            out.append(w[:1].upper() + w[1:])
        else:
            out.append(w)
    return " ".join(out)
