"""``/api/v1/events``: every published event in order, read with an opaque cursor.

Read until ``next_cursor`` comes back empty-handed, keep the last cursor, and resume with it
later: nothing is missed or repeated (positions become visible in order)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import Field
from starlette.responses import Response

from clusterkit.app import ReadDep
from clusterkit.listing import PageQuery
from clusterkit.routing import Router
from gateway.feed import service
from gateway.feed.access import FeedReaderDep
from gateway.feed.schemas import FeedPage

router = Router(prefix="/api/v1/events", tags=["events"])


class FeedQuery(PageQuery):
    """The event types asked for, and the paging (100 events to a page, up to 500)."""

    types: str | None = Field(
        None,
        max_length=500,
        description="Comma-separated type prefixes, e.g. supply.order,membership.member",
        pattern=r"^[a-z0-9_.,]+$",
    )
    limit: int = Field(100, ge=1, le=500)


@router.get("", response_model=FeedPage, summary="The platform's events in order (by role)")
async def read_feed(
    caller: FeedReaderDep, read: ReadDep, query: Annotated[FeedQuery, Query()]
) -> Response:
    return await service.feed_page(
        read, caller, types=query.types, limit=query.limit, cursor=query.cursor
    )
