"""Reading a query's text: the keywords, nesting and slashes outside strings, IRIs and comments,
found in time linear in the text's length, whatever the text (issue 13: two 64 KiB shapes took
8 to 27 s)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from urllib.parse import quote

import pytest

from api.sparql import editor, precheck, protocol
from api.sparql.errors import SparqlError, TooComplex
from api.sparql.execute import check_shape, malformed
from graph.namespaces import PREFIXES
from graph.sparql_text import has_keyword, outline

# CPU seconds a byte all pre-parse steps together may take on the worst text of 64 KiB: 4 µs
# (the slowest shape takes about 1.2 µs; the quadratic steps of issue 13 took 120 µs and more).
PER_BYTE = 4e-6
SIZE = 64 * 1024


@pytest.mark.parametrize(
    ("query", "depth", "slashes"),
    [
        ("SELECT * { ?s ?p ?o }", 1, 0),
        ("SELECT * { { ?s ?p [ ?q ( 1 2 ) ] } }", 4, 0),
        ('SELECT * { ?s ?p "{{{ /// " }', 1, 0),
        ("SELECT * { ?s <http://x/a/b> ?o } # {{{{ ///", 1, 0),
        ("SELECT * { ?s ex:a/ex:b/ex:c ?o }", 1, 2),
        ("SELECT * { ?s ?p '''{\n{''' FILTER(?o / 2 > 1) }", 2, 1),
        ('SELECT * { ?s ?p "never ends {{{{', 1, 0),
    ],
)
def test_sparql_text_outline(query: str, depth: int, slashes: int) -> None:
    shape = outline(query)
    assert (shape.depth, shape.slashes) == (depth, slashes)


@pytest.mark.parametrize(
    ("query", "keyword", "found"),
    [
        ('SELECT "from" ' + "1" * 100, "FROM", False),
        ('SELECT * WHERE { ?s ?p "' + '\\"' * 100, "FROM", False),
        ('SELECT * { ?s ?p "x" } FROM', "FROM", True),
        ("SELECT * { ?s ?p ?o .SERVICE <http://e/> { } }", "SERVICE", True),
        ("SELECT * { ?s ?p 1.SERVICE <http://e/> { } }", "SERVICE", True),
        ('SELECT * { ?s ?p """a"b""" SERVICE <http://e/> { } }', "SERVICE", True),
        ('SELECT * { ?s ?p """a""b SERVICE <http://e/> { } }', "SERVICE", False),
        ("SELECT * { ?s ?p ex:SERVICE }", "SERVICE", False),
        ("SELECT * { ?s ?p ?SERVICE }", "SERVICE", False),
    ],
)
def test_sparql_text_has_keyword(query: str, keyword: str, found: bool) -> None:
    assert has_keyword(query, keyword) is found
    assert outline(query).has_keyword(keyword) is found


def test_sparql_text_check_shape_refuses_deep_nesting_in_the_query_not_in_its_strings() -> None:
    with pytest.raises(TooComplex, match="200 levels deep"):
        check_shape("SELECT * " + "{" * 200 + "}" * 200)
    check_shape('SELECT * { ?s ?p "' + "{" * 200 + '" }')
    check_shape("SELECT * { ?s ?p <http://x/" + "a/" * 300 + "> }")


# Characters that open, close or escape the forms the text is read for, and letters of keywords.
_ALPHABET = list("\"'<>#?$:.-\\{}()[]/ \n1aFfROMSERVICE%_@^`|")
_HEADS = [
    "",
    "SELECT ",
    'SELECT "from" ',
    "SELECT * WHERE { ?s ?p ",
    'SELECT * WHERE { ?s ?p "',
    "SELECT * WHERE { ?s ?p '",
    'SELECT * WHERE { ?s ?p """',
    "SELECT * WHERE { ?s ?p <",
    "PREFIX a: <http://x/> BASE <",
    "SELECT * FROM ",
    "# ",
]


def _shapes() -> list[tuple[str, str]]:
    """Long texts, each a head and one short unit repeated: the known bad two, every unit of one
    or two characters of :data:`_ALPHABET` after a random head, and random units of three to
    six characters."""
    rng = random.Random(13)  # the same shapes every run
    units = [a + b for a in _ALPHABET for b in _ALPHABET] + _ALPHABET
    units += ["".join(rng.choices(_ALPHABET, k=rng.randint(3, 6))) for _ in range(300)]
    shapes = [('SELECT "from" ', "1"), ('SELECT * WHERE { ?s ?p "', '\\"')]
    return shapes + [(rng.choice(_HEADS), unit) for unit in units]


SHAPES = _shapes()


def _text(shape: tuple[str, str], size: int) -> str:
    head, unit = shape
    return head + unit * ((size - len(head)) // len(unit))


def _steps(query: str) -> None:
    """Every step the endpoint takes on a query's text before a worker parses it."""
    protocol.from_query_string(("query=" + quote(query)).encode())
    try:
        precheck.check(query)
    except SparqlError:  # refused: an update, SERVICE, too deep
        pass
    editor.declare_prefixes(query, PREFIXES)
    malformed(query, "error at 1:5: unexpected")


def _fastest(step: Callable[[str], object], text: str, runs: int) -> float:
    """The least CPU time of this thread ``step`` took on ``text`` in ``runs`` runs: the time it
    costs, whatever else the machine is doing."""
    best = float("inf")
    for _ in range(runs):
        start = time.thread_time()
        step(text)
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.slow
@pytest.mark.serial  # measures time: run alone, after the others
def test_sparql_text_pre_parse_time_is_bounded_per_byte() -> None:
    """Fuzz: of some 2,000 adversarial shapes, the twenty slowest at 4 KiB (where a quadratic
    step already takes 30 times a linear one) take under :data:`PER_BYTE` a byte at 64 KiB, and
    four times the text takes no more than about four times the time (a quadratic step: 16)."""
    quarter = SIZE // 4
    sweep = sorted(SHAPES, key=lambda s: _fastest(_steps, _text(s, SIZE // 16), 1), reverse=True)
    figures = []
    for shape in sweep[:20]:
        small = _fastest(_steps, _text(shape, quarter), 3)
        text = _text(shape, SIZE)
        took = _fastest(_steps, text, 3)
        figures.append((took / len(text), took, small, text))
    per_byte, took, small, worst = max(figures)
    print(  # noqa: T201 (the figure, for the record)
        f"\n{len(SHAPES)} shapes: slowest at {SIZE // 1024} KiB {took * 1000:.1f} ms "
        f"({per_byte * 1e9:.0f} ns a byte; {small * 1000:.1f} ms at a quarter): {worst[:30]!r}…"
    )
    for per_byte, took, small, text in figures:
        assert per_byte < PER_BYTE, text[:80]
        # 4x the text: ~4x the time (8x allowed for a busy machine; quadratic would be 16x)
        assert took < 8 * small + 0.02, text[:80]
