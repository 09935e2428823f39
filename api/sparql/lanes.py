"""Fair scheduling of SPARQL queries: two lanes and a limit per client.

Every query starts in the fast lane, which has a few places (a worker process each); a query
still running after the fast lane's budget (a fraction of a second) moves to the slow lane,
which has a few places only, and when the slow lane is full it is stopped at once and answered
503 with ``Retry-After``. So a cheap query waits at most about one budget for a place however
many expensive ones arrive, and the expensive ones never hold more than the slow lane's places
for long. A client whose queries were answered in the fast lane more than twice as often as
they were stopped is *proven*; the others (new clients, and those sending runaways) together
take at most half the fast places, so a proven client finds one free or soon free. While the
places are taken, waiting queries get the next free place proven clients first, then in order
of how little their client has used lately (seconds of evaluation, halving every
:data:`HALF_LIFE` seconds), then of arrival. A client may have at most ``per_client`` queries
admitted or waiting at once (429 with ``Retry-After`` past that): a client is its address, or
the value of a header named in the settings for a deployment behind a proxy.

Everything here runs on the event loop: nothing waits in a thread, so pages and search, which use
the thread pool, never wait on SPARQL.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
import time
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from api.sparql.errors import SlowLaneFull, TooManyQueries
from api.sparql.errors import Unavailable as Busy

HALF_LIFE = 10.0  # seconds in which a client's past use counts half
RETRY_AFTER = 1  # seconds a refused client is asked to wait
# A client whose query was stopped for want of a slow place is asked to wait (Retry-After)
# FIRST_BACKOFF seconds, doubled with each stop up to MAX_BACKOFF; its queries are not refused
# meanwhile (an address may be shared by many people), but its stops count against its being
# proven (see Lanes.enter). Its stops are forgotten FORGET seconds after the last, and the
# client FORGET seconds after its last query.
FIRST_BACKOFF = 2
MAX_BACKOFF = 30
FORGET = 60.0
SWEEP = 1000  # queries between two sweeps of the forgotten clients


@dataclass(eq=False)
class Place:
    """A query's place: in the fast lane, or (once moved) in the slow lane."""

    client: str
    proven: bool = False  # its client was answered quickly more than twice as often as stopped
    slow: bool = False
    stopped: bool = False  # for want of a slow place
    quick: bool = False  # answered within the fast lane's budget
    started: float = field(default_factory=time.monotonic)


@dataclass
class _Use:
    seconds: float = 0.0
    at: float = 0.0
    running: int = 0  # admitted or waiting
    stops: int = 0  # queries stopped for want of a slow place, lately
    quick: int = 0  # queries answered in the fast lane
    stopped: float = 0.0  # when the last was


class Lanes:
    """The fast lane of ``fast`` places and the slow lane of ``slow``; a query past ``budget``
    seconds in the fast lane moves to the slow one. A query waits at most ``wait`` seconds for a
    fast place (then 503, ``Retry-After``); a client has at most ``per_client`` (0: any number)
    admitted or waiting."""

    def __init__(
        self,
        *,
        fast: int,
        slow: int,
        budget: float,
        per_client: int = 0,
        wait: float = 5.0,
        reserve: bool = True,
    ) -> None:
        if fast < 1 or slow < 0:
            raise ValueError(f"the lanes need fast >= 1 and slow >= 0, not {fast} and {slow}")
        self.fast = fast
        self.slow = slow
        self.budget = budget
        self.per_client = per_client
        # Without ``reserve`` every client counts as proven: no place is kept from new ones.
        self.reserve = reserve
        self.wait = wait
        self.fast_busy = 0
        self.unproven_busy = 0  # fast places taken by clients not proven (see enter)
        self.slow_busy = 0
        self._waiting: list[tuple[bool, float, int, asyncio.Future[None]]] = []
        self._left = 0  # queries since the last sweep
        self._order = itertools.count()
        self._use: dict[str, _Use] = {}

    async def enter(self, client: str) -> Place:
        """A fast place for a query of ``client``, waited for if need be.

        Raises:
            TooManyQueries: the client has ``per_client`` queries admitted or waiting already.
            Unavailable: no fast place came free within ``wait`` seconds.
        """
        now = time.monotonic()
        use = self._use.setdefault(client, _Use(at=now))
        if self.per_client and use.running >= self.per_client:
            raise TooManyQueries(
                f"This client has {use.running} SPARQL queries under way already, the most one "
                f"client may have at once ({self.per_client}); wait for their answers, then "
                "send the next.",
                retry_after=RETRY_AFTER,
            )
        use.running += 1
        # Clients answered quickly before and never stopped lately first, then by their use in
        # tenths of a second, then by arrival: a new client, or one that sent runaways, waits
        # behind one known to send cheap queries, and new clients together take no more than
        # half the fast lane's places.
        proven = not self.reserve or use.quick > 2 * use.stops
        if self._admits(proven) and (not self._waiting or (proven and self._waiting[0][0])):
            self._take(proven)
            return Place(client, proven)
        ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (not proven, round(self._spent(use), 1), next(self._order), ready)
        heapq.heappush(self._waiting, entry)
        try:
            await asyncio.wait_for(asyncio.shield(ready), self.wait)
        except BaseException as e:
            if ready.done() and not ready.cancelled():  # given a place just as it gave up
                self._give_back(proven)
            else:
                ready.cancel()
                self._waiting.remove(entry)
                heapq.heapify(self._waiting)
            use.running -= 1
            self._forget(client, use)
            if isinstance(e, TimeoutError):
                raise Busy(
                    f"Every place for queries stayed taken for {self.wait:g} s; try again shortly.",
                    retry_after=RETRY_AFTER,
                ) from None
            raise
        return Place(client, proven)

    def promote(self, place: Place) -> bool:
        """Move ``place`` from the fast lane to the slow one, if the slow one has room; its fast
        place goes to the next waiting query."""
        if place.slow:
            return True
        if self.slow_busy >= self.slow:
            return False
        self.slow_busy += 1
        place.slow = True
        self._give_back(place.proven)
        return True

    def leave(self, place: Place) -> None:
        """Give ``place`` up, its query answered or stopped."""
        if place.slow:
            self.slow_busy -= 1
        else:
            self._give_back(place.proven)
        use = self._use.get(place.client)
        if use is not None:
            now = time.monotonic()
            use.seconds = self._spent(use, now) + (now - place.started)
            use.at = now
            use.running -= 1
            if place.quick:
                use.quick += 1
        self._left += 1
        if self._left >= SWEEP:
            self._left = 0
            for client, known in list(self._use.items()):
                self._forget(client, known)

    def full(self, place: Place) -> SlowLaneFull:
        """The error for the query in ``place``, past the fast lane's budget when the slow lane
        is full (and so stopped), with the Retry-After its client is asked to wait."""
        wait = FIRST_BACKOFF
        place.stopped = True
        use = self._use.get(place.client)
        if use is not None:
            now = time.monotonic()
            use.stops = 1 if now - use.stopped > FORGET else use.stops + 1
            use.stopped = now
            wait = min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** (use.stops - 1))
        return SlowLaneFull(
            f"The query ran past the {self.budget:g} s of the fast lane, and the {self.slow} "
            f"places for longer queries are all taken; it was stopped. Try again in {wait} s, "
            "or narrow it (more specific patterns, a LIMIT).",
            retry_after=wait,
        )

    def _admits(self, proven: bool) -> bool:
        if self.fast_busy >= self.fast:
            return False
        return proven or self.unproven_busy < max(1, self.fast // 2)

    def _take(self, proven: bool) -> None:
        self.fast_busy += 1
        if not proven:
            self.unproven_busy += 1

    def _give_back(self, proven: bool) -> None:
        self.fast_busy -= 1
        if not proven:
            self.unproven_busy -= 1
        self._wake()

    def _wake(self) -> None:
        while self._waiting and self._admits(not self._waiting[0][0]):
            unproven, *_, ready = heapq.heappop(self._waiting)
            if not ready.done():
                self._take(not unproven)
                ready.set_result(None)

    def _spent(self, use: _Use, now: float | None = None) -> float:
        elapsed = (time.monotonic() if now is None else now) - use.at
        return use.seconds * math.pow(0.5, elapsed / HALF_LIFE)

    def _forget(self, client: str, use: _Use) -> None:
        # A client's entry stays only while it has queries or a use worth remembering, so the
        # table stays as small as the set of recent clients.
        now = time.monotonic()
        if use.running <= 0 and now - max(use.at, use.stopped) > FORGET:
            self._use.pop(client, None)

    @property
    def clients(self) -> int:
        """How many clients are remembered."""
        return len(self._use)


def client_of(scope: MutableMapping[str, Any] | Mapping[str, Any], header: str = "") -> str:
    """Who sent the request, for the limit per client: the first address in the header named
    ``header`` (set behind a proxy that sets it, such as ``X-Forwarded-For``), else the peer's
    address."""
    if header:
        wanted = header.lower().encode("latin-1")
        for key, value in scope.get("headers", ()):
            if key == wanted:
                first: str = value.decode("latin-1").split(",")[0].strip()
                if first:
                    return first
    peer = scope.get("client")
    return str(peer[0]) if peer else ""
