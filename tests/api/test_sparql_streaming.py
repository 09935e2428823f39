"""An answer goes out in parts, each handed over within the write timeout; a client that takes
nothing loses its connection, and the answer is let go."""

from __future__ import annotations

import asyncio
import time

from event_loop import run
from starlette.types import Message

from api.sparql.streaming import PART, PartedResponse


def test_sparql_streaming_sends_the_body_in_parts() -> None:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    body = bytes(range(256)) * (PART // 100)  # a little over 2.5 parts
    response = PartedResponse(body, write_timeout=1, media_type="text/plain")
    run(response({"type": "http"}, receive, send))
    assert sent[0]["type"] == "http.response.start"
    assert (b"content-length", str(len(body)).encode()) in sent[0]["headers"]
    parts = [m["body"] for m in sent[1:]]
    assert [len(p) for p in parts] == [PART, PART, len(body) - 2 * PART, 0]
    assert b"".join(parts) == body
    assert sent[-1]["more_body"] is False


def test_sparql_streaming_gives_up_on_a_client_that_takes_nothing() -> None:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        if message["type"] == "http.response.body" and sent:
            await asyncio.sleep(3600)  # the connection's buffer is full: the client reads nothing
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    response = PartedResponse(b"x" * (4 * PART), write_timeout=0.2, media_type="text/plain")
    start = time.monotonic()
    run(response({"type": "http"}, receive, send))
    assert time.monotonic() - start < 1.0  # gave up after one write timeout
    assert len(sent) == 1  # the head; the first part never taken, and no more tried
    assert response.body == b""  # the answer is not held by the response any more
