"""Request bodies on their way through the proxy: read whole when small (sent in one write,
with a Content-Length, and repeatable), streamed chunk by chunk when large."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from starlette.types import Receive, Scope

# Bodies up to this size are read whole (one write upstream, a Content-Length, retryable);
# larger ones are streamed chunk by chunk.
BUFFERED_BODY_LIMIT = 1 << 20


class BodyTooLarge(Exception):
    pass


def content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def has_chunked_body(scope: Scope) -> bool:
    return any(
        name == b"transfer-encoding" and b"chunked" in value.lower()
        for name, value in scope["headers"]
    )


async def read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise asyncio.CancelledError("client went away")
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


class StreamedBody:
    """A request body passed on chunk by chunk, stopped once it passes ``limit`` bytes
    (aiohttp reports that as a connection error; ``too_large`` tells the two apart).
    ``started`` once a chunk was asked for: from then on it cannot be sent again."""

    def __init__(self, receive: Receive, limit: int):
        self.receive = receive
        self.limit = limit
        self.too_large = False
        self.started = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.started = True
        total = 0
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.limit:
                self.too_large = True
                raise BodyTooLarge
            if chunk:
                yield chunk
            if not message.get("more_body"):
                return
