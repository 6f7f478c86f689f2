"""``/api/v1/events``: every published event in order, read with an opaque cursor.

Read until ``next_cursor`` comes back empty-handed, keep the last cursor, and resume with it
later: nothing is missed or repeated (positions become visible in order)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from clusterkit.auth import Caller
from clusterkit.legacy import ReaderDep
from clusterkit.pagination import decode_cursor, encode_cursor
from gateway.auth import caller_with
from gateway.feed import matches, readable_by
from gateway.models import events

router = APIRouter(prefix="/api/v1/events", tags=["events"])


class FeedEvent(BaseModel):
    """A CloudEvent (structured mode) with its place in the feed."""

    specversion: str = "1.0"
    id: UUID
    source: str
    type: str
    subject: str
    time: datetime
    datacontenttype: str = "application/json"
    requestid: str | None = None
    data: dict[str, Any]


class FeedPage(BaseModel):
    items: list[FeedEvent]
    next_cursor: str = Field(
        description="Always present: pass it back to read on (an empty page means caught up)"
    )


Reader = Annotated[
    Caller,
    Depends(caller_with("admin", "procurement", "member", "supplier", needs="an API key")),
]


@router.get("", response_model=FeedPage, summary="The platform's events in order (by role)")
async def read_feed(
    session: ReaderDep,
    caller: Reader,
    types: Annotated[
        str | None,
        Query(
            max_length=500,
            description="Comma-separated type prefixes, e.g. supply.order,membership.member",
            pattern=r"^[a-z0-9_.,]+$",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> FeedPage:
    after = decode_cursor(cursor, int)[0] if cursor else 0
    e = events.c
    prefixes = [p for p in (types or "").split(",") if p]
    rows = (
        await session.execute(
            select(events)
            .where(e.position > after, readable_by(caller), matches(prefixes, e.type))
            .order_by(e.position)
            .limit(limit)
        )
    ).all()
    items = [FeedEvent.model_validate({**row._mapping, "id": row.event_id}) for row in rows]
    last = rows[-1].position if rows else after
    return FeedPage(items=items, next_cursor=encode_cursor(last))
