"""``/api/v1/production``: the metrics catalogue, reports (kept as revisions), plans and
period locks."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import Date, DateTime, Integer, Select, Uuid, bindparam, select, tuple_

from clusterkit.auth import Caller, CallerDep, require_role
from clusterkit.db import CompiledQuery
from clusterkit.legacy import DatabaseDep, ReaderDep, UnitOfWorkDep
from clusterkit.listing import page_response
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from clusterkit.problems import Problem, problem_responses
from production import imports, service
from production.domain import CATALOGUE, CATEGORY_UNITS, Metric, ProductCategory
from production.models import figures

router = APIRouter(prefix="/api/v1/production", tags=["reports"])

PeriodText = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2025-03"])]
Quantity = Annotated[Decimal, Field(ge=0, max_digits=20, decimal_places=6)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class MetricInfo(BaseModel):
    code: Metric
    unit: str
    higher_is_better: bool
    description: str
    category_units: dict[ProductCategory, str] | None = None


@router.get(
    "/metrics",
    response_model=list[MetricInfo],
    tags=["metrics"],
    summary="What the cluster measures, with units (public)",
)
async def metrics_catalogue() -> list[MetricInfo]:
    return [
        MetricInfo(
            code=d.code,
            unit=d.unit,
            higher_is_better=d.higher_is_better,
            description=d.description,
            category_units=dict(CATEGORY_UNITS) if d.by_category else None,
        )
        for d in CATALOGUE.values()
    ]


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    organisation_id: UUID
    metric: Metric
    period: PeriodText
    product_category: ProductCategory | None = None
    quantity: Quantity
    unit: str = Field(pattern=r"^[A-Z0-9]{3}$", description="UN/ECE unit or ISO 4217 currency")
    note: Text | None = None
    reason: Text | None = Field(None, description="Why: required to correct a locked period")


class Figure(BaseModel):
    organisation_id: UUID
    metric: Metric
    period: str
    product_category: ProductCategory | None
    quantity: Decimal
    unit: str
    note: str | None
    reason: str | None
    revision: int
    recorded_at: datetime
    recorded_by: str


@router.post(
    "/reports",
    status_code=status.HTTP_201_CREATED,
    response_model=Figure,
    summary="Report a month's figure; reporting the same key again is a revision",
)
async def submit_report(body: ReportIn, uow: UnitOfWorkDep, caller: CallerDep) -> Figure:
    figure = await service.record_report(uow, caller, service.Report(**body.model_dump()))
    await uow.commit()
    return Figure.model_validate(figure)


def visible_organisation(caller: Caller, organisation_id: UUID | None) -> None:
    """Organisation-level figures: admins see all, an organisation sees its own."""
    if caller.is_admin:
        return
    if caller.role == "anonymous":
        raise Problem(401, "Organisation figures need an API key.", code="unauthenticated")
    if organisation_id is None or str(organisation_id) != caller.organisation_id:
        raise Problem(
            403,
            "A key sees only its own organisation's figures; pass its organisation_id.",
            code="forbidden",
        )


def _latest_page(present: frozenset[str]) -> Select[Any]:
    f = figures.c
    as_of = bindparam("as_of", type_=DateTime(timezone=True)) if "as_of" in present else None
    latest = service.latest_figures("actual", as_of=as_of)
    if "organisation_id" in present:
        latest = latest.where(f.organisation_id == bindparam("organisation_id", type_=Uuid))
    if "metric" in present:
        latest = latest.where(f.metric == bindparam("metric"))
    if "period_from" in present:
        latest = latest.where(f.period >= bindparam("period_from", type_=Date))
    if "period_to" in present:
        latest = latest.where(f.period <= bindparam("period_to", type_=Date))
    rows_q = latest.subquery()
    r = rows_q.c
    key = tuple_(r.organisation_id, r.metric, r.period, r.product_category)
    query = (
        select(rows_q)
        .order_by(r.organisation_id, r.metric, r.period, r.product_category)
        .limit(bindparam("limit", type_=Integer))
    )
    if "after_organisation" in present:
        after = tuple_(
            bindparam("after_organisation", type_=Uuid),
            bindparam("after_metric"),
            bindparam("after_period", type_=Date),
            bindparam("after_category"),
        )
        query = query.where(key > after)
    return query


LATEST_PAGE = CompiledQuery(_latest_page)
FIGURE_FIELDS = tuple(Figure.model_fields)


def _figure_fields(figure: dict[str, Any]) -> dict[str, Any]:
    return {f: figure[f] for f in FIGURE_FIELDS}


@router.get(
    "/reports",
    response_model=Page[Figure],
    summary="The latest figures, or what was known at `as_of`",
)
async def list_reports(
    database: DatabaseDep,
    caller: CallerDep,
    organisation_id: UUID | None = None,
    metric: Metric | None = None,
    period_from: PeriodText | None = None,
    period_to: PeriodText | None = None,
    as_of: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
) -> Response:
    visible_organisation(caller, organisation_id)
    after = decode_cursor(cursor, UUID, str, date.fromisoformat, str) if cursor else [None] * 4
    after_names = ("after_organisation", "after_metric", "after_period", "after_category")
    rows = await LATEST_PAGE.rows(
        database,
        limit=limit + 1,
        organisation_id=organisation_id,
        metric=metric,
        period_from=service.parse_period(period_from, "period_from") if period_from else None,
        period_to=service.parse_period(period_to, "period_to") if period_to else None,
        as_of=as_of,
        **dict(zip(after_names, after, strict=True)),
    )
    items = [_figure_fields(service.figure_dict(row)) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(
            last["organisation_id"],
            last["metric"],
            last["period"].isoformat(),
            last["product_category"],
        )
    return page_response(items, next_cursor)


@router.get(
    "/reports/history",
    response_model=list[Figure],
    summary="Every revision of one figure: who, when, why",
)
async def report_history(
    session: ReaderDep,
    caller: CallerDep,
    organisation_id: UUID,
    metric: Metric,
    period: PeriodText,
    product_category: ProductCategory | None = None,
) -> list[Figure]:
    visible_organisation(caller, organisation_id)
    f = figures.c
    rows = (
        await session.execute(
            select(figures)
            .where(
                f.kind == "actual",
                f.organisation_id == organisation_id,
                f.metric == metric,
                f.period == service.parse_period(period),
                f.product_category == (product_category.value if product_category else ""),
            )
            .order_by(f.revision)
        )
    ).all()
    return [Figure.model_validate(service.figure_dict(row._mapping)) for row in rows]


class PlanIn(BaseModel):
    """Monthly targets, or an annual one spread evenly over the months."""

    model_config = ConfigDict(extra="forbid")
    monthly: list[Quantity] | None = Field(None, min_length=12, max_length=12)
    annual: Quantity | None = None
    product_category: ProductCategory | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _one_of(self) -> PlanIn:
        if (self.monthly is None) == (self.annual is None):
            raise ValueError("give either monthly (12 targets) or annual")
        return self


class Plan(BaseModel):
    organisation_id: UUID
    metric: Metric
    year: int
    product_category: ProductCategory | None
    unit: str
    monthly: list[Decimal]
    annual: Decimal
    recorded_at: datetime


@router.put(
    "/plans/{organisation_id}/{metric}/{year}",
    response_model=Plan,
    tags=["plans"],
    summary="Set a year's plan (a new revision of each month's target)",
)
async def put_plan(
    organisation_id: UUID,
    metric: Metric,
    year: Annotated[int, Path(ge=2000, le=2100)],
    body: PlanIn,
    uow: UnitOfWorkDep,
    caller: CallerDep,
) -> Plan:
    monthly = body.monthly or service.spread(body.annual or Decimal(0))
    plan = await service.set_plan(
        uow,
        caller,
        organisation_id,
        metric,
        year,
        [m.quantize(service.QUANTITY) for m in monthly],
        body.product_category,
        body.note,
    )
    await uow.commit()
    return Plan.model_validate(plan)


class LockIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Text | None = None


class PeriodLock(BaseModel):
    period: str
    locked_at: datetime
    reason: str | None


@router.post(
    "/periods/{period}/lock",
    response_model=PeriodLock,
    tags=["periods"],
    dependencies=[require_role("admin")],
    summary="Close a month: later corrections need an admin and a reason",
)
async def lock(
    period: PeriodText,
    uow: UnitOfWorkDep,
    caller: CallerDep,
    response: Response,
    body: LockIn | None = None,
) -> Any:
    locked = await service.lock_period(uow, caller, period, body.reason if body else None)
    await uow.commit()
    return PeriodLock.model_validate(locked)


class ImportSummary(BaseModel):
    rows: int
    applied: int
    seconds: float


@router.post(
    "/reports/import",
    response_model=ImportSummary,
    summary="Import many reports (CSV with a header row, or NDJSON): all rows or none",
    responses=problem_responses({415: "The body is neither CSV nor NDJSON"}),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
)
async def import_reports(request: Request, uow: UnitOfWorkDep, caller: CallerDep) -> Any:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in IMPORT_TYPES:
        raise Problem(
            415,
            "Send text/csv (with a header row) or application/x-ndjson.",
            code="unsupported-media-type",
        )
    if caller.role not in ("admin", "member"):
        raise Problem(
            403, "Reports are imported by admins or an organisation's own key.", code="forbidden"
        )
    try:
        result = await imports.import_reports(
            uow, caller, request.stream(), IMPORT_TYPES[media_type]
        )
    except imports.ImportFormatError as exc:
        raise Problem(422, str(exc), code="invalid-import") from exc
    if result.error_count:
        raise Problem(
            422,
            f"{result.error_count} rows are not valid; nothing was imported.",
            code="invalid-import",
            errors=result.errors,
            rows=result.rows,
            error_count=result.error_count,
        )
    if not result.applied:
        raise Problem(422, "The import has no rows.", code="invalid-import")
    await uow.commit()
    return ImportSummary(rows=result.rows, applied=result.applied, seconds=round(result.seconds, 3))


IMPORT_TYPES = {
    "text/csv": "text/csv",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
}
