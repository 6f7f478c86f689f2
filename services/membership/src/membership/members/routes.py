"""``/api/v1/membership/members``: the public registry of cluster members, and its upkeep."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any
from uuid import UUID

from fastapi import Query, Response
from fastapi.types import DecoratedCallable

from clusterkit.app import ReadDep, WriteDep
from clusterkit.auth import Caller, require_role
from clusterkit.conditional import IfMatchDep, IfNoneMatchDep, etag, not_modified
from clusterkit.export import EXPORT_RESPONSES, ExportQuery, keyset_batches
from clusterkit.listing import page_response
from clusterkit.pagination import Page
from clusterkit.routing import Router
from membership.members import access, exports, queries, service
from membership.members.schemas import Member, MemberPatch, RegistryFilters, Suspension
from membership.schemas import RequiredReason

router = Router(prefix="/api/v1/membership/members", tags=["members"])
ADMIN = [require_role("admin")]


class RegistryQuery(ExportQuery, RegistryFilters):
    """The registry's filters and paging, read from the query string at once."""


# The answer of every route about one member: the fields the caller may see, no others.
ONE_MEMBER: dict[str, Any] = {"response_model": Member, "response_model_exclude_unset": True}


def _answer(caller: Caller, member: Mapping[str, Any], response: Response) -> Member:
    response.headers["ETag"] = etag(member["version"])
    return Member.model_validate(access.visible(caller, member))


def _upkeep(step: str, summary: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """The endpoint of an admin's upkeep step: ``POST /{member_id}/<step>``."""
    return router.post(f"/{{member_id}}/{step}", dependencies=ADMIN, summary=summary, **ONE_MEMBER)


@router.get(
    "",
    response_model=Page[Member],
    response_model_exclude_unset=True,
    responses=EXPORT_RESPONSES,
    summary="The public member registry (no key needed; CSV or XLSX with `format`)",
)
async def list_members(read: ReadDep, query: Annotated[RegistryQuery, Query()]) -> Response:
    export = read.export(query.format)
    if export.wanted:
        sheet = exports.REGISTRY if read.caller.is_admin else exports.PUBLIC_REGISTRY
        every = keyset_batches(read, queries.REGISTRY, **query.for_query())
        return await export.answer(sheet, every)
    rows, next_cursor = await queries.REGISTRY.rows(
        read, limit=query.limit, cursor=query.cursor, **query.for_query()
    )
    caller = read.caller
    return page_response([access.visible(caller, row) for row in rows], next_cursor)


@router.get(
    "/{member_id}",
    summary="One member (private fields for admins and the member itself)",
    **ONE_MEMBER,
)
async def get_member(
    member_id: UUID,
    read: ReadDep,
    response: Response,
    if_none_match: IfNoneMatchDep,
) -> Any:
    member = await service.member(read, member_id=member_id)
    held = not_modified(if_none_match, member["version"])
    return held or _answer(read.caller, member, response)


@router.patch(
    "/{member_id}",
    summary="Change a member (If-Match required: 428 without, 412 when stale)",
    **ONE_MEMBER,
)
async def patch_member(
    member_id: UUID, body: MemberPatch, if_match: IfMatchDep, write: WriteDep, response: Response
) -> Member:
    updated = await write(
        service.change_member, member_id=member_id, if_match=if_match, changes=body.changes()
    )
    return _answer(write.caller, updated, response)


@_upkeep("suspend", "Suspend (admin), optionally until")
async def suspend(member_id: UUID, body: Suspension, write: WriteDep, response: Response) -> Member:
    member = await write(
        service.suspend_member, member_id=member_id, reason=body.reason, until=body.until
    )
    return _answer(write.caller, member, response)


@_upkeep("reinstate", "Lift a suspension (admin)")
async def reinstate(member_id: UUID, write: WriteDep, response: Response) -> Member:
    member = await write(service.reinstate_member, member_id=member_id)
    return _answer(write.caller, member, response)


@_upkeep("expel", "Expel (admin; final)")
async def expel(
    member_id: UUID, body: RequiredReason, write: WriteDep, response: Response
) -> Member:
    member = await write(service.expel_member, member_id=member_id, reason=body.reason)
    return _answer(write.caller, member, response)
