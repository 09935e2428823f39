"""Where an item was read: its passage in the source text, with some text before and after.

The provenance gives the source file's name, its SHA-256 and character offsets into its decoded
text. The text is read from the corpus folder — the one beside the build, else the project's — and
used only when its digest is the one the graph records; otherwise the page falls back to the
quote selector's own prefix, exact text and suffix.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from api.pages.links import local
from api.pages.rows import integer, iri_ref, select, text
from graph.store import Store

CONTEXT = 420  # characters shown on each side of the passage
PROJECT_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@dataclass(frozen=True)
class Passage:
    reading: str  # the oa:SpecificResource
    role: str
    source: str  # the celac:SourceDocument
    source_href: str
    file: str
    start: int
    end: int
    before: str
    exact: str
    after: str
    whole_file: bool  # False: the context is only the quote selector's prefix and suffix

    @property
    def anchor(self) -> str:
        return self.reading.partition("#")[2]


class SourceTexts:
    """Source files found by name in a list of folders, checked against their digest, cached."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._texts: dict[tuple[str, str], str | None] = {}
        self._lock = threading.Lock()

    def get(self, name: str, sha256: str) -> str | None:
        """The decoded text of the file ``name`` whose bytes have this digest, or None."""
        key = (name, sha256)
        with self._lock:
            if key not in self._texts:
                self._texts[key] = self._find(name, sha256)
            return self._texts[key]

    def _find(self, name: str, sha256: str) -> str | None:
        if Path(name).name != name:
            return None  # a file name, never a path
        for folder in self.folders:
            path = folder / name
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).hexdigest() == sha256:
                return data.decode("utf-8", errors="replace")
        return None


def corpus_folders(data: Path) -> list[Path]:
    """Where the corpus may be: beside the build folder ``data`` (or its parents), then the
    project's own."""
    data = data.resolve()
    candidates = [parent / "corpus" for parent in [data, *data.parents][:5]]
    return [*candidates, PROJECT_CORPUS]


def _cut_before(value: str, at: int, size: int) -> str:
    start = max(0, at - size)
    if start > 0:
        space = value.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    return value[start:at]


def _cut_after(value: str, at: int, size: int) -> str:
    end = min(len(value), at + size)
    if end < len(value):
        space = value.rfind(" ", at, end)
        end = space if space > at else end
    return value[at:end]


def passages(store: Store, item: str, texts: SourceTexts, context: int = CONTEXT) -> list[Passage]:
    """Every passage ``item`` was read from (one per source), in context."""
    rows = select(
        store,
        f"""SELECT ?r ?role ?src ?file ?sha ?start ?end ?exact ?prefix ?suffix WHERE {{
          {iri_ref(item)} prov:wasDerivedFrom ?r .
          ?r oa:hasSource ?src ; oa:hasSelector ?ps , ?qs .
          ?ps a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          ?qs a oa:TextQuoteSelector ; oa:exact ?exact .
          OPTIONAL {{ ?r celac:role ?role }}
          OPTIONAL {{ ?qs oa:prefix ?prefix }} OPTIONAL {{ ?qs oa:suffix ?suffix }}
          ?src dcterms:identifier ?file ; celac:sha256 ?sha .
        }} ORDER BY ?file ?start""",
    )
    out = []
    for r in rows:
        start, end = integer(r["start"]), integer(r["end"])
        whole = texts.get(text(r["file"]), text(r["sha"]))
        if whole is not None and end <= len(whole):
            before = _cut_before(whole, start, context)
            exact = whole[start:end]
            after = _cut_after(whole, end, context)
        else:
            before = text(r["prefix"]) if "prefix" in r else ""
            exact = text(r["exact"])
            after = text(r["suffix"]) if "suffix" in r else ""
        out.append(
            Passage(
                text(r["r"]),
                text(r["role"]) if "role" in r else "",
                text(r["src"]),
                local(text(r["src"])),
                text(r["file"]),
                start,
                end,
                before,
                exact,
                after,
                whole is not None,
            )
        )
    return out


_texts: dict[Path, SourceTexts] = {}
_texts_lock = threading.Lock()


def source_texts(data: Path) -> SourceTexts:
    """The source texts for the build in ``data``, one cache per build folder."""
    with _texts_lock:
        if data not in _texts:
            _texts[data] = SourceTexts(corpus_folders(data))
        return _texts[data]
