"""Supply service app: ``uvicorn --factory supply.main:create_app``."""

from fastapi import FastAPI

from clusterkit.app import create_service_app
from clusterkit.database import Database
from supply.certificates.service import CERTIFICATE_EXPIRY
from supply.documents.routes import router as documents
from supply.events import contracts
from supply.items.routes import router as items
from supply.members.projection import membership_projection
from supply.members.routes import router as members
from supply.offers.routes import on_requests as offers_on_requests
from supply.offers.routes import router as offers
from supply.orders.routes import router as orders
from supply.reporting.routes import router as reporting
from supply.requests.routes import router as requests
from supply.settings import SupplySettings
from supply.suppliers.routes import router as suppliers
from supply.tables import outbox

ROUTERS = [
    suppliers,
    items,
    requests,
    offers_on_requests,
    offers,
    orders,
    reporting,
    members,
    documents,
]


def create_app(settings: SupplySettings | None = None, database: Database | None = None) -> FastAPI:
    return create_service_app(
        name="supply",
        title="Copper Cluster — Supply",
        settings=settings or SupplySettings(),
        routers=ROUTERS,
        outbox=outbox,
        events=contracts,
        consumers=[membership_projection],
        workers={CERTIFICATE_EXPIRY.name: CERTIFICATE_EXPIRY.worker()},
        database=database,
    )
