"""Bad input: a one-paragraph error naming the file and the reason, and the previous build intact."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from shared_build import copy_build

from celac_kg.cli import main
from graph.oxigraph import OxigraphStore
from graph.publish import store_path

if TYPE_CHECKING:
    from celac_kg.build import BuildSummary

pytestmark = pytest.mark.slow


def _missing_file(corpus: Path) -> str:
    (corpus / "celac-2014-havana-action-plan.txt").unlink()
    return "celac-2014-havana-action-plan.txt"


def _empty_file(corpus: Path) -> str:
    (corpus / "calc-2008-salvador-declaration.txt").write_bytes(b"")
    return "calc-2008-salvador-declaration.txt: the file"


def _not_utf8(corpus: Path) -> str:
    path = corpus / "china-celac-2022-2024-joint-action-plan.txt"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    return "is not UTF-8"


def _unknown_layout(corpus: Path) -> str:
    (corpus / "ppt-2020-mexico-work-plan-table.txt").write_text(
        "Una receta de cocina.\nMezclar la harina con el agua.\nHornear.\n", encoding="utf-8"
    )
    return "ppt-2020-mexico-work-plan-table.txt: the text is in no layout"


def _malformed_manifest(corpus: Path) -> str:
    (corpus / "plans.toml").write_text('[[plan]]\nid = "X"\ntitle = \n', encoding="utf-8")
    return "plans.toml: the manifest is not valid TOML"


def _source_outside(corpus: Path) -> str:
    manifest = corpus / "plans.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('"calc-2008-salvador-declaration.txt"', '"../../etc/passwd"'), encoding="utf-8"
    )
    return "names the source '../../etc/passwd', which is a path that climbs out"


CASES: dict[str, Callable[[Path], str]] = {
    "missing file": _missing_file,
    "empty file": _empty_file,
    "not UTF-8": _not_utf8,
    "unknown layout": _unknown_layout,
    "malformed manifest": _malformed_manifest,
    "source outside the corpus": _source_outside,
}


@pytest.fixture(scope="module")
def previous(built: BuildSummary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build (a copy of the session's) that every bad build must leave alone."""
    return copy_build(built, tmp_path_factory.mktemp("bad-input") / "data")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_and_the_previous_build_kept(
    case: str, previous: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    link_before = os.readlink(previous / "current")
    dumps_before = {
        p.name: p.stat().st_mtime_ns for p in (previous / "current" / "dumps").iterdir()
    }
    expected = CASES[case](corpus_copy)

    assert main(["build", "--corpus", str(corpus_copy), "--out", str(previous)]) == 1

    err = capsys.readouterr().err
    assert expected in err
    assert "untouched" in err
    assert os.readlink(previous / "current") == link_before
    assert {
        p.name: p.stat().st_mtime_ns for p in (previous / "current" / "dumps").iterdir()
    } == dumps_before
    assert len(list((previous / "builds").iterdir())) == 1  # the failed build left nothing behind
    store = OxigraphStore(store_path(previous))
    assert bool(store.query('ASK { ?p dcterms:identifier "CELAC-2014" }'))
