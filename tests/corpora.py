"""Corpora for tests: the real one cut to some of its plans."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SMALL = ("CALC-2008", "PPT-2020")  # the two shortest plans: a build of them takes a third of the time


def corpus_of(ids: tuple[str, ...], target: Path) -> Path:
    """A copy of the corpus in ``target`` with only the plans ``ids``: their ``[[plan]]`` tables
    of the manifest (its header kept) and their sources."""
    manifest = (CORPUS / "plans.toml").read_text(encoding="utf-8")
    head, *tables = re.split(r"(?m)^\[\[plan\]\]\n", manifest)
    kept = [t for t in tables if tomllib.loads(t)["id"] in ids]
    assert len(kept) == len(ids), f"not all of {ids} are in {CORPUS / 'plans.toml'}"
    target.mkdir(parents=True)
    (target / "plans.toml").write_text(head + "".join("[[plan]]\n" + t for t in kept), "utf-8")
    for table in kept:
        for name in tomllib.loads(table)["sources"]:
            shutil.copy(CORPUS / name, target / name)
    return target


def add_plans(corpus: Path, *folders: Path) -> Path:
    """``corpus`` (a writable copy) with the plans written for the test suite in ``folders``
    added: each folder's sources copied in, its ``plans.toml`` tables appended to the manifest."""
    manifest = corpus / "plans.toml"
    text = manifest.read_text(encoding="utf-8")
    for folder in folders:
        for source in folder.glob("*.txt"):
            shutil.copy(source, corpus / source.name)
        text += "\n" + (folder / "plans.toml").read_text(encoding="utf-8")
    manifest.write_text(text, encoding="utf-8")
    return corpus
