"""The lanes' rules, on the event loop without a server: places, the reserved place, moving to
the slow lane, the limit per client, the wait for a place, and who a client is."""

from __future__ import annotations

import asyncio

import pytest
from event_loop import run

from api.sparql.errors import SlowLaneFull, TooManyQueries, Unavailable
from api.sparql.lanes import Lanes, Place, client_of


async def _prove(lanes: Lanes, client: str) -> None:
    """``client`` is answered once within the budget: it is known for quick queries."""
    place = await lanes.enter(client)
    place.quick = True
    lanes.leave(place)


def test_sparql_lanes_new_clients_take_at_most_half_the_fast_places() -> None:
    async def scenario() -> None:
        lanes = Lanes(fast=2, slow=1, budget=0.5, wait=0.2)
        first = await lanes.enter("new-1")
        assert (lanes.fast_busy, lanes.unproven_busy) == (1, 1)
        with pytest.raises(Unavailable, match="stayed taken for 0.2 s") as refused:
            await lanes.enter("new-2")  # the last place is kept for a proven client
        assert refused.value.retry_after == 1
        lanes.leave(first)
        assert (lanes.fast_busy, lanes.unproven_busy) == (0, 0)

    run(scenario())


def test_sparql_lanes_a_proven_client_goes_before_new_ones() -> None:
    async def scenario() -> None:
        lanes = Lanes(fast=2, slow=1, budget=0.5, wait=5)
        await _prove(lanes, "prober")
        runaway = await lanes.enter("r1")
        waiting = asyncio.ensure_future(lanes.enter("r2"))
        await asyncio.sleep(0.01)
        assert not waiting.done()
        prober = await lanes.enter("prober")  # the kept place, at once, past the waiting one
        assert prober.proven and lanes.fast_busy == 2
        lanes.leave(runaway)
        r2 = await asyncio.wait_for(waiting, 1)  # the freed place goes to the one waiting
        assert not r2.proven
        lanes.leave(prober)
        lanes.leave(r2)
        assert lanes.fast_busy == lanes.unproven_busy == 0

    run(scenario())


def test_sparql_lanes_past_the_budget_to_the_slow_lane_then_full() -> None:
    async def scenario() -> None:
        lanes = Lanes(fast=4, slow=1, budget=0.5, wait=5)
        a, b = await lanes.enter("a"), await lanes.enter("b")
        assert lanes.promote(a)
        assert (lanes.fast_busy, lanes.slow_busy) == (1, 1)
        assert not lanes.promote(b)  # the slow lane is full
        first = lanes.full(b)
        assert isinstance(first, SlowLaneFull) and first.retry_after == 2
        lanes.leave(b)
        b2 = await lanes.enter("b")
        assert not lanes.promote(b2)
        assert lanes.full(b2).retry_after == 4  # a client stopped again waits longer
        lanes.leave(b2)
        lanes.leave(a)
        assert lanes.fast_busy == lanes.slow_busy == 0

    run(scenario())


def test_sparql_lanes_limit_per_client() -> None:
    async def scenario() -> None:
        lanes = Lanes(fast=8, slow=2, budget=0.5, per_client=2)
        places = [await lanes.enter("greedy"), await lanes.enter("greedy")]
        with pytest.raises(TooManyQueries, match="2 SPARQL queries under way") as refused:
            await lanes.enter("greedy")
        assert refused.value.status == 429 and refused.value.retry_after == 1
        other = await lanes.enter("other")  # another client is not held up
        for place in [*places, other]:
            lanes.leave(place)
        assert isinstance(await lanes.enter("greedy"), Place)

    run(scenario())


@pytest.mark.parametrize(
    ("headers", "header", "client"),
    [
        ([], "", "10.0.0.7"),
        ([(b"x-forwarded-for", b"203.0.113.5, 10.0.0.1")], "X-Forwarded-For", "203.0.113.5"),
        ([(b"x-forwarded-for", b"203.0.113.5")], "", "10.0.0.7"),  # not trusted unless named
        ([], "X-Forwarded-For", "10.0.0.7"),  # named but absent: the peer
    ],
)
def test_sparql_lanes_client_of(
    headers: list[tuple[bytes, bytes]], header: str, client: str
) -> None:
    scope = {"headers": headers, "client": ("10.0.0.7", 5555)}
    assert client_of(scope, header) == client
