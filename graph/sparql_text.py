"""Reading a SPARQL query's text without parsing it, in one pass whose time grows linearly with
the text: is a word there as a keyword, how deep does the query nest, how many ``/`` has it?

The text is cut into tokens left to right, each looked at once: strings, IRIs, comments,
variables and prefixed names are opaque (a keyword or a bracket inside them is not the query's);
a string that never ends makes the rest of the text opaque, since the parser refuses it anyway.
Matching each of these forms anywhere in the text instead (``re.sub`` over alternatives that can
fail late) took time quadratic in the text's length: 64 KiB of ``1`` after a ``"from"``, or of
``\\"`` after an opening quote, held the server for 8 to 27 s (issue 13).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

_TOKENS = re.compile(
    "|".join(
        [
            # Opaque: a string, ended or (malformed: the rest of the text) not.
            r'"""(?:[^"\\]|\\.|"(?!""))*+"""',
            r'"""[\s\S]*+',
            r"'''(?:[^'\\]|\\.|'(?!''))*+'''",
            r"'''[\s\S]*+",
            r'"(?:[^"\\\n\r]|\\.)*+"',
            r"'(?:[^'\\\n\r]|\\.)*+'",
            r"[\"'][\s\S]*+",
            # Opaque: an IRI (its scan stops at the next "<", so no character is scanned twice),
            # a comment, a variable, a prefixed name.
            r'<[^<>"{}|^`\\\x00-\x20]*+>',
            r"#[^\n\r]*+",
            r"[?$]\w*+",
            r"[\w.-]*+:[\w.:%\\-]*+",
            # Kept: a run of word characters (matched whole, so that no later match starts
            # inside it and scans it again).
            r"(?P<word>[\w.-]++)",
        ]
    )
)
_STRUCTURE = re.compile(r"[{}()\[\]]")
_STEPS = {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}


def _code(match: re.Match[str]) -> str:
    word = match.group("word")
    return " " if word is None else word


def code(query: str) -> str:
    """``query`` with every string, IRI, comment, variable and prefixed name blanked: what is
    left is keywords, punctuation, numbers and whitespace."""
    return _TOKENS.sub(_code, query)


@dataclass(frozen=True, slots=True)
class Outline:
    """What the query's text shows outside its strings, IRIs and comments."""

    code: str  # the text with those blanked (see :func:`code`)
    depth: int  # how deep ``{ }``, ``( )`` and ``[ ]`` nest
    slashes: int  # ``/``: property-path steps or divisions

    def has_keyword(self, keyword: str) -> bool:
        """Whether ``keyword`` (a word such as "FROM" or "SERVICE") is there as a keyword."""
        return _keyword(keyword).search(self.code) is not None


def outline(query: str) -> Outline:
    """The :class:`Outline` of ``query``, in time linear in its length."""
    text = code(query)
    steps = [_STEPS[c] for c in _STRUCTURE.findall(text)]
    depth = max(accumulate(steps), default=0)
    return Outline(text, max(depth, 0), text.count("/"))


_KEYWORDS: dict[str, re.Pattern[str]] = {}


def _keyword(word: str) -> re.Pattern[str]:
    pattern = _KEYWORDS.get(word)
    if pattern is None:
        pattern = _KEYWORDS[word] = re.compile(rf"(?<![\w:]){word}(?![\w:])", re.IGNORECASE)
    return pattern


def has_keyword(query: str, keyword: str) -> bool:
    """Whether ``keyword`` ("FROM": the query names its own dataset; "SERVICE": it asks
    another endpoint) is in ``query`` as a keyword, not inside a string, an IRI or a comment."""
    pattern = _keyword(keyword)
    if not pattern.search(query):  # the usual case, and the cheap test
        return False
    return pattern.search(code(query)) is not None


def load_sources(update: str) -> list[str]:
    """What each ``LOAD`` of the SPARQL Update ``update`` would fetch: the IRI after it (without
    its ``<>``), or the prefixed name as written; in one pass, like :func:`code`."""
    sources: list[str] = []
    expecting = False  # after LOAD (and SILENT)
    for match in _TOKENS.finditer(update):
        token = match.group()
        word = match.group("word")
        if expecting and word is not None and word.upper() == "SILENT":
            continue
        if expecting:
            sources.append(token[1:-1] if token.startswith("<") else token)
            expecting = False
        elif word is not None and word.upper() == "LOAD":
            expecting = True
    return sources
