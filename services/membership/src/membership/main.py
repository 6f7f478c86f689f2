"""Membership service app: ``uvicorn --factory membership.main:create_app``."""

from fastapi import FastAPI

from clusterkit.app import create_service_app
from clusterkit.database import Database
from membership.applications.routes import router as applications
from membership.documents.routes import router as documents
from membership.events import contracts
from membership.members.routes import router as members
from membership.settings import MembershipSettings
from membership.tables import outbox


def create_app(
    settings: MembershipSettings | None = None, database: Database | None = None
) -> FastAPI:
    return create_service_app(
        name="membership",
        title="Copper Cluster — Membership",
        description=contracts.description,
        settings=settings or MembershipSettings(),
        routers=[applications, documents, members],
        outbox=outbox,
        events=contracts,
        database=database,
    )
