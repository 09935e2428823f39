"""One build of the real corpus for the whole of `make test`: its two pytest-xdist workers and the
serial run after them share it instead of building it three times (some 20 s each).

The build is kept under pytest's cache folder, named by a hash of everything it is made from (the
corpus, the code and data of the pipeline, the locked dependencies, the Python version). A change
to any of them names another folder, so a stale build is never served; older folders are removed.
The first process to need the build makes it while holding a file lock; the others wait for it,
then read the summary it left.
"""

from __future__ import annotations

import fcntl
import hashlib
import pickle
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from graph.oxigraph import is_store
from graph.publish import CURRENT

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary

ROOT = Path(__file__).resolve().parent.parent
# What a build is made from: the packages it runs (api/ and bench/ are not among them), its
# ontology, shapes and corpus, and what is installed.
INPUTS = (
    "celac_kg",
    "corpus",
    "extract",
    "graph",
    "ontology",
    "shapes",
    "textfold",
    "pyproject.toml",
    "requirements.lock",
)
SUMMARY = "summary.pickle"


def inputs_key(root: Path = ROOT) -> str:
    """A hash of every file the build is made from, and of the Python running it."""
    digest = hashlib.sha256(sys.version.encode())
    for name in INPUTS:
        top = root / name
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _usable(summary: BuildSummary) -> bool:
    return is_store(summary.publication.store)


def shared_build(corpus: Path, cache: Path) -> BuildSummary:
    """The build of ``corpus`` kept in ``cache`` under the inputs' hash, made there first if it
    is not yet (or no longer) whole."""
    from celac_kg.build import build

    cache.mkdir(parents=True, exist_ok=True)
    key = inputs_key()
    folder = cache / key
    with _locked(cache / "lock"):
        saved = folder / SUMMARY
        if saved.is_file():
            summary: BuildSummary = pickle.loads(saved.read_bytes())
            if _usable(summary):
                return summary
        for old in cache.iterdir():
            if old.is_dir():
                shutil.rmtree(old)
        summary = build(corpus, folder / "data")
        assert (folder / "data" / CURRENT).is_symlink()
        partial = folder / (SUMMARY + ".partial")
        partial.write_bytes(pickle.dumps(summary))
        partial.replace(saved)
        return summary


def copy_build(built: BuildSummary, out: Path) -> Path:
    """A build folder holding one complete build (a copy of the shared one), ``current`` and all:
    for a test that builds over it, leaving the shared build as it was."""
    shutil.copytree(built.publication.folder.parent.parent, out, symlinks=True)
    assert (out / CURRENT).is_symlink()
    return out
