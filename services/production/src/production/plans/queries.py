"""The SQL of plans of their own (their targets are revisions: see ``reports.queries``)."""

from __future__ import annotations

from sqlalchemy import Uuid, bindparam, select

from clusterkit.sql import Query
from production.reports.queries import latest_figures
from production.tables import organisations

ORGANISATION = Query(
    select(organisations.c.id).where(organisations.c.id == bindparam("organisation_id", type_=Uuid))
)

# The latest monthly targets, by key (the reports' list, of plans).
LATEST_PLANS = latest_figures("plan")
