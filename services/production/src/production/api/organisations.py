"""``/api/v1/production/organisations``: who reports production (public)."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select, tuple_

from clusterkit.legacy import ReaderDep
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from production.models import effective_status, organisations

router = APIRouter(prefix="/api/v1/production/organisations", tags=["organisations"])


class Organisation(BaseModel):
    id: UUID
    kind: Literal["producer", "member"]
    legal_name: str
    stir: str
    region: str
    sectors: list[str]
    status: Literal["active", "suspended", "expelled"]
    updated_at: datetime


@router.get("", response_model=Page[Organisation], summary="Organisations that report production")
async def list_organisations(
    session: ReaderDep,
    kind: Literal["producer", "member"] | None = None,
    status: Literal["active", "suspended", "expelled"] | None = None,
    stir: str | None = Query(None, pattern=r"^\d{9}$"),
    limit: int = Query(50, ge=1, le=200),
    cursor: str | None = Query(None, max_length=200),
) -> Page[Organisation]:
    t = organisations
    columns = [*(c for c in t.c if c.name != "status"), effective_status().label("status")]
    query = select(*columns).order_by(t.c.legal_name, t.c.id).limit(limit + 1)
    if kind:
        query = query.where(t.c.kind == kind)
    if status:
        query = query.where(effective_status() == status)
    if stir:
        query = query.where(t.c.stir == stir)
    if cursor:
        name, last_id = decode_cursor(cursor, str, UUID)
        query = query.where(tuple_(t.c.legal_name, t.c.id) > (name, last_id))
    rows = (await session.execute(query)).all()
    items = [Organisation.model_validate(row._mapping) for row in rows[:limit]]
    next_cursor = encode_cursor(items[-1].legal_name, items[-1].id) if len(rows) > limit else None
    return Page(items=items, next_cursor=next_cursor)
