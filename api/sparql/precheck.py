"""What is read from a query's text before a worker parses it — its form, SERVICE, FROM, nesting and
path steps — on the event loop for a short query, in a thread of its own for a long one.

Each step takes time linear in the text (:mod:`graph.sparql_text`), about 11 ms for the worst
64 KiB; on the event loop that would still hold every other request that long. A query of more
than :data:`INLINE_BYTES` is read in one of :data:`THREADS` threads kept for this (not the server's
thread pool, which pages and search use): the loop goes on answering meanwhile, and many long
queries at once wait for a thread rather than take the loop's time.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from api.sparql import protocol
from api.sparql.errors import ServiceForbidden, UpdateForbidden
from api.sparql.execute import check_shape
from graph.sparql_text import has_keyword

# Point lookups and the canned queries are well under this: read at once on the event loop,
# which costs less than a hand-off to a thread (some 50 µs).
INLINE_BYTES = 4 * 1024
THREADS = 2
_READERS = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="sparql-precheck")


@dataclass(frozen=True, slots=True)
class Checked:
    """A query's text, read: its form (None: not a query, the parser will say why) and whether
    it names its own dataset (FROM), which decides whether it sees the union."""

    form: str | None
    own_dataset: bool


def check(query: str) -> Checked:
    """Read ``query``'s text and refuse what is refused before a worker parses it.

    Raises:
        UpdateForbidden: an update sent as a query.
        ServiceForbidden: SERVICE.
        TooComplex: nesting or path steps over the limits (:func:`check_shape`).
    """
    form = protocol.query_form(query)
    if form in protocol.UPDATE_FORMS:
        raise UpdateForbidden(protocol.READ_ONLY)
    if has_keyword(query, "SERVICE"):
        raise ServiceForbidden(protocol.NO_SERVICE)
    check_shape(query)
    return Checked(form, has_keyword(query, "FROM"))


async def check_async(query: str) -> Checked:
    """:func:`check`, in a thread of its own for a query over :data:`INLINE_BYTES`."""
    if len(query) <= INLINE_BYTES:
        return check(query)
    return await asyncio.get_running_loop().run_in_executor(_READERS, check, query)
