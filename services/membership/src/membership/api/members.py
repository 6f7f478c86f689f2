"""``/api/v1/membership/members``: the public registry of cluster members, and its upkeep."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import Integer, Select, Text, Uuid, bindparam, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.auth import Caller, CallerDep, require_role
from clusterkit.db import CompiledQuery, like_escaped
from clusterkit.legacy import DatabaseDep, ReaderDep, UnitOfWorkDep
from clusterkit.listing import page_response
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from clusterkit.problems import Problem
from clusterkit.versioning import etag, required_version
from membership import service
from membership.api.schemas import Member, MemberPatch, RequiredReason, Suspension
from membership.domain import MemberStatus, Region, Sector
from membership.models import member_status, members

router = APIRouter(prefix="/api/v1/membership/members", tags=["members"])

PUBLIC_FIELDS = ("id", "legal_name", "stir", "region", "sectors", "status", "admitted_at")
MEMBER_FIELDS = tuple(Member.model_fields)
MEMBER_EDITABLE = frozenset({"contact", "planned_products"})


def _sees_private(caller: Caller, member_id: UUID) -> bool:
    return caller.is_admin or (caller.role == "member" and caller.organisation_id == str(member_id))


def _view(caller: Caller, member: dict[str, Any]) -> Member:
    if _sees_private(caller, member["id"]):
        return Member.model_validate(member)
    return Member.model_validate({k: member[k] for k in PUBLIC_FIELDS})


def _registry_page(present: frozenset[str]) -> Select[Any]:
    m = members.c
    query = (
        select(*service.MEMBER_COLUMNS)
        .order_by(m.legal_name, m.id)
        .limit(bindparam("limit", type_=Integer))
    )
    if "region" in present:
        query = query.where(m.region == bindparam("region"))
    if "sector" in present:
        query = query.where(m.sectors.contains(bindparam("sector", type_=ARRAY(Text))))
    if "status" in present:
        query = query.where(member_status() == bindparam("status"))
    if "name_like" in present:
        query = query.where(m.legal_name.ilike(bindparam("name_like"), escape="/"))
    if "after_name" in present:
        after = tuple_(bindparam("after_name"), bindparam("after_id", type_=Uuid))
        query = query.where(tuple_(m.legal_name, m.id) > after)
    return query


REGISTRY_PAGE = CompiledQuery(_registry_page)


@router.get(
    "",
    response_model=Page[Member],
    response_model_exclude_unset=True,
    summary="The public member registry (no key needed)",
)
async def list_members(
    database: DatabaseDep,
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
    name, last = decode_cursor(cursor, str, UUID) if cursor else (None, None)
    rows = await REGISTRY_PAGE.rows(
        database,
        limit=limit + 1,
        region=region,
        sector=[sector] if sector else None,
        status=status,
        name_like=f"%{like_escaped(q)}%" if q else None,
        after_name=name,
        after_id=last,
    )
    items = [
        {f: r[f] for f in (MEMBER_FIELDS if _sees_private(caller, r["id"]) else PUBLIC_FIELDS)}
        for r in rows[:limit]
    ]
    more = len(rows) > limit
    return page_response(
        items, encode_cursor(items[-1]["legal_name"], items[-1]["id"]) if more else None
    )


@router.get(
    "/{member_id}",
    response_model=Member,
    response_model_exclude_unset=True,
    summary="One member (private fields for admins and the member itself)",
)
async def get_member(
    member_id: UUID, session: ReaderDep, caller: CallerDep, response: Response
) -> Member:
    member = await service.get_member(session, member_id)
    response.headers["ETag"] = etag(member["version"])
    return _view(caller, member)


@router.patch(
    "/{member_id}",
    response_model=Member,
    response_model_exclude_unset=True,
    summary="Change a member (If-Match required: 428 without, 412 when stale)",
)
async def patch_member(
    member_id: UUID,
    body: MemberPatch,
    request: Request,
    uow: UnitOfWorkDep,
    caller: CallerDep,
    response: Response,
) -> Member:
    changes = body.model_dump(exclude_unset=True)
    if not caller.is_admin:
        if not _sees_private(caller, member_id):
            raise Problem(
                403, "Only admins and the member itself change a member.", code="forbidden"
            )
        refused = sorted(set(changes) - MEMBER_EDITABLE)
        if refused:
            raise Problem(
                403,
                f"A member may change only its contact and planned products, "
                f"not {', '.join(refused)}.",
                code="forbidden",
            )
    if any(value is None for value in changes.values()):
        raise Problem(
            422,
            "Fields cannot be set to null.",
            code="validation-error",
            errors=[
                {"field": k, "in": "body", "type": "null", "message": "cannot be null"}
                for k, v in changes.items()
                if v is None
            ],
        )
    expected = required_version(request)
    updated = await service.update_member(
        uow,
        member_id,
        expected_version=expected,
        changes={
            **body.model_dump(mode="json", exclude_unset=True),
            **(
                {"cathode_quota_tpy": body.cathode_quota_tpy}
                if "cathode_quota_tpy" in changes
                else {}
            ),
        },
    )
    await uow.commit()
    response.headers["ETag"] = etag(updated["version"])
    return _view(caller, updated)


async def _done(
    uow: UnitOfWorkDep, caller: Caller, response: Response, member: dict[str, Any]
) -> Member:
    await uow.commit()
    response.headers["ETag"] = etag(member["version"])
    return _view(caller, member)


@router.post(
    "/{member_id}/suspend",
    response_model=Member,
    response_model_exclude_unset=True,
    dependencies=[require_role("admin")],
    summary="Suspend (admin), optionally until",
)
async def suspend(
    member_id: UUID, body: Suspension, uow: UnitOfWorkDep, caller: CallerDep, response: Response
) -> Member:
    member = await service.suspend_member(uow, member_id, reason=body.reason, until=body.until)
    return await _done(uow, caller, response, member)


@router.post(
    "/{member_id}/reinstate",
    response_model=Member,
    response_model_exclude_unset=True,
    dependencies=[require_role("admin")],
    summary="Lift a suspension (admin)",
)
async def reinstate(
    member_id: UUID, uow: UnitOfWorkDep, caller: CallerDep, response: Response
) -> Member:
    return await _done(uow, caller, response, await service.reinstate_member(uow, member_id))


@router.post(
    "/{member_id}/expel",
    response_model=Member,
    response_model_exclude_unset=True,
    dependencies=[require_role("admin")],
    summary="Expel (admin; final)",
)
async def expel(
    member_id: UUID, body: RequiredReason, uow: UnitOfWorkDep, caller: CallerDep, response: Response
) -> Member:
    member = await service.expel_member(uow, member_id, reason=body.reason)
    return await _done(uow, caller, response, member)
