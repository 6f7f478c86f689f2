"""The one way a service's FastAPI app is put together.

``create_service_app`` wires the request middleware (request id, internal token, metrics,
access log, last-resort errors), problem+json handlers, ``/healthz``, ``/readyz`` and
``/metrics``, and runs the outbox relay and the consumers beside the API.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, Protocol, TypeVar

import orjson
from fastapi import APIRouter, Depends, FastAPI, Request
from pydantic import BaseModel
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clusterkit import metrics
from clusterkit.auth import TOKEN_HEADER, Caller, InternalTokens, InvalidToken, current_caller
from clusterkit.context import accept_request_id, request_id_var
from clusterkit.contracts import EventContracts
from clusterkit.database import Database
from clusterkit.errors import NotFound
from clusterkit.kafka import KafkaProbe
from clusterkit.logs import configure_logging
from clusterkit.outbox import Outbox, OutboxRelay, idempotent_producer
from clusterkit.problems import (
    document_problems,
    install_problem_handlers,
    problem_response,
    unexpected_error_response,
)
from clusterkit.settings import ServiceSettings
from clusterkit.shutdown import DRAINING, Drain, Workers
from clusterkit.sql import SQL, Reader
from clusterkit.unit_of_work import Transactions

SettingsT = TypeVar("SettingsT", bound=ServiceSettings)
log = logging.getLogger("clusterkit.http")

# Reachable without the internal token: probes, scraping, and the API and event contracts
# the gateway serves.
OPEN_PATHS = frozenset({"/healthz", "/readyz", "/metrics", "/openapi.json", "/asyncapi.yaml"})
SCHEMAS_PATH = "/asyncapi/schemas/"


@dataclass
class ServiceRuntime:
    """What a running service is made of; available to endpoints as ``app.state.runtime``."""

    name: str
    settings: ServiceSettings
    database: Database
    tokens: InternalTokens
    kafka: KafkaProbe
    outbox: Outbox | None = None
    drain: Drain = field(default_factory=Drain)  # after SIGTERM: /readyz 503 "draining"

    def transactions(self, caller: Caller) -> Transactions:
        """How ``caller``'s changes are written (and their events published)."""
        return Transactions(self.database, self.outbox, caller)


class Consumer(Protocol):
    group_id: str

    async def run(self) -> None: ...

    def stop(self) -> None: ...


ConsumerFactory = Callable[[ServiceRuntime], Consumer]
# A background loop of the service's own (runs until cancelled), made from its runtime.
WorkerFactory = Callable[[ServiceRuntime], Coroutine[Any, Any, None]]


def runtime_of(request: Request) -> ServiceRuntime:
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


def settings_of(request: Request, kind: type[SettingsT]) -> SettingsT:
    """The service's own settings class, typed (``settings_of(request, SupplySettings)``)."""
    settings = runtime_of(request).settings
    assert isinstance(settings, kind)
    return settings


async def _transactions(request: Request) -> Transactions:
    return runtime_of(request).transactions(await current_caller(request))


async def _reader(request: Request) -> SQL:
    return Reader(runtime_of(request).database)


# The two ways an endpoint reaches the database. Writes: ``WriteDep``, which runs a use
# case in a unit of work of the caller's. Reads: ``ReadDep``, statements without a
# transaction (no BEGIN/ROLLBACK round trips), each on a pool connection taken for it.
WriteDep = Annotated[Transactions, Depends(_transactions)]
ReadDep = Annotated[SQL, Depends(_reader)]


def answer(
    model: BaseModel, *, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """A model as the JSON answer, serialized once: FastAPI would validate a returned model
    again against the route's response model before serializing it (declare that model in
    the route's ``response_model`` for the documentation)."""
    return Response(
        model.__pydantic_serializer__.to_json(model),
        status_code=status_code,
        headers=dict(headers) if headers else None,
        media_type="application/json",
    )


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
                        detail="Call this service through the gateway.",
                        instance=path,
                    )(scope, receive, send_with_id)
                    return
                scope.setdefault("state", {})["caller"] = caller
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            if response_started:
                raise
            await unexpected_error_response(exc, path)(scope, receive, send_with_id)
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


Check = Callable[[], Awaitable[None]]


class Degraded(Exception):
    """Raised by a readiness check whose dependency is away but has a fallback in use: the
    instance keeps serving (``/readyz`` answers 200 with ``status: degraded``)."""


def health_router(
    checks: dict[str, Check],
    on_scrape: Sequence[Check] = (),
    drain: Drain | None = None,
) -> APIRouter:
    """``/healthz`` (the process answers), ``/readyz`` (each dependency answers within its
    timeout; 503 problem+json naming the ones that do not, or ``draining`` while the
    instance shuts down) and ``/metrics``."""
    router = APIRouter(include_in_schema=False)

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> Response:
        if drain is not None and drain.active:
            return problem_response(503, code="draining", detail=DRAINING)

        async def run(check: Check) -> str:
            try:
                await asyncio.wait_for(check(), timeout=3)
            except Degraded as exc:
                return f"degraded: {exc}"[:300]
            except Exception as exc:
                return f"unavailable: {type(exc).__name__}: {exc}"[:300]
            return "ok"

        results = await asyncio.gather(*(run(check) for check in checks.values()))
        report = dict(zip(checks, results, strict=True))
        failed = [name for name, result in report.items() if result.startswith("unavailable")]
        if failed:
            return problem_response(
                503,
                code="not-ready",
                detail=f"Not ready: {', '.join(failed)} unavailable.",
                checks=report,
            )
        degraded = any(result.startswith("degraded") for result in report.values())
        status = "degraded" if degraded else "ready"
        return Response(
            orjson.dumps({"status": status, "checks": report}), media_type="application/json"
        )

    @router.get("/metrics")
    async def prometheus() -> Response:
        for refresh in on_scrape:
            try:
                await refresh()
            except Exception as exc:  # a scrape must still answer while the DB is away
                log.debug("metrics refresh failed", extra={"error": repr(exc)})
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    return router


def contracts_router(contracts: EventContracts) -> APIRouter:
    """The service's AsyncAPI document and event schemas, as committed in contracts/."""
    router = APIRouter(include_in_schema=False)

    @router.get("/asyncapi.yaml")
    async def asyncapi() -> Response:
        return Response(contracts.asyncapi_text(), media_type="application/yaml")

    @router.get(SCHEMAS_PATH + "{name}")
    async def schema(name: str) -> Response:
        type_ = name.removesuffix(".json")
        if type_ not in contracts.by_type:
            raise NotFound("event type")
        return Response(contracts.schema_text(type_), media_type="application/schema+json")

    return router


def create_service_app(
    *,
    name: str,
    title: str,
    settings: ServiceSettings,
    routers: Sequence[APIRouter],
    outbox: Outbox | None = None,
    consumers: Sequence[ConsumerFactory] = (),
    workers: Mapping[str, WorkerFactory] | None = None,
    events: EventContracts | None = None,
    database: Database | None = None,
    internal_auth: bool = True,
    checks: dict[str, Check] | None = None,
    lifespan_hook: Callable[[], contextlib.AbstractAsyncContextManager[None]] | None = None,
    openapi_url: str = "/openapi.json",
    version: str = "1.0.0",
    description: str = "",
) -> FastAPI:
    """Build a service's app.

    ``database`` may be given (tests bind it to a transaction); ``internal_auth=False`` is
    for the gateway, which authenticates API keys itself; ``checks`` are extra readiness
    checks; ``lifespan_hook`` opens and closes the app's own resources.
    """
    runtime = ServiceRuntime(
        name=name,
        settings=settings,
        database=database or Database(settings.database_url, pool_size=settings.database_pool_size),
        tokens=InternalTokens(settings.internal_token_secret.get_secret_value()),
        kafka=KafkaProbe(settings.kafka_bootstrap_servers),
        outbox=outbox,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(name, settings.log_level)
        running = Workers()
        if settings.run_workers:
            if outbox is not None:
                relay = OutboxRelay(
                    runtime.database,
                    outbox,
                    lambda: idempotent_producer(settings.kafka_bootstrap_servers, f"{name}-relay"),
                )
                running.start("outbox-relay", relay.run(), stop=relay.stop)
            for make_consumer in consumers:
                consumer = make_consumer(runtime)
                running.start(consumer.group_id, consumer.run(), stop=consumer.stop)
            for worker_name, make_worker in (workers or {}).items():
                running.start(worker_name, make_worker(runtime))
        runtime.drain.on_sigterm(settings.shutdown_drain_seconds)
        # What start-up made (routes, models, tables, metadata) lives as long as the process:
        # kept out of the collector's sight, full collections stop walking it. Under load
        # they were the slow tail: p99 of the member list at 32 connections 78 ms -> 43 ms.
        gc.collect()
        gc.freeze()
        log.info("service started", extra={"workers": running.count})
        try:
            async with lifespan_hook() if lifespan_hook else contextlib.nullcontext():
                yield
        finally:
            # uvicorn has finished the in-flight requests: the relay and the consumers
            # finish their batch, the other workers (nothing half-done) are cancelled.
            await running.stop()
            await runtime.kafka.close()
            if database is None:
                await runtime.database.dispose()
            log.info("service stopped")

    app = FastAPI(
        title=title,
        version=version,
        description=description,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=openapi_url,
    )
    app.state.runtime = runtime
    install_problem_handlers(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_problems(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    if events is not None:
        app.include_router(contracts_router(events))
    app.add_middleware(
        RequestMiddleware, tokens=runtime.tokens if internal_auth else None, audience=name
    )

    async def refresh_outbox_metrics() -> None:
        if outbox is not None:
            backlog, age = await outbox.backlog(runtime.database)
            schema = outbox.table.schema or name
            metrics.OUTBOX_BACKLOG.labels(schema).set(backlog)
            metrics.OUTBOX_OLDEST_AGE.labels(schema).set(age)

    app.include_router(
        health_router(
            {"postgres": runtime.database.ping, "kafka": runtime.kafka.check, **(checks or {})},
            on_scrape=[refresh_outbox_metrics],
            drain=runtime.drain,
        )
    )
    for router in routers:
        app.include_router(router)
    return app
