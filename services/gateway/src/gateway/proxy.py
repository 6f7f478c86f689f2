"""The proxied path: ``/api/v1/<service>/...`` to the service, as plain ASGI.

No FastAPI routing or body validation here: authenticate the key, sign the internal token,
stream the request to the service over a pooled keep-alive aiohttp connection and stream
the answer back with its status unchanged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import aiohttp
from starlette.types import Receive, Scope, Send

from clusterkit.auth import TOKEN_HEADER, Caller, InternalTokens
from clusterkit.context import current_request_id
from clusterkit.problems import problem_response
from gateway.auth import CHALLENGE, INVALID_KEY, authenticate
from gateway.keys import KeyVerifier

log = logging.getLogger("gateway.proxy")

# Never forwarded: hop-by-hop headers (RFC 9110 7.6.1), the caller's credentials (services
# get the internal token instead) and anything pretending to be one.
DROPPED_REQUEST_HEADERS = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
        b"host",
        b"authorization",
        TOKEN_HEADER.encode(),
        b"x-request-id",
        b"content-length",
    }
)
DROPPED_RESPONSE_HEADERS = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "upgrade",
        "trailer",
        "x-request-id",
    }
)
# Bodies up to this size are read whole (one write upstream, a Content-Length); larger
# ones are streamed chunk by chunk.
BUFFERED_BODY_LIMIT = 1 << 20
MAX_BODY = 10 << 20


class Proxy:
    def __init__(
        self,
        upstreams: dict[str, str],
        keys: KeyVerifier,
        tokens: InternalTokens,
        *,
        timeout: float,
        connections: int,
    ):
        self.upstreams = upstreams
        self.keys = keys
        self.tokens = tokens
        self.timeout = aiohttp.ClientTimeout(total=timeout, connect=5)
        self.connections = connections
        self._session: aiohttp.ClientSession | None = None

    def service_of(self, path: str) -> str | None:
        parts = path.split("/", 4)  # "", "api", "v1", "<service>", rest
        if (
            len(parts) >= 4
            and parts[1] == "api"
            and parts[2] == "v1"
            and parts[3] in self.upstreams
        ):
            return parts[3]
        return None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.connections, ttl_dns_cache=300),
                auto_decompress=False,
                skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"),
                cookie_jar=aiohttp.DummyCookieJar(),
            )
        return self._session

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def _caller(self, scope: Scope) -> Caller | None:
        for name, value in scope["headers"]:
            if name == b"authorization":
                return await authenticate(self.keys, value.decode("latin-1"))
        return await authenticate(self.keys, None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        service = self.service_of(path)
        assert service is not None
        caller = await self._caller(scope)
        if caller is None:
            await problem_response(
                401, code="invalid-api-key", instance=path, detail=INVALID_KEY, headers=CHALLENGE
            )(scope, receive, send)
            return

        request_id = current_request_id()
        headers: list[tuple[str, str]] = [
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, value in scope["headers"]
            if name not in DROPPED_REQUEST_HEADERS
        ]
        headers.append(
            (TOKEN_HEADER, self.tokens.mint(caller, audience=service, request_id=request_id))
        )
        if request_id:
            headers.append(("x-request-id", request_id))
        client = scope.get("client")
        if client:
            headers.append(("x-forwarded-for", client[0]))

        body: bytes | AsyncIterator[bytes] | None
        length = _content_length(scope)
        if length is not None and length > MAX_BODY:
            await problem_response(413, instance=path, detail="The body is larger than 10 MiB.")(
                scope, receive, send
            )
            return
        if length is not None and length <= BUFFERED_BODY_LIMIT:
            body = await _read_body(receive)
            headers.append(("content-length", str(len(body))))
        elif length is None and not _has_chunked_body(scope):
            body = None
        else:
            body = _stream_body(receive)

        url = self.upstreams[service] + (scope.get("raw_path") or path.encode()).decode("latin-1")
        if scope.get("query_string"):
            url += "?" + scope["query_string"].decode("latin-1")
        try:
            async with self.session.request(
                scope["method"],
                url,
                headers=headers,
                data=body,
                allow_redirects=False,
                timeout=self.timeout,
            ) as upstream:
                await send(
                    {
                        "type": "http.response.start",
                        "status": upstream.status,
                        "headers": [
                            (name.lower(), value)
                            for name, value in upstream.raw_headers
                            if name.decode("latin-1").lower() not in DROPPED_RESPONSE_HEADERS
                        ],
                    }
                )
                async for chunk in upstream.content.iter_any():
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        except (aiohttp.ClientConnectorError, aiohttp.ServerDisconnectedError) as exc:
            log.warning("upstream unreachable", extra={"service": service, "error": repr(exc)})
            await problem_response(
                502,
                code="upstream-unavailable",
                instance=path,
                detail=f"The {service} service is not reachable.",
                headers={"Retry-After": "2"},
            )(scope, receive, send)
        except TimeoutError:
            await problem_response(
                504,
                code="upstream-timeout",
                instance=path,
                detail=f"The {service} service did not answer in time.",
            )(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _has_chunked_body(scope: Scope) -> bool:
    return any(
        name == b"transfer-encoding" and b"chunked" in value.lower()
        for name, value in scope["headers"]
    )


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise asyncio.CancelledError("client went away")
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


async def _stream_body(receive: Receive) -> AsyncIterator[bytes]:
    total = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        chunk = message.get("body", b"")
        total += len(chunk)
        if total > MAX_BODY:
            raise ValueError("body larger than the limit")
        if chunk:
            yield chunk
        if not message.get("more_body"):
            return
