"""A long query's text is read off the event loop: the loop keeps its other work going meanwhile;
a short one is read at once, and both are refused for the same reasons."""

from __future__ import annotations

import asyncio
import sys

import pytest
from event_loop import run

from api.sparql import precheck
from api.sparql.errors import ServiceForbidden, TooComplex, UpdateForbidden

# The slow shape of issue 13: a keyword-like word, then 64 KiB to read.
LONG = 'SELECT "from" ' + "1" * (64 * 1024 - 20) + " {}"


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("INSERT DATA { <a:b> <a:c> 1 }", UpdateForbidden),
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", ServiceForbidden),
        ("SELECT * " + "{" * 200 + "}" * 200, TooComplex),
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }" + " " * 8000, ServiceForbidden),
    ],
)
def test_sparql_precheck_refuses(query: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        precheck.check(query)

    async def checked() -> None:
        with pytest.raises(error):
            await precheck.check_async(query)

    run(checked())


def test_sparql_precheck_reads_form_and_dataset() -> None:
    assert precheck.check("SELECT * FROM <a:g> { ?s ?p ?o }") == precheck.Checked("SELECT", True)
    assert precheck.check("ASK { ?s <a:from> 'FROM' }") == precheck.Checked("ASK", False)
    assert precheck.check("nonsense").form is None


TEXTS = 8  # long texts checked at once


def turns_during_checks() -> int:
    """How many times the event loop turned while :data:`TEXTS` long texts were checked."""
    ticks = 0
    counted: list[int] = []

    async def ticking(stop: asyncio.Event) -> None:
        nonlocal ticks
        while not stop.is_set():
            await asyncio.sleep(0)
            ticks += 1

    async def main() -> None:
        stop = asyncio.Event()
        ticker = asyncio.create_task(ticking(stop))
        await asyncio.sleep(0)
        before = ticks
        results = await asyncio.gather(*(precheck.check_async(LONG) for _ in range(TEXTS)))
        during = ticks - before
        stop.set()
        await ticker
        assert all(r.form == "SELECT" and not r.own_dataset for r in results)
        counted.append(during)

    # A thread gives up the GIL every switch interval (5 ms by default): at 64 KiB a check takes
    # about 10 ms, so by default the loop would turn only a few times more than inline. A short
    # interval makes the difference plain: in threads the loop gets a turn every few tenths of a
    # millisecond of checking (some 20 to 50 a text); inline it turns once between two texts.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0001)
    try:
        run(main())
    finally:
        sys.setswitchinterval(interval)
    return counted[0]


@pytest.mark.serial  # counts the event loop's turns while threads work: run alone, after the others
def test_sparql_precheck_long_queries_leave_the_loop_free() -> None:
    assert len(LONG) > precheck.INLINE_BYTES
    during = turns_during_checks()
    # Inline, the loop turns about once a text (3 to 8 turns for 8 texts, measured); the bound
    # sits well above that and well below what threads give.
    assert during > 3 * TEXTS, during


@pytest.mark.serial
def test_sparql_precheck_the_turns_count_tells_inline_from_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The measure above fails when the checks run on the loop itself."""
    monkeypatch.setattr(precheck, "INLINE_BYTES", 10 * len(LONG))
    assert turns_during_checks() <= 3 * TEXTS
