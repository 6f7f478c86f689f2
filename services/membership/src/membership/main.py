"""Membership service app: ``uvicorn --factory membership.main:create_app``."""

from fastapi import FastAPI

from clusterkit.app import create_service_app
from clusterkit.database import Database
from membership.api import routers
from membership.events import contracts
from membership.models import outbox
from membership.settings import MembershipSettings


def create_app(
    settings: MembershipSettings | None = None, database: Database | None = None
) -> FastAPI:
    return create_service_app(
        name="membership",
        title="Copper Cluster — Membership",
        description="Applications to join the Copper Industry Cluster and the member registry.",
        settings=settings or MembershipSettings(),
        routers=routers,
        outbox=outbox,
        events=contracts,
        database=database,
    )
