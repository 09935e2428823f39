"""Reading a SPARQL query's text without parsing it: is a word there as a keyword?"""

from __future__ import annotations

import re

_NOT_KEYWORDS = re.compile(
    "|".join(
        [
            r'"""(?:[^"\\]|\\.|"(?!""))*+"""',  # long strings
            r"'''(?:[^'\\]|\\.|'(?!''))*+'''",
            r'"(?:[^"\\\n\r]|\\.)*+"',  # strings
            r"'(?:[^'\\\n\r]|\\.)*+'",
            r'<[^<>"{}|^`\\\x00-\x20]*+>',  # IRIs
            r"#[^\n\r]*+",  # comments
            r"[?$]\w++",  # variables
            r"[\w.-]*+:[\w.:%\\-]*+",  # prefixed names
        ]
    )
)
_KEYWORDS = {
    word: re.compile(rf"(?<![\w:]){word}(?![\w:])", re.IGNORECASE) for word in ("FROM", "SERVICE")
}


def has_keyword(query: str, keyword: str) -> bool:
    """Whether ``keyword`` ("FROM": the query names its own dataset; "SERVICE": it asks
    another endpoint) is in ``query`` as a keyword, not inside a string, an IRI or a comment."""
    pattern = _KEYWORDS[keyword]
    if not pattern.search(query):  # the usual case, and the cheap test
        return False
    return pattern.search(_NOT_KEYWORDS.sub(" ", query)) is not None
