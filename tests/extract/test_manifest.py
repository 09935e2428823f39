from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import ManifestError
from extract.manifest import period_of, read_manifest


def test_manifest_of_the_corpus(corpus_dir: Path) -> None:
    specs = read_manifest(corpus_dir)
    assert [s.id for s in specs] == ["CALC-2008", "CELAC-2014", "PPT-2020", "CHINA-CELAC-2022-2024"]
    ppt = specs[2]
    assert ppt.sources == [
        "ppt-2020-mexico-work-plan-web.txt",
        "ppt-2020-mexico-work-plan-table.txt",
    ]
    assert ppt.slug == "ppt-2020"
    # Known by the years its title names, not by the year it was adopted (December 2021).
    assert [s.period for s in specs] == [None, "2014", "2020", "2022-2024"]
    assert specs[3].date == "2021-12-03"


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Plan de Acción Conjunto China–CELAC (2022-2024)", "2022-2024"),
        ("Plan de Acción 2019 – 2021 de la CELAC", "2019-2021"),
        ("Plan de Acción de la CELAC 2014", "2014"),
        ("Declaración de Salvador, Bahía", None),
        ("Resolución 1540 sobre armas", None),  # a number, not a year
        ("Plan 2015 (revisado en 2016-2017)", "2016-2017"),  # the last mention: the period
    ],
)
def test_manifest_period_of_title(title: str, period: str | None) -> None:
    assert period_of(title) == period


def test_manifest_period_given_overrides_title(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("texto", encoding="utf-8")
    manifest = GOOD.replace('"X"', '"Plan 2030"') + 'period = "2030-2031"\n'
    (tmp_path / "plans.toml").write_text(manifest, encoding="utf-8")
    assert read_manifest(tmp_path)[0].period == "2030-2031"


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
        (GOOD + 'period = "2024-2022"\n', "not a year or a span of years"),
        (GOOD + 'period = "dos mil"\n', "not a year or a span of years"),
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
