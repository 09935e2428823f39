"""The layers, read from the code: what each package may import, and how long a module may grow.

extract → records → graph → store → api, with the command line (``celac_kg``) wiring them, and
``textfold`` (how text is compared) below them all, for any of them to use. Every
``import`` and ``from … import`` of every module counts, those under ``if TYPE_CHECKING:`` and inside
functions too: a layer that names another in a type annotation depends on it all the same.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("textfold", "extract", "graph", "api", "celac_kg")

# What each layer must never import (top-level module names).
FORBIDDEN = {
    "extract": {"graph", "api", "celac_kg", "rdflib", "pyoxigraph", "pyshacl"},
    "graph": {"extract", "api", "celac_kg", "spacy"},
    "api": {"extract", "celac_kg", "spacy"},
}

MAX_LINES = 500
# Modules allowed over MAX_LINES while a split is under way (none now: every module is held to it).
BEING_SPLIT: set[str] = set()


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, top-level module) of every absolute import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def test_imported_finds_every_kind_of_import(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "import os.path\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from rdflib import Graph\n"
        "def f() -> None:\n"
        "    import spacy.language as sl\n"
        "from . import sibling\n",
        encoding="utf-8",
    )
    assert list(imported(source)) == [(1, "os"), (2, "typing"), (4, "rdflib"), (6, "spacy")]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_import_only_downwards(package: str) -> None:
    assert modules(package), f"no modules under {package}/"
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules(package)
        for line, name in imported(path)
        if name in FORBIDDEN[package]
    ]
    assert not found, f"{package}/ must not import {sorted(FORBIDDEN[package])}:\n" + "\n".join(
        found
    )


def test_textfold_imports_only_the_standard_library() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules("textfold")
        for line, name in imported(path)
        if name not in sys.stdlib_module_names and name != "__future__"
    ]
    assert modules("textfold") and not found, found


def test_modules_are_of_a_readable_size() -> None:
    lengths = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for package in PACKAGES
        for path in modules(package)
    }
    assert BEING_SPLIT <= set(lengths), sorted(BEING_SPLIT - set(lengths))
    over = {name: n for name, n in lengths.items() if n > MAX_LINES and name not in BEING_SPLIT}
    assert not over, f"modules over {MAX_LINES} lines: {over}"
