"""``/api/v1/keys``: admins issue and revoke API keys (the key is shown once)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select, tuple_, update

from clusterkit.legacy import ReaderDep, SessionDep
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from clusterkit.problems import Problem
from gateway.auth import AdminDep
from gateway.keys import ROLES_NEEDING_ORGANISATION, KeyVerifier, issue_key
from gateway.models import api_keys

router = APIRouter(prefix="/api/v1/keys", tags=["keys"])

KeyRole = Literal["admin", "member", "supplier", "procurement"]


class KeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    role: KeyRole
    organisation_id: str | None = Field(
        None,
        min_length=1,
        max_length=64,
        description="The member (member keys) or supplier (supplier keys) the key acts for.",
    )
    expires_at: datetime | None = None


class ApiKey(BaseModel):
    id: UUID
    name: str
    role: KeyRole
    organisation_id: str | None
    prefix: str = Field(description="The key's first characters, to tell keys apart.")
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class IssuedApiKey(ApiKey):
    key: str = Field(description="Shown once; only its hash is stored.")


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=IssuedApiKey,
    summary="Issue an API key (admin)",
)
async def create_key(body: KeyRequest, session: SessionDep, caller: AdminDep) -> IssuedApiKey:
    if body.role in ROLES_NEEDING_ORGANISATION and not body.organisation_id:
        raise Problem(
            422,
            f"A {body.role} key must name its organisation_id.",
            code="validation-error",
            errors=[
                {
                    "field": "organisation_id",
                    "in": "body",
                    "type": "missing",
                    "message": f"required for role {body.role}",
                }
            ],
        )
    if body.expires_at is not None and body.expires_at <= datetime.now(body.expires_at.tzinfo):
        raise Problem(
            422,
            "expires_at must be in the future.",
            code="validation-error",
            errors=[
                {
                    "field": "expires_at",
                    "in": "body",
                    "type": "value_error",
                    "message": "must be in the future",
                }
            ],
        )
    issued = await issue_key(
        session,
        name=body.name,
        role=body.role,
        organisation_id=body.organisation_id,
        expires_at=body.expires_at,
    )
    row = (await session.execute(select(api_keys).where(api_keys.c.id == issued.id))).one()
    await session.commit()
    return IssuedApiKey.model_validate({**row._mapping, "key": issued.key})


@router.get("", response_model=Page[ApiKey], summary="API keys, newest first (admin)")
async def list_keys(
    session: ReaderDep,
    caller: AdminDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Page[ApiKey]:
    t = api_keys
    query = (
        select(*(t.c[f] for f in ApiKey.model_fields))
        .order_by(t.c.created_at.desc(), t.c.id.desc())
        .limit(limit + 1)
    )
    if cursor:
        at, last = decode_cursor(cursor, datetime.fromisoformat, UUID)
        query = query.where(tuple_(t.c.created_at, t.c.id) < (at, last))
    rows = (await session.execute(query)).all()
    items = [ApiKey.model_validate(r._mapping) for r in rows[:limit]]
    more = len(rows) > limit
    return Page(
        items=items,
        next_cursor=encode_cursor(items[-1].created_at.isoformat(), items[-1].id) if more else None,
    )


@router.delete(
    "/{key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke an API key (admin); takes effect on every gateway within the key cache time",
)
async def revoke_key(
    key_id: UUID, request: Request, session: SessionDep, caller: AdminDep
) -> Response:
    t = api_keys
    found = await session.scalar(select(t.c.key_hash).where(t.c.id == key_id))
    if found is None:
        raise Problem(404, "No API key with this id.", code="not-found")
    await session.execute(
        update(t).where(t.c.id == key_id, t.c.revoked_at.is_(None)).values(revoked_at=func.now())
    )
    await session.commit()
    keys: KeyVerifier = request.app.state.keys
    keys.forget(found)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
