"""The proxied path: ``/api/v1/<service>/...`` to the service, as plain ASGI.

No FastAPI routing or body validation here: check the path, authenticate the key, take a
rate-limit token, sign the internal token, send the request over a pooled keep-alive aiohttp
connection and stream the answer back with its status unchanged. Connection failures are
retried only when repeating the request is safe; a circuit breaker per service fails fast
while the service is down. What the proxy refuses it answers as the services do: a domain
error, made problem+json by ``clusterkit.problems``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from urllib.parse import unquote

import aiohttp
from starlette.types import Receive, Scope, Send

from clusterkit.auth import TOKEN_HEADER, Caller, InternalTokens
from clusterkit.context import current_request_id
from clusterkit.errors import (
    Busy,
    DomainError,
    NotFound,
    RateLimited,
    TooLarge,
    UpstreamFailed,
    UpstreamTimedOut,
)
from clusterkit.problems import domain_error_response
from gateway.keys.verifier import KeyVerifier
from gateway.proxy.auth import authenticate, invalid_key
from gateway.proxy.ratelimit import Decision, Limit, TokenBuckets
from gateway.proxy.resilience import CircuitBreaker

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
        b"x-forwarded-for",
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
SAFE_TO_REPEAT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_DELAYS = (0.05, 0.2)
# Bodies up to this size are read whole (one write upstream, a Content-Length, retryable);
# larger ones are streamed chunk by chunk.
BUFFERED_BODY_LIMIT = 1 << 20
SUBMIT_PATH = "/api/v1/membership/applications"


class BodyTooLarge(Exception):
    pass


def _no_such_path() -> NotFound:
    error = NotFound("path")
    error.detail = "No such path."
    return error


NO_SUCH_PATH = _no_such_path()  # a path that could reach another service's (never sent on)


@dataclass(frozen=True)
class RateLimits:
    per_key: Limit
    per_anonymous_client: Limit
    anonymous_submit: Limit


class Proxy:
    def __init__(
        self,
        upstreams: dict[str, str],
        keys: KeyVerifier,
        tokens: InternalTokens,
        limits: RateLimits,
        *,
        timeout: float,
        connections: int,
        max_body: int,
        breaker_threshold: int = 5,
        breaker_cooldown: float = 10.0,
    ):
        self.upstreams = upstreams
        self.keys = keys
        self.tokens = tokens
        self.limits = limits
        self.buckets = TokenBuckets()
        self.breakers = {
            name: CircuitBreaker(threshold=breaker_threshold, cooldown=breaker_cooldown)
            for name in upstreams
        }
        self.timeout = aiohttp.ClientTimeout(total=timeout, connect=5)
        self.connections = connections
        self.max_body = max_body
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

    def _too_large(self) -> TooLarge:
        return TooLarge(f"The body is larger than {self.max_body} bytes.", code="body-too-large")

    def _rate_limit(self, scope: Scope, caller: Caller) -> Decision:
        if caller.key_id:
            return self.buckets.take(self.limits.per_key, caller.key_id)
        client = scope.get("client")
        address = client[0] if client else "unknown"
        if scope["method"] == "POST" and scope["path"].rstrip("/") == SUBMIT_PATH:
            submit = self.buckets.take(self.limits.anonymous_submit, address)
            if not submit.allowed:
                return submit
        return self.buckets.take(self.limits.per_anonymous_client, address)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        service = self.service_of(path)
        assert service is not None

        async def refuse(
            error: DomainError, headers: list[tuple[bytes, bytes]] | None = None
        ) -> None:
            """Answer ``error`` (as the services would), with ``headers`` of the proxy's."""
            response = domain_error_response(error, path)
            for name, value in headers or ():
                response.headers[name.decode("latin-1")] = value.decode("latin-1")
            await response(scope, receive, send)

        raw_path = (scope.get("raw_path") or path.encode()).decode("latin-1")
        if _escapes(raw_path):
            await refuse(NO_SUCH_PATH)
            return
        authorization = next(
            (v.decode("latin-1") for n, v in scope["headers"] if n == b"authorization"), None
        )
        caller = await authenticate(self.keys, authorization)
        if caller is None:
            await refuse(invalid_key())
            return
        decision = self._rate_limit(scope, caller)
        if not decision.allowed:
            limited = RateLimited(
                f"Too many requests ({decision.limit.name}); retry after "
                f"{decision.reset_seconds} s.",
                retry_after=decision.reset_seconds,
            )
            await refuse(limited, decision.headers())
            return
        breaker = self.breakers[service]
        if not breaker.allow():
            failing = Busy(
                f"The {service} service is failing; not calling it for now.",
                code="upstream-unavailable",
            )
            await refuse(failing, [(b"retry-after", str(breaker.retry_after()).encode())])
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

        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await refuse(self._too_large())
            return
        body: bytes | StreamedBody | None
        if length is not None and length <= BUFFERED_BODY_LIMIT:
            body = await _read_body(receive)
            headers.append(("content-length", str(len(body))))
        elif length is None and not _has_chunked_body(scope):
            body = None
        else:
            body = StreamedBody(receive, self.max_body)

        url = self.upstreams[service] + raw_path
        if scope.get("query_string"):
            url += "?" + scope["query_string"].decode("latin-1")
        method: str = scope["method"]
        repeatable = not isinstance(body, StreamedBody) and (
            method in SAFE_TO_REPEAT or any(n.lower() == "idempotency-key" for n, _ in headers)
        )
        attempts = 1 + (len(RETRY_DELAYS) if repeatable else 0)
        started = False
        for attempt in range(attempts):
            try:
                async with self.session.request(
                    method,
                    url,
                    headers=headers,
                    data=body.__aiter__() if isinstance(body, StreamedBody) else body,
                    allow_redirects=False,
                    timeout=self.timeout,
                ) as upstream:
                    breaker.succeeded()
                    started = True
                    await send(
                        {
                            "type": "http.response.start",
                            "status": upstream.status,
                            "headers": [
                                (name.lower(), value)
                                for name, value in upstream.raw_headers
                                if name.decode("latin-1").lower() not in DROPPED_RESPONSE_HEADERS
                            ]
                            + decision.headers(),
                        }
                    )
                    length = upstream.content_length
                    if length is not None and length <= BUFFERED_BODY_LIMIT:
                        # one write for a small answer (most API answers)
                        body_bytes = await upstream.read()
                        await send({"type": "http.response.body", "body": body_bytes})
                        return
                    async for chunk in upstream.content.iter_any():
                        await send({"type": "http.response.body", "body": chunk, "more_body": True})
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                    return
            except (BodyTooLarge, aiohttp.ClientConnectionError) as exc:
                if isinstance(body, StreamedBody) and body.too_large:
                    await refuse(self._too_large())
                    return
                if started:
                    raise
                breaker.failed()
                if attempt + 1 < attempts and breaker.allow():
                    await asyncio.sleep(RETRY_DELAYS[attempt])
                    continue
                log.warning("upstream unreachable", extra={"service": service, "error": repr(exc)})
                unreachable = UpstreamFailed(f"The {service} service is not reachable.")
                await refuse(unreachable, [(b"retry-after", b"2")])
                return
            except TimeoutError:
                if started:
                    raise
                breaker.failed()
                await refuse(UpstreamTimedOut(f"The {service} service did not answer in time."))
                return


def _escapes(raw_path: str) -> bool:
    """True for dot segments or encoded slashes, which could reach another service's path."""
    lowered = raw_path.lower()
    if "%2f" in lowered or "%5c" in lowered or "\\" in raw_path:
        return True
    return any(segment in (".", "..") for segment in unquote(raw_path).split("/"))


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


class StreamedBody:
    """A request body passed on chunk by chunk, stopped once it passes ``limit`` bytes
    (aiohttp reports that as a connection error; ``too_large`` tells the two apart)."""

    def __init__(self, receive: Receive, limit: int):
        self.receive = receive
        self.limit = limit
        self.too_large = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
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
