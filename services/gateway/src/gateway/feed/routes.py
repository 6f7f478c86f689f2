"""``/api/v1/events``: every published event in order, read with an opaque cursor.

Read until ``next_cursor`` comes back empty-handed, keep the last cursor, and resume with it
later: nothing is missed or repeated (positions become visible in order)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import Response

from clusterkit.app import ReadDep
from clusterkit.listing import Cursor
from gateway.feed import service
from gateway.feed.access import FeedReaderDep
from gateway.feed.schemas import FeedPage

router = APIRouter(prefix="/api/v1/events", tags=["events"])


@router.get("", response_model=FeedPage, summary="The platform's events in order (by role)")
async def read_feed(
    caller: FeedReaderDep,
    read: ReadDep,
    types: Annotated[
        str | None,
        Query(
            max_length=500,
            description="Comma-separated type prefixes, e.g. supply.order,membership.member",
            pattern=r"^[a-z0-9_.,]+$",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Cursor = None,
) -> Response:
    return await service.feed_page(read, caller, types=types, limit=limit, cursor=cursor)
