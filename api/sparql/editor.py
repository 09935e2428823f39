"""What the query editor page needs: the canned queries of ``queries/*.rq`` as example tabs, with
the prefixes they use declared, and whether YASGUI's files are installed.

A canned query file begins with comment lines: the first is its title, the others describe it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUERIES_DIR = ROOT / "queries"
# Installed from the npm registry by `make install` (npm ci in api/assets), never committed.
YASGUI_DIR = ROOT / "api" / "assets" / "node_modules" / "@zazuko" / "yasgui" / "build"
YASGUI_FILES = ("yasgui.min.js", "yasgui.min.css")


@dataclass(frozen=True, slots=True)
class CannedQuery:
    name: str  # the file's stem
    title: str
    description: str
    text: str  # as the editor shows it: the comments, PREFIX lines for what it uses, the query


def canned_queries(prefixes: Mapping[str, str], folder: Path = QUERIES_DIR) -> list[CannedQuery]:
    """The ``*.rq`` files of ``folder``, in name order.

    Raises:
        ValueError: a file holds no query after its comments.
    """
    return [_read(path, prefixes) for path in sorted(folder.glob("*.rq"))]


def _read(path: Path, prefixes: Mapping[str, str]) -> CannedQuery:
    lines = path.read_text(encoding="utf-8").splitlines()
    comments: list[str] = []
    while lines and lines[0].lstrip().startswith("#"):
        comments.append(lines.pop(0).lstrip().lstrip("#").strip())
    body = "\n".join(lines).strip()
    if not body:
        raise ValueError(f"{path} holds no query after its comment lines")
    title = comments[0] if comments and comments[0] else path.stem
    description = " ".join(c for c in comments[1:] if c)
    header = "".join(f"# {c}\n" if c else "#\n" for c in comments)
    return CannedQuery(path.stem, title, description, header + declare_prefixes(body, prefixes))


def declare_prefixes(query: str, prefixes: Mapping[str, str]) -> str:
    """``query`` with a PREFIX line for each of ``prefixes`` it uses without declaring.

    The endpoint predeclares them; the editor's syntax check does not know that.
    """
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([^\s:]*):", query, re.IGNORECASE)}
    used = [
        p
        for p in prefixes
        if p.lower() not in declared and re.search(rf"(?<![\w<\"'/#.:-]){re.escape(p)}:", query)
    ]
    lines = "".join(f"PREFIX {p}: <{prefixes[p]}>\n" for p in used)
    return lines + query


def yasgui_location() -> str:
    """Where YASGUI's files are looked for, relative to the project when inside it."""
    folder = YASGUI_DIR
    return str(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder)


def yasgui_installed(folder: Path | None = None) -> bool:
    """Whether YASGUI's files are in ``folder`` (by default where `make install` puts them)."""
    folder = YASGUI_DIR if folder is None else folder
    return all((folder / name).is_file() for name in YASGUI_FILES)
