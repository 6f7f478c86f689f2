"""Answers of the KPIs."""

# No ``from __future__ import annotations``: ``Organisation`` below keeps the module of its
# OpenAPI name, and pydantic reads string annotations in a class's own module.
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from production.domain import Metric


class KpiRow(BaseModel):
    organisation_id: UUID | None
    metric: Metric
    product_category: str | None
    unit: str
    period: str
    actual: Decimal | None


class FulfilmentRow(KpiRow):
    plan: Decimal | None
    fulfilment: Decimal | None
    variance: Decimal | None


class GrowthRow(KpiRow):
    previous_period: str
    previous: Decimal | None
    growth: Decimal | None
    change: Decimal | None


class MonthShare(BaseModel):
    period: str
    copper_processed_t: Decimal
    cathode_output_t: Decimal
    share: Decimal | None


class CategoryShare(BaseModel):
    product_category: str
    copper_processed_t: Decimal
    share: Decimal | None


class MemberShare(BaseModel):
    organisation_id: UUID
    legal_name: str
    copper_processed_t: Decimal
    share: Decimal | None


class Organisation(BaseModel):
    # Two schemas are named Organisation; OpenAPI tells them apart by module, and clients
    # know this one as ``production__api__kpis__Organisation``.
    __module__ = "production.api.kpis"

    organisation_id: UUID
    legal_name: str


class DeepProcessing(BaseModel):
    """``share`` = members' processed copper ÷ AMMC's cathode output (null until AMMC has
    reported); ``by_member`` only for admins."""

    periods: list[str]
    copper_processed_t: Decimal
    cathode_output_t: Decimal
    share: Decimal | None
    target: Decimal
    gap_to_target: Decimal | None
    by_month: list[MonthShare]
    by_category: list[CategoryShare]
    not_reported: list[Organisation]
    by_member: list[MemberShare] | None = None
