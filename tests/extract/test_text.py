from __future__ import annotations

from pathlib import Path

import pytest

from extract.errors import SourceError
from extract.text import Passage, Source, squash


def make(text: str, name: str = "t.txt") -> Source:
    return Source(name, text, "0" * 64)


def test_passage_joins_lines_and_keeps_offsets() -> None:
    src = make("• Promover la  cooperación\nregional¹ en energía.\n")
    line1, line2 = src.lines[0], src.lines[1]
    p = src.passage([(line1.start + 2, line1.end), (line2.start, line2.end)])
    assert p.text == "Promover la cooperación regional en energía."
    for i, c in enumerate(p.text):
        if c != " ":
            assert src.text[p.offsets[i]] == c
    assert p.span.start == 2 and p.span.end == len(src.text) - 1
    assert squash(src.text[p.span.start : p.span.end]) == squash(p.text)


def test_passage_sub_and_add() -> None:
    src = make("Uno dos\ntres cuatro")
    p = src.passage([(0, 7)])
    q = src.passage([(8, 19)])
    assert (p + q).text == "Uno dos tres cuatro"
    assert p.sub(4, 7).text == "dos" and p.sub(4, 7).span.start == 4
    with pytest.raises(ValueError, match="cannot join"):
        p + Passage("other.txt", "x", (0,))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"Declaraci\xf3n", "not UTF-8"),
        (b"\xef\xbb\xbfHola", "byte-order mark"),
    ],
)
def test_source_load_refuses_bad_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=reason) as e:
        Source.load(path)
    assert "plan.txt" in str(e.value)


def test_source_load_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        Source.load(tmp_path / "nope.txt")


def test_source_sha256_is_of_the_bytes(sources: dict[str, Source], corpus_dir: Path) -> None:
    import hashlib

    for name, source in sources.items():
        assert source.sha256 == hashlib.sha256((corpus_dir / name).read_bytes()).hexdigest()


def test_running_header_on_the_first_page_too() -> None:
    """A running header stands at the top of every page, the first included: the text's start is a
    page edge, so four pages with four headers (three after a page number, one at the very top)
    make it furniture, and no passage carries it."""
    header = "Plan de Acción Conjunto de Prueba (2090-2092)"
    pages = [
        "1. Primer mandato del plan.\n2. Segundo mandato, que sigue en la",
        "página siguiente sin cortarse.\n3. Tercer mandato.",
        "4. Cuarto mandato.",
        "5. Quinto mandato.",
    ]
    numbers = ["Página 1", "- 2 -", "Página 3", "- 4 -"]
    text = "".join(f"{header}\n\n{page}\n\n{n}\n\n" for page, n in zip(pages, numbers, strict=True))
    source = make(text)
    headers = {line.index for line in source.lines if line.text == header}
    assert len(headers) == 4
    assert source.furniture.running == headers
    assert source.furniture.page_numbers == {
        line.index for line in source.lines if line.text in numbers
    }
    start = text.index("2. Segundo")
    end = text.index("cortarse.") + len("cortarse.")
    assert (
        source.clean(start, end)
        == "2. Segundo mandato, que sigue en la página siguiente sin cortarse."
    )


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("4. Institutos de Educación Superior, *Think Tanks* y Jóvenes", "Think Tanks y"),
        ("Acordar **no** duplicar esfuerzos", "Acordar no duplicar"),
        ("Un grupo _ad hoc_ de trabajo", "grupo ad hoc de"),
    ],
)
def test_passage_drops_markdown_emphasis(line: str, read: str) -> None:
    """Emphasis a converter left is markup: the passage reads the words, every character still
    at its source offset, and a span that ends on the emphasis is cut back to the words."""
    src = make(line + "\n")
    p = src.passage([(0, len(line))])
    assert read in p.text and "*" not in p.text and "_" not in p.text
    for i, c in enumerate(p.text):
        if c != " ":
            assert src.text[p.offsets[i]] == c
    assert src.clean(p.span.start, p.span.end) == p.text
    assert squash(src.text[p.span.start : p.span.end]) == squash(p.text)
    words = p.sub(p.text.index(read), p.text.index(read) + len(read))
    assert src.text[words.span.start] not in "*_"


def test_passage_drops_emphasis_wrapped_over_lines() -> None:
    """Emphasis whose words a PDF extractor wrapped over two lines, with a page number between."""
    src = make("4. Institutos de Educación Superior, *Think\n\n12\n\nTanks* y Jóvenes\n")
    lines = [line for line in src.lines if line.text and not line.text.isdigit()]
    p = src.passage_of_lines(lines, lines[0].start + 3)
    assert p.text == "Institutos de Educación Superior, Think Tanks y Jóvenes"
    assert src.clean(p.span.start, p.span.end) == p.text
    assert squash("Superior, *Think\nTanks* y") == squash("Superior, Think Tanks y")


@pytest.mark.parametrize(
    "line",
    ["Artículo 5* del acuerdo", "2 * 3 = 6", "la variable snake_case_name", "*sin cierre"],
)
def test_passage_keeps_asterisks_that_are_text(line: str) -> None:
    """A lone asterisk (a footnote call, a product) or an underscore inside a word is text."""
    src = make(line)
    assert src.passage([(0, len(line))]).text == line
