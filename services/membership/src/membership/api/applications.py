"""``/api/v1/membership/applications``: companies apply; the Cluster Development Service
reviews. Each review step is an explicit action with its own endpoint."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Header, Query, Request, Response, status
from sqlalchemy import select, tuple_

from clusterkit.auth import Caller, CallerDep, require_role
from clusterkit.legacy import ReaderDep, UnitOfWorkDep
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from clusterkit.problems import Problem
from clusterkit.versioning import etag
from membership import service
from membership.api.schemas import (
    Application,
    ApplicationSubmission,
    ApplicationSummary,
    Approval,
    OptionalReason,
    RequiredReason,
    SubmittedApplication,
    Transition,
)
from membership.domain import TRANSITIONS, Action, Actor, ApplicationStatus, Region, Sector
from membership.models import applications, idempotency

router = APIRouter(prefix="/api/v1/membership/applications", tags=["applications"])

ApplicationToken = Annotated[
    str | None,
    Header(
        alias="X-Application-Token",
        max_length=200,
        description="The access token given to the applicant at submission.",
    ),
]


def _authorize(
    caller: Caller, application: dict[str, Any], token: str | None, actor: Actor | None = None
) -> None:
    """Admins review; the applicant (its token) reads, responds and withdraws."""
    if actor is None:  # reading: either may
        if caller.is_admin or service.applicant_may_access(application, token):
            return
    elif actor is Actor.ADMIN:
        if caller.is_admin:
            return
        raise Problem(
            403,
            "Only the Cluster Development Service (admin) reviews applications.",
            code="forbidden",
        )
    elif service.applicant_may_access(application, token):
        return
    if token is None:
        raise Problem(
            401,
            "Send the application's access token (X-Application-Token)"
            + (" or an admin key." if actor is None else "."),
            code="unauthenticated",
        )
    raise Problem(403, "This access token is not for this application.", code="forbidden")


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SubmittedApplication,
    summary="Apply to join the cluster (anonymous allowed; honours Idempotency-Key)",
)
async def submit_application(
    body: ApplicationSubmission,
    request: Request,
    response: Response,
    uow: UnitOfWorkDep,
    caller: CallerDep,
) -> Any:
    submission = body.model_dump(mode="json")
    replay = await idempotency.legacy_claim(uow.session, request, caller, submission)
    if replay is not None:
        return replay
    submission["sectors"] = sorted(set(submission["sectors"]))
    submission["requested_cathode_tpy"] = body.requested_cathode_tpy
    application, token = await service.submit_application(uow, submission=submission, caller=caller)
    created = SubmittedApplication.model_validate({**application, "access_token": token})
    answer = created.model_dump(mode="json")
    await idempotency.legacy_remember(uow.session, request, 201, answer)
    await uow.commit()
    response.headers["Location"] = f"{service.APPLICATIONS_PATH}/{created.id}"
    response.headers["ETag"] = etag(created.version)
    return answer


@router.get(
    "",
    response_model=Page[ApplicationSummary],
    dependencies=[require_role("admin")],
    summary="Applications, newest first (admin)",
)
async def list_applications(
    session: ReaderDep,
    status_: Annotated[ApplicationStatus | None, Query(alias="status")] = None,
    region: Region | None = None,
    sector: Sector | None = None,
    submitted_from: datetime | None = None,
    submitted_to: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Page[ApplicationSummary]:
    t = applications
    query = (
        select(*(t.c[f] for f in ApplicationSummary.model_fields))
        .order_by(t.c.submitted_at.desc(), t.c.id.desc())
        .limit(limit + 1)
    )
    if status_:
        query = query.where(t.c.status == status_)
    if region:
        query = query.where(t.c.region == region)
    if sector:
        query = query.where(t.c.sectors.contains([sector.value]))
    if submitted_from:
        query = query.where(t.c.submitted_at >= submitted_from)
    if submitted_to:
        query = query.where(t.c.submitted_at < submitted_to)
    if cursor:
        at, last = decode_cursor(cursor, datetime.fromisoformat, UUID)
        query = query.where(tuple_(t.c.submitted_at, t.c.id) < (at, last))
    rows = (await session.execute(query)).all()
    items = [ApplicationSummary.model_validate(r._mapping) for r in rows[:limit]]
    more = len(rows) > limit
    return Page(
        items=items,
        next_cursor=encode_cursor(items[-1].submitted_at.isoformat(), items[-1].id)
        if more
        else None,
    )


@router.get(
    "/{application_id}",
    response_model=Application,
    summary="One application (admin, or the applicant with its token)",
)
async def get_application(
    application_id: UUID,
    session: ReaderDep,
    caller: CallerDep,
    response: Response,
    token: ApplicationToken = None,
) -> Application:
    application = await service.get_application(session, application_id)
    _authorize(caller, application, token)
    response.headers["ETag"] = etag(application["version"])
    return Application.model_validate(application)


@router.get(
    "/{application_id}/history",
    response_model=list[Transition],
    summary="Every transition with actor, time and reason (the audit trail)",
)
async def get_history(
    application_id: UUID, session: ReaderDep, caller: CallerDep, token: ApplicationToken = None
) -> list[Transition]:
    application = await service.get_application(session, application_id)
    _authorize(caller, application, token)
    return [Transition.model_validate(t) for t in await service.history(session, application_id)]


async def _act(
    uow: UnitOfWorkDep,
    caller: Caller,
    application_id: UUID,
    action: Action,
    token: str | None,
    **details: Any,
) -> Application:
    actor = TRANSITIONS[action][0]
    application = await service.get_application(uow.session, application_id)
    _authorize(caller, application, token, actor)
    changed = await service.transition(uow, application_id, action, caller=caller, **details)
    await uow.commit()
    return Application.model_validate(changed)


@router.post(
    "/{application_id}/start-review",
    response_model=Application,
    summary="submitted → under_review (admin)",
)
async def start_review(
    application_id: UUID, uow: UnitOfWorkDep, caller: CallerDep, body: OptionalReason | None = None
) -> Application:
    return await _act(
        uow, caller, application_id, Action.START_REVIEW, None, reason=body.reason if body else None
    )


@router.post(
    "/{application_id}/request-info",
    response_model=Application,
    summary="under_review → info_requested (admin; reason says what is needed)",
)
async def request_info(
    application_id: UUID, body: RequiredReason, uow: UnitOfWorkDep, caller: CallerDep
) -> Application:
    return await _act(uow, caller, application_id, Action.REQUEST_INFO, None, reason=body.reason)


@router.post(
    "/{application_id}/respond",
    response_model=Application,
    summary="info_requested → under_review (the applicant answers, with its token)",
)
async def respond(
    application_id: UUID,
    body: RequiredReason,
    uow: UnitOfWorkDep,
    caller: CallerDep,
    token: ApplicationToken = None,
) -> Application:
    return await _act(uow, caller, application_id, Action.RESPOND, token, reason=body.reason)


@router.post(
    "/{application_id}/approve",
    response_model=Application,
    summary="under_review → approved; admits the member in the same transaction",
)
async def approve(
    application_id: UUID, uow: UnitOfWorkDep, caller: CallerDep, body: Approval | None = None
) -> Application:
    body = body or Approval()
    return await _act(
        uow,
        caller,
        application_id,
        Action.APPROVE,
        None,
        reason=body.reason,
        cathode_quota_tpy=body.cathode_quota_tpy,
    )


@router.post(
    "/{application_id}/reject",
    response_model=Application,
    summary="under_review → rejected (admin; reason required)",
)
async def reject(
    application_id: UUID, body: RequiredReason, uow: UnitOfWorkDep, caller: CallerDep
) -> Application:
    return await _act(uow, caller, application_id, Action.REJECT, None, reason=body.reason)


@router.post(
    "/{application_id}/withdraw",
    response_model=Application,
    summary="Withdraw before a decision (the applicant, with its token)",
)
async def withdraw(
    application_id: UUID,
    uow: UnitOfWorkDep,
    caller: CallerDep,
    token: ApplicationToken = None,
    body: OptionalReason | None = None,
) -> Application:
    return await _act(
        uow, caller, application_id, Action.WITHDRAW, token, reason=body.reason if body else None
    )
