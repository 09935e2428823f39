"""The reviews file: verdicts read with the line they stand on; every error names file and line."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from extract.errors import ReviewError
from extract.reviews import read_reviews, resolve

LATER = "https://w3id.org/celac-kg/id/plan/celac-2014/area/1/mandate/1"
EARLIER = "https://w3id.org/celac-kg/id/plan/calc-2008/area/5/mandate/9"

GOOD = f'''# verdicts
[[review]]
later = "{LATER}"
earlier = "{EARLIER}"
verdict = "confirmed"
reviewer = "Ana Pérez"
date = 2026-12-06
why = "Both name the Initiative."

[[review]]
later = "{LATER}"
earlier = "https://w3id.org/celac-kg/id/plan/calc-2008/area/1/mandate/1"
verdict = "rejected"
reviewer = "https://orcid.org/0000-0002-1825-0097"
date = 2026-12-07
'''


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reviews.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reviews_absent_file_is_no_reviews(tmp_path: Path) -> None:
    assert read_reviews(tmp_path / "reviews.toml") == []


def test_reviews_read_with_their_lines(tmp_path: Path) -> None:
    first, second = read_reviews(write(tmp_path, GOOD))
    assert (first.verdict, first.reviewer, first.date, first.line) == (
        "confirmed",
        "Ana Pérez",
        datetime.date(2026, 12, 6),
        2,
    )
    assert (second.verdict, second.why, second.line) == ("rejected", "", 10)


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (('verdict = "rejected"', 'verdict = "maybe"'), 10, "verdict 'maybe'"),
        (("date = 2026-12-07", 'date = "yesterday"'), 10, "TOML date"),
        (
            ('reviewer = "https://orcid.org/0000-0002-1825-0097"\n', ""),
            10,
            "missing field 'reviewer'",
        ),
        (("why = ", "because = "), 2, "unknown field 'because'"),
    ],
)
def test_reviews_a_bad_entry_names_the_line(
    tmp_path: Path, change: tuple[str, str], line: int, words: str
) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ReviewError) as error:
        read_reviews(path)
    assert f"{path}, line {line}" in str(error.value) and words in str(error.value)


def test_reviews_bad_toml_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('verdict = "confirmed"', "verdict = confirmed"))
    with pytest.raises(ReviewError, match=r"line 5"):
        read_reviews(path)


def test_reviews_two_verdicts_on_one_link(tmp_path: Path) -> None:
    twice = GOOD + GOOD.split("\n", 1)[1].split("\n\n")[0] + "\n"
    with pytest.raises(ReviewError, match=r"line 16.*first is on line 2"):
        read_reviews(write(tmp_path, twice))


def test_reviews_a_link_that_cannot_exist(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    reviews = read_reviews(path)
    mandates: dict[str, tuple[int, object]] = {LATER: (1, "l"), EARLIER: (0, "e")}
    with pytest.raises(ReviewError, match=r"line 10: earlier .* is no mandate"):
        resolve(reviews, mandates, path)
    mandates["https://w3id.org/celac-kg/id/plan/calc-2008/area/1/mandate/1"] = (0, "e2")
    assert [later for _, later, _ in resolve(reviews, mandates, path)] == ["l", "l"]
    backwards = {LATER: (0, "l"), EARLIER: (1, "e")}
    with pytest.raises(ReviewError, match=r"line 2: .* not a mandate of a plan earlier"):
        resolve(reviews[:1], backwards, path)
