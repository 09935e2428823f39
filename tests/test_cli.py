"""The console command: query formats, and the README's example queries."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from celac_kg.build import BuildSummary
from celac_kg.cli import main

pytestmark = pytest.mark.slow
README = Path(__file__).resolve().parent.parent / "README.md"
QUERY = "SELECT ?id WHERE { ?p a celac:Plan ; dcterms:identifier ?id } ORDER BY ?id"
IDS = ["CALC-2008", "CELAC-2014", "CHINA-CELAC-2022-2024", "PPT-2020"]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_query_json(built: BuildSummary, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["query", "--store", str(built.publication.store), "--format", "json", QUERY], capsys
    )
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["id"]
    assert [b["id"]["value"] for b in data["results"]["bindings"]] == IDS


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_cli_query_csv_tsv(
    built: BuildSummary, capsys: pytest.CaptureFixture[str], fmt: str, delimiter: str
) -> None:
    code, out, _ = run(
        ["query", "--store", str(built.publication.store), "--format", fmt, QUERY], capsys
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out), delimiter=delimiter))
    assert rows[0] in (["id"], ["?id"])
    assert [r[0].strip('"') for r in rows[1:]] == IDS


def test_cli_query_table_and_ask(built: BuildSummary, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(built.publication.store)
    code, out, _ = run(["query", "--store", store, QUERY], capsys)
    assert code == 0 and "CHINA-CELAC-2022-2024" in out and "(4 rows)" in out
    code, out, _ = run(
        ["query", "--store", store, 'ASK { ?p dcterms:identifier "CALC-2008" }'], capsys
    )
    assert out.strip() == "yes"


def test_cli_query_build_folder_and_errors(
    built: BuildSummary, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = built.publication.folder.parent.parent
    code, out, _ = run(["query", "--store", str(out_dir), QUERY], capsys)
    assert code == 0 and "CALC-2008" in out
    code, _, err = run(["query", "--store", str(out_dir), "SELECT ?x WHERE { ?x"], capsys)
    assert code == 1 and "malformed query" in err
    code, _, err = run(["query", "--store", str(tmp_path), QUERY], capsys)
    assert code == 1 and "holds no built store" in err


def readme_queries() -> list[tuple[list[str], str]]:
    found = re.findall(
        r"^celac-kg query((?: --\S+ \S+)*) '(.*?)'$",
        README.read_text(encoding="utf-8"),
        re.M | re.S,
    )
    return [(opts.split(), q) for opts, q in found]


def test_cli_readme_has_three_example_queries() -> None:
    assert len(readme_queries()) >= 3


@pytest.mark.parametrize(("options", "query"), readme_queries())
def test_cli_readme_queries_answer(
    built: BuildSummary, capsys: pytest.CaptureFixture[str], options: list[str], query: str
) -> None:
    code, out, err = run(
        ["query", "--store", str(built.publication.store), *options, query], capsys
    )
    assert code == 0, err
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) >= 3, out  # a header and at least two answers


def test_cli_evaluate_prints_each_fold_labelled(
    built: BuildSummary, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store = str(built.publication.store)
    code, out, _ = run(["evaluate", "--store", store, "--pairs", str(tmp_path / "none")], capsys)
    assert code == 0
    assert "designed looking at all four plans" in out
    rows = [
        line.split() for line in out.splitlines() if re.match(r"[AB]\s+(design|unseen)\s", line)
    ]
    assert {(r[0], r[1], r[2]) for r in rows} == {
        (fold, role, kind)
        for fold, role in (("A", "unseen"), ("B", "design"))
        for kind in ("meetings", "series", "actors", "partners")
    }
    dev = tmp_path / "dev.toml"
    dev.write_text('[[meeting]]\nplan = "CALC-2008"\nin = "x"\nname = "y"\nstatus = "convenes"\n')
    code, _, err = run(["evaluate", "--store", store, "--dev", str(dev)], capsys)
    assert code == 1
    assert "no [folds] table" in err and str(dev) in err
