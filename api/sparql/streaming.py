"""An answer sent in parts, each waited for no longer than a write timeout.

The server hands a part to the connection only when the connection has taken the previous ones
(uvicorn waits while the socket's buffer is over its high-water mark), so a slow client slows
the sending rather than growing a buffer; a client that takes nothing for ``write_timeout``
seconds loses the connection, and the answer's memory is freed. What a client that never reads
costs is then bounded: the answer (itself bounded by ``max_answer_bytes``) for ``write_timeout``
seconds, then the connection's buffer until the system gives up on it.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.background import BackgroundTask
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

PART = 64 * 1024  # bytes handed to the connection at a time
logger = logging.getLogger(__name__)


class PartedResponse(Response):
    """A :class:`Response` whose body goes out in parts of :data:`PART` bytes, each within
    ``write_timeout`` seconds; past it the connection is dropped."""

    def __init__(
        self,
        content: bytes,
        *,
        write_timeout: float,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        super().__init__(content, status_code, headers, media_type, background)
        self.write_timeout = write_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # noqa: ARG002
        body, self.body = memoryview(self.body), b""  # held here only, to be freed on a drop
        loop = asyncio.get_running_loop()
        start = {"type": "http.response.start", "status": self.status_code}
        start["headers"] = self.raw_headers
        try:
            # One timer for the whole answer, moved on before each part: cheaper than a
            # wait_for (a task) per message, which a point lookup's answer would pay thrice.
            async with asyncio.timeout(self.write_timeout) as limit:
                await send(start)
                if len(body) <= PART:  # the usual answer: in one message
                    limit.reschedule(loop.time() + self.write_timeout)
                    await send({"type": "http.response.body", "body": bytes(body)})
                else:
                    for offset in range(0, len(body), PART):
                        part = bytes(body[offset : offset + PART])
                        message = {"type": "http.response.body", "body": part, "more_body": True}
                        limit.reschedule(loop.time() + self.write_timeout)
                        await send(message)
                    limit.reschedule(loop.time() + self.write_timeout)
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
        except TimeoutError:
            # Returning with the answer unfinished makes the server close the connection.
            logger.warning(
                "A client took nothing of a SPARQL answer for %g s: its connection is dropped.",
                self.write_timeout,
            )
            return
        if self.background is not None:
            await self.background()
