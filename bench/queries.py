"""The benchmark's queries: ``bench/queries/*.rq``, each a SPARQL query with a header.

    # title: point lookup of one mandate
    # group: point          (point, lineage, aggregate, text, join or describe)
    # accept: text/turtle   (optional; default application/sparql-results+json)

``{{mandate}}`` in a query stands for a random mandate IRI and ``{{term}}`` for a random word of
the corpus, drawn anew for every request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random
from urllib.parse import urlencode

QUERY_DIR = Path(__file__).resolve().parent / "queries"
DEFAULT_ACCEPT = "application/sparql-results+json"
PLACEHOLDERS = ("mandate", "term")
_HEADER = re.compile(r"^#\s*(title|group|accept):\s*(.+?)\s*$")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class QueryFileError(ValueError):
    """Raised when a ``.rq`` file lacks its header or names an unknown placeholder."""


@dataclass(frozen=True)
class Query:
    name: str  # the file's stem: "point"
    title: str
    group: str
    accept: str
    template: str

    @property
    def placeholders(self) -> list[str]:
        return sorted(set(_PLACEHOLDER.findall(self.template)))

    def fill(self, values: dict[str, str]) -> str:
        """The query with each ``{{name}}`` replaced by ``values[name]``."""
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], self.template)

    def instances(
        self, mandates: Sequence[str], terms: Sequence[str], count: int, rng: Random
    ) -> list[str]:
        """``count`` filled-in queries (one when the query has no placeholder)."""
        if not self.placeholders:
            return [self.template]
        pools = {"mandate": mandates, "term": terms}
        return [
            self.fill({name: rng.choice(pools[name]) for name in self.placeholders})
            for _ in range(count)
        ]


def read(path: Path) -> Query:
    """Parse one ``.rq`` file.

    Raises:
        QueryFileError: no ``# title:`` or ``# group:`` line, or an unknown ``{{placeholder}}``.
    """
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            header[m.group(1)] = m.group(2)
    missing = [k for k in ("title", "group") if k not in header]
    if missing:
        raise QueryFileError(f"{path} has no '# {missing[0]}:' line in its header")
    unknown = sorted(set(_PLACEHOLDER.findall(text)) - set(PLACEHOLDERS))
    if unknown:
        raise QueryFileError(
            f"{path} uses {{{{{unknown[0]}}}}}; the placeholders are {', '.join(PLACEHOLDERS)}"
        )
    return Query(
        name=path.stem,
        title=header["title"],
        group=header["group"],
        accept=header.get("accept", DEFAULT_ACCEPT),
        template=text,
    )


def read_all(folder: Path = QUERY_DIR, only: Sequence[str] = ()) -> list[Query]:
    """The queries of ``folder`` in name order, or only those named in ``only``.

    Raises:
        QueryFileError: a file is malformed, or a name in ``only`` has no file.
    """
    queries = [read(p) for p in sorted(folder.glob("*.rq"))]
    if only:
        names = {q.name for q in queries}
        for name in only:
            if name not in names:
                raise QueryFileError(
                    f"no query {name!r} in {folder}; there are {', '.join(sorted(names))}"
                )
        queries = [q for q in queries if q.name in only]
    return queries


def request_path(endpoint_path: str, sparql: str) -> str:
    """The GET path of a SPARQL protocol query: ``/sparql?query=…``."""
    return f"{endpoint_path}?{urlencode({'query': sparql})}"
