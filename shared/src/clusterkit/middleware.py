"""The request middleware every service (and the gateway's proxy path) runs: request id,
internal token, metrics, access log and last-resort errors."""

from __future__ import annotations

import logging
import time

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clusterkit import metrics
from clusterkit.auth import TOKEN_HEADER, InternalTokens, InvalidToken
from clusterkit.context import accept_request_id, request_id_var
from clusterkit.i18n import N_, request_language
from clusterkit.problems import problem_response, unexpected_error_response

log = logging.getLogger("clusterkit.http")

# Reachable without the internal token: probes, scraping, and the API and event contracts
# the gateway serves.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json", "/asyncapi.yaml"})
SCHEMAS_PATH = "/asyncapi/schemas/"


class RequestMiddleware:
    """Request id in and out, internal-token check, metrics and one access-log line.

    Written as plain ASGI (no BaseHTTPMiddleware) to keep the per-request cost low; it is
    also the last resort for unexpected errors, so no stack trace ever reaches a client.
    """

    def __init__(self, app: ASGIApp, *, tokens: InternalTokens | None, audience: str):
        self.app = app
        self.tokens = tokens
        self.audience = audience

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = None
        internal_token = None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                request_id = value.decode("latin-1")
            elif name == TOKEN_HEADER.encode():
                internal_token = value.decode("latin-1")
        request_id = accept_request_id(request_id)
        context = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False
        request_id_header = (b"x-request-id", request_id.encode())

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), request_id_header]
            await send(message)

        path: str = scope["path"]
        try:
            if (
                self.tokens is not None
                and path not in OPEN_PATHS
                and not path.startswith(SCHEMAS_PATH)
            ):
                try:
                    if internal_token is None:
                        raise InvalidToken("missing")
                    caller = self.tokens.verify(internal_token, audience=self.audience)
                except InvalidToken:
                    await problem_response(
                        401,
                        code="unauthenticated",
                        detail=N_("Call this service through the gateway."),
                        instance=path,
                        language=request_language(Request(scope)),
                    )(scope, receive, send_with_id)
                    return
                scope.setdefault("state", {})["caller"] = caller
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if response_started:
                raise
            language = request_language(Request(scope))
            await unexpected_error_response(exc, path, language)(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            label = getattr(route, "path", "unmatched")
            method = scope["method"]
            metrics.HTTP_REQUESTS.labels(method, label, str(status)).inc()
            metrics.HTTP_LATENCY.labels(method, label).observe(elapsed)
            log.info(
                "request",
                extra={
                    "method": method,
                    "path": path,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id_var.reset(context)
