"""``/api/v1/membership/members``: the public registry of cluster members, and its upkeep."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from clusterkit.app import ReadDep, WriteDep
from clusterkit.auth import Caller, CallerDep, require_role
from clusterkit.conditional import IfMatchDep, IfNoneMatchDep, etag, not_modified
from clusterkit.listing import page_response
from clusterkit.pagination import Page
from clusterkit.sql import like_escaped
from membership.domain import Region, Sector
from membership.members import access, queries, service
from membership.members.rules import MemberStatus
from membership.members.schemas import Member, MemberPatch, Suspension
from membership.schemas import RequiredReason

router = APIRouter(prefix="/api/v1/membership/members", tags=["members"])
ADMIN = [require_role("admin")]


def _answer(caller: Caller, member: Mapping[str, Any], response: Response) -> Member:
    response.headers["ETag"] = etag(member["version"])
    return Member.model_validate(access.visible(caller, member))


@router.get(
    "",
    response_model=Page[Member],
    response_model_exclude_unset=True,
    summary="The public member registry (no key needed)",
)
async def list_members(
    read: ReadDep,
    caller: CallerDep,
    region: Region | None = None,
    sector: Sector | None = None,
    status: MemberStatus | None = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=100, description="Part of the legal name")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
) -> Response:
    rows, next_cursor = await queries.REGISTRY.rows(
        read,
        limit=limit,
        cursor=cursor,
        region=region,
        sector=[sector] if sector else None,
        status=status,
        name_like=f"%{like_escaped(q)}%" if q else None,
    )
    return page_response([access.visible(caller, row) for row in rows], next_cursor)


@router.get(
    "/{member_id}",
    response_model=Member,
    response_model_exclude_unset=True,
    summary="One member (private fields for admins and the member itself)",
)
async def get_member(
    member_id: UUID,
    read: ReadDep,
    caller: CallerDep,
    response: Response,
    if_none_match: IfNoneMatchDep,
) -> Any:
    member = await service.member(read, member_id=member_id)
    held = not_modified(if_none_match, member["version"])
    return held or _answer(caller, member, response)


@router.patch(
    "/{member_id}",
    response_model=Member,
    response_model_exclude_unset=True,
    summary="Change a member (If-Match required: 428 without, 412 when stale)",
)
async def patch_member(
    member_id: UUID, body: MemberPatch, if_match: IfMatchDep, write: WriteDep, response: Response
) -> Member:
    updated = await write(
        service.change_member, member_id=member_id, if_match=if_match, changes=body.changes()
    )
    return _answer(write.caller, updated, response)


@router.post(
    "/{member_id}/suspend",
    response_model=Member,
    response_model_exclude_unset=True,
    dependencies=ADMIN,
    summary="Suspend (admin), optionally until",
)
async def suspend(member_id: UUID, body: Suspension, write: WriteDep, response: Response) -> Member:
    member = await write(
        service.suspend_member, member_id=member_id, reason=body.reason, until=body.until
    )
    return _answer(write.caller, member, response)


@router.post(
    "/{member_id}/reinstate",
    response_model=Member,
    response_model_exclude_unset=True,
    dependencies=ADMIN,
    summary="Lift a suspension (admin)",
)
async def reinstate(member_id: UUID, write: WriteDep, response: Response) -> Member:
    member = await write(service.reinstate_member, member_id=member_id)
    return _answer(write.caller, member, response)


@router.post(
    "/{member_id}/expel",
    response_model=Member,
    response_model_exclude_unset=True,
    dependencies=ADMIN,
    summary="Expel (admin; final)",
)
async def expel(
    member_id: UUID, body: RequiredReason, write: WriteDep, response: Response
) -> Member:
    member = await write(service.expel_member, member_id=member_id, reason=body.reason)
    return _answer(write.caller, member, response)
