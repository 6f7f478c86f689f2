"""Supply service app: ``uvicorn --factory supply.main:create_app``."""

from fastapi import FastAPI

from clusterkit.app import create_service_app
from clusterkit.database import Database
from supply.api import routers
from supply.consumers import membership_projection
from supply.events import contracts
from supply.models import outbox
from supply.settings import SupplySettings


def create_app(settings: SupplySettings | None = None, database: Database | None = None) -> FastAPI:
    return create_service_app(
        name="supply",
        title="Copper Cluster — Supply",
        settings=settings or SupplySettings(),
        routers=routers,
        outbox=outbox,
        events=contracts,
        consumers=[membership_projection],
        database=database,
    )
