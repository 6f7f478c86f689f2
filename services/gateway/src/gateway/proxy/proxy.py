"""The proxied path: ``/api/v1/<service>/...`` to the service, as plain ASGI.

No FastAPI routing or body validation here: check the path, authenticate the key, take a
rate-limit token (``limiter``), sign the internal token, and hand the request to
``forwarding``, which sends it to one of the service's instances over a pooled keep-alive
aiohttp connection (again only when that is safe) and streams the answer back with its
status unchanged. What the proxy refuses it answers as the services do: a domain error,
made problem+json by ``clusterkit.problems``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
)
from clusterkit.i18n import DEFAULT_API_LANGUAGE, LANGUAGES, N_, negotiate
from clusterkit.problems import domain_error_response
from gateway.keys.verifier import KeyVerifier
from gateway.proxy.auth import authenticate, invalid_key
from gateway.proxy.bodies import (
    BUFFERED_BODY_LIMIT,
    StreamedBody,
    content_length,
    has_chunked_body,
    read_body,
)
from gateway.proxy.clients import ClientAddresses
from gateway.proxy.forwarding import Outgoing, forward
from gateway.proxy.limiter import RateLimiter
from gateway.proxy.ratelimit import Decision, Limit
from gateway.proxy.upstreams import Upstream

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
SUBMIT_PATH = "/api/v1/membership/applications"


# What the proxy says of a service it does not call: each said whole (the service's name
# is a word of the sentence in Uzbek and Russian).
FAILING = {
    "membership": N_("The membership service is failing; not calling it for now."),
    "production": N_("The production service is failing; not calling it for now."),
    "supply": N_("The supply service is failing; not calling it for now."),
}
FAILING_ANY = N_("The {service} service is failing; not calling it for now.")

# A path that could reach another service's (never sent on).
NO_SUCH_PATH = NotFound("path", N_("No such path."))


@dataclass(frozen=True)
class RateLimits:
    per_key: Limit
    per_anonymous_client: Limit
    anonymous_submit: Limit


# What a multipart upload adds to its file (boundaries, part headers, the kind and a
# certificate's fields): the service checks the file's own size exactly.
UPLOAD_FRAMING = 64 * 1024


class Proxy:
    def __init__(
        self,
        upstreams: Mapping[str, Sequence[str]],
        keys: KeyVerifier,
        tokens: InternalTokens,
        limits: RateLimits,
        *,
        timeout: float,
        connections: int,
        max_body: int,
        max_upload: int = 20 * 1024 * 1024,
        limiter: RateLimiter | None = None,
        clients: ClientAddresses | None = None,
        breaker_threshold: int = 5,
        breaker_cooldown: float = 10.0,
        api_language: str = DEFAULT_API_LANGUAGE,
    ):
        self.services = {
            name: Upstream(name, urls, threshold=breaker_threshold, cooldown=breaker_cooldown)
            for name, urls in upstreams.items()
        }
        self.keys = keys
        self.tokens = tokens
        self.limits = limits
        self.limiter = limiter or RateLimiter()
        self.clients = clients or ClientAddresses()
        # The answer may take ``timeout`` to begin and as long between two chunks, but not in
        # all: an export streams for as long as its rows take (a total would cut it off).
        self.timeout = aiohttp.ClientTimeout(total=None, connect=5, sock_read=timeout)
        self.connections = connections
        self.max_body = max_body
        self.max_upload = max_upload
        self.api_language = api_language  # the proxy's own problems when none is asked for
        self._session: aiohttp.ClientSession | None = None

    def service_of(self, path: str) -> str | None:
        parts = path.split("/", 4)  # "", "api", "v1", "<service>", rest
        if len(parts) >= 4 and parts[1] == "api" and parts[2] == "v1" and parts[3] in self.services:
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
        await self.limiter.close()

    def _limit(self, scope: Scope) -> int:
        """The body a request may send: a document upload (``POST .../documents``) up to the
        document limit and its multipart framing, any other the general limit."""
        if scope["method"] == "POST" and scope["path"].rstrip("/").endswith("/documents"):
            return self.max_upload + UPLOAD_FRAMING
        return self.max_body

    def _too_large(self, limit: int) -> TooLarge:
        return TooLarge(
            N_("The body is larger than {limit} bytes."),
            code="body-too-large",
            params={"limit": limit},
        )

    async def _rate_limit(self, scope: Scope, caller: Caller, address: str) -> Decision:
        if caller.key_id:
            return await self.limiter.take(self.limits.per_key, caller.key_id)
        if scope["method"] == "POST" and scope["path"].rstrip("/") == SUBMIT_PATH:
            submit = await self.limiter.take(self.limits.anonymous_submit, address)
            if not submit.allowed:
                return submit
        return await self.limiter.take(self.limits.per_anonymous_client, address)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        service = self.service_of(path)
        assert service is not None
        # What the proxy answers itself is in the request's language, as a service's is.
        accept_language = next(
            (v.decode("latin-1") for n, v in scope["headers"] if n == b"accept-language"), None
        )
        language = negotiate(accept_language, LANGUAGES, self.api_language)

        async def refuse(
            error: DomainError, headers: list[tuple[bytes, bytes]] | None = None
        ) -> None:
            """Answer ``error`` (as the services would), with ``headers`` of the proxy's."""
            response = domain_error_response(error, path, language)
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
        address = self.clients.of(scope)
        decision = await self._rate_limit(scope, caller, address)
        if not decision.allowed:
            limited = RateLimited(
                N_("Too many requests ({limit}); retry after {seconds} s."),
                retry_after=decision.reset_seconds,
                params={"limit": decision.limit.name, "seconds": decision.reset_seconds},
            )
            await refuse(limited, decision.headers())
            return
        upstream = self.services[service]
        instance = upstream.choose()
        if instance is None:
            failing = Busy(
                FAILING.get(service, FAILING_ANY),
                code="upstream-unavailable",
                params={"service": service},
            )
            await refuse(failing, [(b"retry-after", str(upstream.retry_after()).encode())])
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
        if scope.get("client"):
            headers.append(("x-forwarded-for", address))

        length, limit = content_length(scope), self._limit(scope)
        if length is not None and length > limit:
            await refuse(self._too_large(limit))
            return
        body: bytes | StreamedBody | None
        if length is not None and length <= BUFFERED_BODY_LIMIT:
            body = await read_body(receive)
            headers.append(("content-length", str(len(body))))
        elif length is None and not has_chunked_body(scope):
            body = None
        else:
            body = StreamedBody(receive, limit)

        target = raw_path
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        await forward(
            self.session,
            self.timeout,
            upstream,
            instance,
            Outgoing(scope["method"], target, headers, body),
            send=send,
            refuse=refuse,
            decision=decision,
            too_large=self._too_large(limit),
        )


def _escapes(raw_path: str) -> bool:
    """True for dot segments or encoded slashes, which could reach another service's path."""
    lowered = raw_path.lower()
    if "%2f" in lowered or "%5c" in lowered or "\\" in raw_path:
        return True
    return any(segment in (".", "..") for segment in unquote(raw_path).split("/"))
