"""A service built with create_service_app, run by uvicorn in its own process for the
graceful-shutdown test: a slow endpoint, and a consumer in a group (on KIT_TOPIC)."""

from __future__ import annotations

import asyncio
import os

from fastapi import APIRouter, FastAPI

from clusterkit.app import ServiceRuntime, create_service_app
from clusterkit.consumer import EventConsumer, Handlers, Inbox
from clusterkit.events import CloudEvent
from clusterkit.settings import ServiceSettings
from clusterkit.sql import service_metadata
from clusterkit.unit_of_work import UnitOfWork

router = APIRouter(prefix="/api/v1/kit")


@router.get("/slow")
async def slow(seconds: float) -> dict[str, float]:
    await asyncio.sleep(seconds)
    return {"slept": seconds}


handlers = Handlers()


@handlers.any
async def ignore(uow: UnitOfWork, event: CloudEvent) -> None:
    return None


def create_app() -> FastAPI:
    settings = ServiceSettings()
    inbox = Inbox(service_metadata(os.environ["KIT_SCHEMA"]))

    def consumer(runtime: ServiceRuntime) -> EventConsumer:
        return EventConsumer(
            database=runtime.database,
            inbox=inbox,
            bootstrap_servers=settings.kafka_bootstrap_servers,
            group_id=os.environ["KIT_GROUP"],
            topics=[os.environ["KIT_TOPIC"]],
            handlers=handlers,
        )

    return create_service_app(
        name="kit",
        title="kit",
        settings=settings,
        routers=[router],
        consumers=[consumer],
        internal_auth=False,
    )
