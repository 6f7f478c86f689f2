"""``/api/v1/membership/applications``: companies apply; the Cluster Development Service
reviews. Each review step is an explicit action with its own endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import APIRouter, Header, Query, Response, status

from clusterkit.app import ReadDep, WriteDep
from clusterkit.auth import CallerDep, require_role
from clusterkit.conditional import IfNoneMatchDep, etag, not_modified
from clusterkit.errors import Conflict
from clusterkit.idempotency import IdempotencyKeyDep
from clusterkit.pagination import Page
from membership.applications import queries, service
from membership.applications.access import TOKEN_HEADER
from membership.applications.rules import Action, ApplicationStatus, DuplicateStir
from membership.applications.schemas import (
    Application,
    ApplicationSubmission,
    ApplicationSummary,
    Approval,
    OptionalReason,
    SubmittedApplication,
    Transition,
)
from membership.domain import Region, Sector
from membership.members.routes import router as members_router
from membership.schemas import RequiredReason
from membership.tables import idempotency

router = APIRouter(prefix="/api/v1/membership/applications", tags=["applications"])

ApplicationToken = Annotated[
    str | None,
    Header(
        alias=TOKEN_HEADER,
        max_length=200,
        description="The access token given to the applicant at submission.",
    ),
]


@contextmanager
def _pointing_at_the_holder() -> Iterator[None]:
    """A duplicate STIR's problem names what holds the STIR (``existing``: its path)."""
    try:
        yield
    except DuplicateStir as duplicate:
        existing = None
        if duplicate.application_id is not None:
            existing = f"{router.prefix}/{duplicate.application_id}"
        elif duplicate.member_id is not None:
            existing = f"{members_router.prefix}/{duplicate.member_id}"
        raise Conflict(duplicate.detail, code=duplicate.code, existing=existing) from None


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SubmittedApplication,
    summary="Apply to join the cluster (anonymous allowed; honours Idempotency-Key)",
)
async def submit_application(
    body: ApplicationSubmission, write: WriteDep, key: IdempotencyKeyDep
) -> Response:
    with _pointing_at_the_holder():
        answer = await idempotency.once(
            write, key, body.model_dump(mode="json"), service.submit_application, submission=body
        )
    headers = {
        "Location": f"{router.prefix}/{answer.body['id']}",
        "ETag": etag(answer.body["version"]),
    }
    if answer.replayed:
        headers["Idempotent-Replayed"] = "true"
    return Response(
        orjson.dumps(answer.body),
        status_code=answer.status_code,
        headers=headers,
        media_type="application/json",
    )


@router.get(
    "",
    response_model=Page[ApplicationSummary],
    dependencies=[require_role("admin")],
    summary="Applications, newest first (admin)",
)
async def list_applications(
    read: ReadDep,
    status_: Annotated[ApplicationStatus | None, Query(alias="status")] = None,
    region: Region | None = None,
    sector: Sector | None = None,
    submitted_from: datetime | None = None,
    submitted_to: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    return await queries.APPLICATIONS.page(
        read,
        limit=limit,
        cursor=cursor,
        status=status_,
        region=region,
        sector=[sector] if sector else None,
        submitted_from=submitted_from,
        submitted_to=submitted_to,
    )


@router.get(
    "/{application_id}",
    response_model=Application,
    summary="One application (admin, or the applicant with its token)",
)
async def get_application(
    application_id: UUID,
    read: ReadDep,
    caller: CallerDep,
    response: Response,
    if_none_match: IfNoneMatchDep,
    token: ApplicationToken = None,
) -> Any:
    found = await service.application(
        read, caller=caller, application_id=application_id, token=token
    )
    held = not_modified(if_none_match, found["version"])
    if held is not None:
        return held
    response.headers["ETag"] = etag(found["version"])
    return Application.model_validate(dict(found))


@router.get(
    "/{application_id}/history",
    response_model=list[Transition],
    summary="Every transition with actor, time and reason (the audit trail)",
)
async def get_history(
    application_id: UUID, read: ReadDep, caller: CallerDep, token: ApplicationToken = None
) -> list[Transition]:
    lines = await service.history(read, caller=caller, application_id=application_id, token=token)
    return [Transition.model_validate(dict(line)) for line in lines]


async def _take(
    write: WriteDep, application_id: UUID, action: Action, **details: Any
) -> Application:
    changed = await write(
        service.take_step, application_id=application_id, action=action, **details
    )
    return Application.model_validate(dict(changed))


@router.post(
    "/{application_id}/start-review",
    response_model=Application,
    summary="submitted → under_review (admin)",
)
async def start_review(
    application_id: UUID, write: WriteDep, body: OptionalReason | None = None
) -> Application:
    reason = body.reason if body else None
    return await _take(write, application_id, Action.START_REVIEW, reason=reason)


@router.post(
    "/{application_id}/request-info",
    response_model=Application,
    summary="under_review → info_requested (admin; reason says what is needed)",
)
async def request_info(application_id: UUID, body: RequiredReason, write: WriteDep) -> Application:
    return await _take(write, application_id, Action.REQUEST_INFO, reason=body.reason)


@router.post(
    "/{application_id}/respond",
    response_model=Application,
    summary="info_requested → under_review (the applicant answers, with its token)",
)
async def respond(
    application_id: UUID, body: RequiredReason, write: WriteDep, token: ApplicationToken = None
) -> Application:
    return await _take(write, application_id, Action.RESPOND, token=token, reason=body.reason)


@router.post(
    "/{application_id}/approve",
    response_model=Application,
    summary="under_review → approved; admits the member in the same transaction",
)
async def approve(
    application_id: UUID, write: WriteDep, body: Approval | None = None
) -> Application:
    body = body or Approval()
    with _pointing_at_the_holder():
        return await _take(
            write,
            application_id,
            Action.APPROVE,
            reason=body.reason,
            cathode_quota_tpy=body.cathode_quota_tpy,
        )


@router.post(
    "/{application_id}/reject",
    response_model=Application,
    summary="under_review → rejected (admin; reason required)",
)
async def reject(application_id: UUID, body: RequiredReason, write: WriteDep) -> Application:
    return await _take(write, application_id, Action.REJECT, reason=body.reason)


@router.post(
    "/{application_id}/withdraw",
    response_model=Application,
    summary="Withdraw before a decision (the applicant, with its token)",
)
async def withdraw(
    application_id: UUID,
    write: WriteDep,
    token: ApplicationToken = None,
    body: OptionalReason | None = None,
) -> Application:
    reason = body.reason if body else None
    return await _take(write, application_id, Action.WITHDRAW, token=token, reason=reason)
