"""Gateway app: ``uvicorn --factory gateway.main:create_app``.

Two paths through one ASGI callable: ``/api/v1/<service>/...`` goes straight to the proxy
(fast, plain ASGI); everything else (health, metrics, the gateway's own API, docs and the
dashboard) is FastAPI.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import aiohttp
from fastapi import Depends, FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from clusterkit import tracing
from clusterkit.app import Degraded, ServiceRuntime, create_service_app
from clusterkit.auth import InternalTokens
from clusterkit.database import Database
from clusterkit.middleware import RequestMiddleware
from clusterkit.routing import Router
from gateway.codes.routes import router as codes_router
from gateway.dashboard import dashboard_router, mount_dashboard_assets
from gateway.events import contracts
from gateway.feed.routes import router as feed_router
from gateway.feed.service import feed_consumer
from gateway.keys.routes import router as keys_router
from gateway.keys.verifier import KeyVerifier
from gateway.notices.routes import router as notices_router
from gateway.notices.service import notice_consumer, notice_sender
from gateway.openapi import MergedOpenAPI, contracts_router, docs_router, mount_docs_assets
from gateway.proxy.auth import api_key_caller
from gateway.proxy.clients import ClientAddresses
from gateway.proxy.limiter import RateLimiter
from gateway.proxy.proxy import Proxy, RateLimits
from gateway.proxy.ratelimit import Limit
from gateway.settings import GatewaySettings
from gateway.tables import outbox
from gateway.webhooks.dispatcher import webhook_dispatcher
from gateway.webhooks.routes import router as webhooks_router

# The gateway's own API: every caller comes from its API key.
api = Router(dependencies=[Depends(api_key_caller)])
for feature in (keys_router, feed_router, webhooks_router, notices_router):
    api.include_router(feature)


class Gateway:
    """Dispatches proxied paths to the proxy and the rest to the gateway's own app."""

    def __init__(self, app: FastAPI, proxy: Proxy):
        self.app = app
        self.proxy = proxy
        # The proxied paths never enter the FastAPI app: their server span is made here.
        self.proxied: ASGIApp = tracing.server_spans(
            RequestMiddleware(proxy, tokens=None, audience="gateway")
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.proxy.service_of(scope["path"]):
            await self.proxied(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def create_app(
    settings: GatewaySettings | None = None, database: Database | None = None
) -> Gateway:
    settings = settings or GatewaySettings()
    keys = KeyVerifier(ttl=settings.key_cache_seconds)
    limits = RateLimits(
        per_key=Limit("per-key", settings.rate_per_key, settings.burst_per_key),
        per_anonymous_client=Limit(
            "anonymous", settings.rate_per_anonymous_client, settings.burst_per_anonymous_client
        ),
        anonymous_submit=Limit(
            "anonymous-submit", settings.rate_anonymous_submit, settings.burst_anonymous_submit
        ),
    )
    limiter = RateLimiter(
        redis_url=settings.redis_url,
        instances=settings.instances,
        timeout=settings.redis_timeout_seconds,
    )
    proxy = Proxy(
        settings.upstream_instances(),
        keys,
        InternalTokens(settings.internal_token_secret.get_secret_value()),
        limits,
        timeout=settings.upstream_timeout_seconds,
        connections=settings.upstream_connections,
        max_body=settings.max_body_bytes,
        max_upload=settings.max_document_bytes,
        limiter=limiter,
        clients=ClientAddresses(settings.trusted_proxies),
        breaker_threshold=settings.breaker_threshold,
        breaker_cooldown=settings.breaker_cooldown_seconds,
        api_language=settings.api_language,
    )

    def upstream_ready(urls: list[str]) -> Callable[[], Awaitable[None]]:
        async def ready(url: str) -> str | None:
            """None when the instance is ready, else what is wrong with it."""
            try:
                async with proxy.session.get(
                    f"{url}/readyz", timeout=aiohttp.ClientTimeout(total=2)
                ) as response:
                    return None if response.status == 200 else f"readyz answered {response.status}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                return f"{type(exc).__name__}: {exc}"

        async def check() -> None:
            problems = await asyncio.gather(*(ready(url) for url in urls))
            down = {url: problem for url, problem in zip(urls, problems, strict=True) if problem}
            if len(down) == len(urls):
                raise RuntimeError("; ".join(down.values()))
            if down:  # the others take its calls
                raise Degraded(f"{len(down)} of {len(urls)} instances not ready: {down}")

        return check

    checks = {name: upstream_ready(urls) for name, urls in settings.upstream_instances().items()}
    if settings.redis_url:
        checks["redis"] = limiter.check

    @asynccontextmanager
    async def proxy_lifespan() -> AsyncIterator[None]:
        try:
            yield
        finally:
            await proxy.close()

    # Not ``events=contracts``: that would mount the gateway's own schemas at
    # /asyncapi/schemas/ ahead of the relay that serves every service's there (its own too).
    app = create_service_app(
        name="gateway",
        title="Copper Cluster Platform",
        description="The one front door to the Copper Cluster Platform.",
        settings=settings,
        routers=[
            api,
            docs_router(MergedOpenAPI(settings.upstreams(), lambda: proxy.session)),
            contracts_router(settings.upstreams(), lambda: proxy.session, contracts),
            codes_router,  # public: no API key
            dashboard_router(proxy),
        ],
        openapi_url="/openapi/gateway.json",
        outbox=outbox,
        database=database,
        internal_auth=False,
        checks=checks,
        lifespan_hook=proxy_lifespan,
        consumers=[feed_consumer, notice_consumer],
        workers={"webhook-dispatcher": webhook_dispatcher, "notice-sender": notice_sender},
    )
    runtime: ServiceRuntime = app.state.runtime
    keys.database = runtime.database  # the pool the app made
    app.state.keys = keys
    mount_docs_assets(app)
    mount_dashboard_assets(app)
    gateway = Gateway(app, proxy)
    if settings.cors_origins:
        return CORSMiddleware(
            gateway,
            allow_origins=settings.cors_origins,  # type: ignore[return-value]
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=[
                "ETag",
                "Location",
                "Retry-After",
                "RateLimit",
                "RateLimit-Policy",
                "X-Request-ID",
            ],
        )
    return gateway
