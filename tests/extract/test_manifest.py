from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import ManifestError
from extract.manifest import read_manifest


def test_manifest_of_the_corpus(corpus_dir: Path) -> None:
    specs = read_manifest(corpus_dir)
    assert [s.id for s in specs] == ["CALC-2008", "CELAC-2014", "PPT-2020", "CHINA-CELAC-2022-2024"]
    ppt = specs[2]
    assert ppt.sources == [
        "ppt-2020-mexico-work-plan-web.txt",
        "ppt-2020-mexico-work-plan-table.txt",
    ]
    assert ppt.slug == "ppt-2020"


GOOD = '[[plan]]\nid = "X-1"\ntitle = "X"\nsources = ["x.txt"]\n'


@pytest.mark.parametrize(
    ("manifest", "reason"),
    [
        ('[[plan]\nid = "X"', "not valid TOML"),
        ("title = 'no plan'\n", "unknown top-level key"),
        ("", "no \\[\\[plan\\]\\] table"),
        ('[[plan]]\nid = "X-1"\nsources = ["x.txt"]\n', "has no 'title'"),
        ('[[plan]]\nid = "X-1"\ntitle = "X"\nsources = "x.txt"\n', "'sources' must be a list"),
        (GOOD.replace("x.txt", "missing.txt"), "names the source 'missing.txt'"),
        (GOOD + 'colour = "red"\n', "unknown key 'colour'"),
        (GOOD + 'date = "17/12/2008"\n', "not an ISO date"),
        (GOOD + GOOD, "repeats the id"),
        (GOOD.replace("X-1", "X 1"), "may hold only letters"),
        (GOOD + '[plan.layouts]\n"y.txt" = "action-plan"\n', "not one of its sources"),
    ],
)
def test_manifest_errors_name_the_file_and_reason(
    tmp_path: Path, manifest: str, reason: str
) -> None:
    (tmp_path / "x.txt").write_text("texto", encoding="utf-8")
    (tmp_path / "plans.toml").write_text(manifest, encoding="utf-8")
    with pytest.raises(ManifestError, match=reason) as e:
        read_manifest(tmp_path)
    assert "plans.toml" in str(e.value)


def test_manifest_missing(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="there is no plans.toml"):
        read_manifest(tmp_path)
