"""``/api/v1/membership/applications``: companies apply; the Cluster Development Service
reviews. Each review step is an explicit action with its own endpoint."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import Header, Query, Request, Response, status
from fastapi.types import DecoratedCallable

from clusterkit.app import ReadDep, WriteDep
from clusterkit.auth import require_role
from clusterkit.conditional import IfNoneMatchDep, etag, not_modified
from clusterkit.errors import Conflict
from clusterkit.export import EXPORT_RESPONSES, ExportQuery
from clusterkit.i18n import accepted_language
from clusterkit.idempotency import IdempotencyKeyDep
from clusterkit.pagination import Page
from clusterkit.routing import Router
from membership.applications import exports, queries, service
from membership.applications.access import TOKEN_HEADER
from membership.applications.rules import Action, DuplicateStir
from membership.applications.schemas import (
    Application,
    ApplicationFilters,
    ApplicationSubmission,
    ApplicationSummary,
    Approval,
    OptionalReason,
    SubmittedApplication,
    Transition,
)
from membership.members.routes import router as members_router
from membership.schemas import RequiredReason
from membership.tables import idempotency

router = Router(prefix="/api/v1/membership/applications", tags=["applications"])

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
        raise Conflict(
            duplicate.msgid, code=duplicate.code, params=duplicate.params, existing=existing
        ) from None


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=SubmittedApplication,
    summary="Apply to join the cluster (anonymous allowed; honours Idempotency-Key)",
)
async def submit_application(
    body: ApplicationSubmission, write: WriteDep, key: IdempotencyKeyDep, request: Request
) -> Response:
    submission = body
    if body.contact.language is None:  # the notices follow the language applied in
        contact = body.contact.model_copy(update={"language": accepted_language(request)})
        submission = body.model_copy(update={"contact": contact})
    with _pointing_at_the_holder():
        answer = await idempotency.once(
            write, key, body, service.submit_application, submission=submission
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


class ApplicationQuery(ExportQuery, ApplicationFilters):
    """The reviewers' filters and paging, read from the query string at once."""


@router.get(
    "",
    response_model=Page[ApplicationSummary],
    dependencies=[require_role("admin")],
    responses=EXPORT_RESPONSES,
    summary="Applications, newest first (admin; as CSV or XLSX with their audit trails)",
)
async def list_applications(read: ReadDep, query: Annotated[ApplicationQuery, Query()]) -> Response:
    export = read.export(query.format)
    if export.wanted:
        trails = service.audit_trails(read, **query.for_query())
        return await export.answer(exports.AUDIT_TRAILS, trails)
    return await queries.APPLICATIONS.page(read, query, **query.for_query())


@router.get(
    "/{application_id}",
    response_model=Application,
    summary="One application (admin, or the applicant with its token)",
)
async def get_application(
    application_id: UUID,
    read: ReadDep,
    response: Response,
    if_none_match: IfNoneMatchDep,
    token: ApplicationToken = None,
) -> Any:
    found = await service.application(
        read, caller=read.caller, application_id=application_id, token=token
    )
    held = not_modified(if_none_match, found["version"])
    response.headers["ETag"] = etag(found["version"])  # of the 200 (a 304 carries its own)
    return held or Application.model_validate(dict(found))


@router.get(
    "/{application_id}/history",
    response_model=list[Transition],
    summary="Every transition with actor, time and reason (the audit trail)",
)
async def get_history(
    application_id: UUID, read: ReadDep, token: ApplicationToken = None
) -> list[Transition]:
    lines = await service.history(
        read, caller=read.caller, application_id=application_id, token=token
    )
    return [Transition.model_validate(dict(line)) for line in lines]


async def _take(
    write: WriteDep, application_id: UUID, action: Action, **details: Any
) -> Application:
    changed = await write(
        service.take_step, application_id=application_id, action=action, **details
    )
    return Application.model_validate(dict(changed))


def _step(action: Action, summary: str) -> Callable[[DecoratedCallable], DecoratedCallable]:
    """The endpoint of a review step: ``POST /{application_id}/<action>``, answering the
    application as the step left it."""
    return router.post(
        f"/{{application_id}}/{action.value}", response_model=Application, summary=summary
    )


@_step(Action.START_REVIEW, "submitted → under_review (admin)")
async def start_review(
    application_id: UUID, write: WriteDep, body: OptionalReason | None = None
) -> Application:
    reason = body.reason if body else None
    return await _take(write, application_id, Action.START_REVIEW, reason=reason)


@_step(Action.REQUEST_INFO, "under_review → info_requested (admin; reason says what is needed)")
async def request_info(application_id: UUID, body: RequiredReason, write: WriteDep) -> Application:
    return await _take(write, application_id, Action.REQUEST_INFO, reason=body.reason)


@_step(Action.RESPOND, "info_requested → under_review (the applicant answers, with its token)")
async def respond(
    application_id: UUID, body: RequiredReason, write: WriteDep, token: ApplicationToken = None
) -> Application:
    return await _take(write, application_id, Action.RESPOND, token=token, reason=body.reason)


@_step(Action.APPROVE, "under_review → approved; admits the member in the same transaction")
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


@_step(Action.REJECT, "under_review → rejected (admin; reason required)")
async def reject(application_id: UUID, body: RequiredReason, write: WriteDep) -> Application:
    return await _take(write, application_id, Action.REJECT, reason=body.reason)


@_step(Action.WITHDRAW, "Withdraw before a decision (the applicant, with its token)")
async def withdraw(
    application_id: UUID,
    write: WriteDep,
    token: ApplicationToken = None,
    body: OptionalReason | None = None,
) -> Application:
    reason = body.reason if body else None
    return await _take(write, application_id, Action.WITHDRAW, token=token, reason=reason)
