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


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("../../etc/passwd", "climbs out with '..'"),
        ("sub/../../x.txt", "climbs out with '..'"),
        ("/etc/passwd", "an absolute path"),
    ],
)
def test_manifest_refuses_a_source_outside_the_corpus_folder(
    tmp_path: Path, source: str, reason: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # The file exists where the path leads: it is refused for where it is, not for being missing.
    (tmp_path / "x.txt").write_text("texto", encoding="utf-8")
    (corpus / "plans.toml").write_text(GOOD.replace("x.txt", source), encoding="utf-8")
    with pytest.raises(ManifestError, match=reason) as e:
        read_manifest(corpus)
    assert f"names the source {source!r}, which is" in str(e.value)


def test_manifest_refuses_a_link_that_leads_outside(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (tmp_path / "secret.txt").write_text("texto", encoding="utf-8")
    (corpus / "x.txt").symlink_to(tmp_path / "secret.txt")
    (corpus / "plans.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ManifestError, match="a link that leads outside the corpus folder"):
        read_manifest(corpus)


def test_manifest_reports_every_schema_error(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("texto", encoding="utf-8")
    manifest = (
        'extra = 1\n[[plan]]\nid = "A 1"\ntitle = 3\nsources = ["x.txt", "../y.txt"]\n'
        'date = "ayer"\ncolour = "red"\n'
        '[[plan]]\nid = "B"\nsources = ["missing.txt"]\n'
        '[[plan]]\nid = "C"\ntitle = "C"\nsources = ["x.txt"]\n'
        '[[plan]]\nid = "c"\ntitle = "C again"\nsources = ["x.txt"]\n'
    )
    (tmp_path / "plans.toml").write_text(manifest, encoding="utf-8")
    with pytest.raises(ManifestError) as e:
        read_manifest(tmp_path)
    message = str(e.value)
    assert message.startswith(f"{tmp_path / 'plans.toml'}: 9 problems: (1) unknown top-level key")
    for reason in (
        "plan 'A 1': 'title' must be a str, not 3",
        "plan 'A 1' has an unknown key 'colour'",
        "the id 'A 1' may hold only letters",
        "plan 'A 1' names the source '../y.txt', which is a path that climbs out",
        "the date 'ayer' is not an ISO date",
        "plan 'B' has no 'title'",
        "plan 'B' names the source 'missing.txt', but",
        "plan #4 repeats the id or slug 'c' of plan #3",
    ):
        assert reason in message
    assert "\n" not in message
