"""``/api/v1/supply/members``: cluster members as supply knows them (admin)."""

from datetime import datetime
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select

from clusterkit.auth import require_role
from clusterkit.legacy import ReaderDep
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from supply.models import effective_status, members

router = APIRouter(
    prefix="/api/v1/supply/members", tags=["members"], dependencies=[require_role("admin")]
)


class Member(BaseModel):
    id: UUID
    legal_name: str
    stir: str
    region: str
    sectors: list[str]
    status: str
    updated_at: datetime


@router.get("", response_model=Page[Member], summary="Members known to supply (admin)")
async def list_members(
    session: ReaderDep,
    limit: int = Query(50, ge=1, le=200),
    cursor: str | None = Query(None, max_length=200),
) -> Page[Member]:
    columns = [*(c for c in members.c if c.name != "status"), effective_status().label("status")]
    query = select(*columns).order_by(members.c.id).limit(limit + 1)
    if cursor:
        (last_id,) = decode_cursor(cursor, UUID)
        query = query.where(members.c.id > last_id)
    rows = (await session.execute(query)).all()
    items = [Member.model_validate(row._mapping) for row in rows[:limit]]
    return Page(items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None)
