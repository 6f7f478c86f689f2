"""Production service app: ``uvicorn --factory production.main:create_app``."""

from fastapi import FastAPI

from clusterkit.app import create_service_app
from clusterkit.database import Database
from production.events import contracts
from production.imports.routes import router as imports
from production.kpis.routes import router as kpis
from production.metrics.routes import router as metrics
from production.organisations.projection import membership_projection
from production.organisations.routes import router as organisations
from production.periods.routes import router as periods
from production.plans.routes import router as plans
from production.reporting.routes import router as reporting
from production.reporting.service import REMINDERS
from production.reports.routes import router as reports
from production.settings import ProductionSettings
from production.tables import outbox

ROUTERS = [organisations, metrics, reports, reporting, plans, periods, imports, kpis]


def create_app(
    settings: ProductionSettings | None = None, database: Database | None = None
) -> FastAPI:
    return create_service_app(
        name="production",
        title="Copper Cluster — Production",
        settings=settings or ProductionSettings(),
        routers=ROUTERS,
        outbox=outbox,
        events=contracts,
        consumers=[membership_projection],
        workers={REMINDERS.name: REMINDERS.worker()},
        database=database,
    )
