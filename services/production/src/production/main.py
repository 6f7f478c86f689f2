"""Production service app: ``uvicorn --factory production.main:create_app``."""

from fastapi import FastAPI

from clusterkit.app import create_service_app
from clusterkit.database import Database
from production.api import routers
from production.consumers import membership_projection
from production.events import contracts
from production.models import outbox
from production.settings import ProductionSettings


def create_app(
    settings: ProductionSettings | None = None, database: Database | None = None
) -> FastAPI:
    return create_service_app(
        name="production",
        title="Copper Cluster — Production",
        settings=settings or ProductionSettings(),
        routers=routers,
        outbox=outbox,
        events=contracts,
        consumers=[membership_projection],
        database=database,
    )
