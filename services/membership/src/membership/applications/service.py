"""Applications' use cases: submit, take a review step (approval admits the member), and
the reads of one application and its audit trail.

A review step locks the application, checks who may take it and that the state machine
allows it from the state found, then writes the change, its audit line and one event per
transition: two admins acting at once get one success and one 409 naming the state the
other left.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any
from uuid import UUID

import orjson

from clusterkit.auth import Caller
from clusterkit.errors import NotFound
from clusterkit.export import keyset_batches
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from membership.applications import access, queries, rules
from membership.applications.events import STEP_EVENTS
from membership.applications.rules import Action
from membership.applications.schemas import ApplicationSubmission
from membership.events import (
    APPLICATION_APPROVED,
    APPLICATION_SUBMITTED,
    MEMBER_ADMITTED,
    ApplicationApproved,
    ApplicationSubmitted,
    ApplicationTransitioned,
    MemberAdmitted,
    contracts,
    fields_from,
)


async def submit_application(
    uow: UnitOfWork, *, submission: ApplicationSubmission
) -> dict[str, Any]:
    """Store a new application and its first audit line; the answer carries the applicant's
    access token (shown this once). 409 ``duplicate-stir`` if the STIR has an open
    application or is a current member."""
    token, token_hash = access.new_access_token()
    fields = submission.model_dump(mode="json", include={"planned_products", "contact"})
    created = await uow.one(
        queries.SUBMIT_APPLICATION,
        id=uuid.uuid4(),
        legal_name=submission.legal_name,
        stir=submission.stir,
        region=submission.region.value,
        sectors=sorted({sector.value for sector in submission.sectors}),
        requested_cathode_tpy=submission.requested_cathode_tpy,
        proposal=submission.proposal,
        access_token_hash=token_hash,
        actor_key_id=uow.caller.key_id,
        **fields,
    )
    if created is None:
        holders = await uow.one(queries.STIR_HOLDERS, stir=submission.stir)
        assert holders is not None
        raise rules.duplicate_stir(submission.stir, **holders)
    uow.knows_now(created["submitted_at"])
    uow.publish(
        contracts.event(
            APPLICATION_SUBMITTED,
            ApplicationSubmitted(
                application_id=created["id"], **fields_from(created, ApplicationSubmitted)
            ),
        )
    )
    # The answer as JSON values: a retry with the same Idempotency-Key gets it as stored.
    answer: dict[str, Any] = orjson.loads(
        orjson.dumps({**created, "access_token": token}, default=str, option=orjson.OPT_UTC_Z)
    )
    return answer


async def take_step(
    uow: UnitOfWork,
    *,
    application_id: UUID,
    action: Action,
    token: str | None = None,
    reason: str | None = None,
    cathode_quota_tpy: Decimal | None = None,
) -> Row:
    """Take one review step; the application as it is after it."""
    step = rules.STEPS[action]
    current = await uow.found(
        queries.LOCKED,
        "application",
        N_("No application with this id."),
        application_id=application_id,
    )
    access.ensure_may_take(uow.caller, step.actor, current, token)
    to_status = rules.next_status(action, current["status"])
    admitted = None
    if action is Action.APPROVE:
        admitted = await _approve(
            uow,
            application_id=application_id,
            current=current,
            reason=reason,
            granted=cathode_quota_tpy,
        )
    changed = await uow.one(
        queries.TAKE_STEP,
        application_id=application_id,
        to_status=to_status.value,
        admitted=admitted,
        action=action.value,
        from_status=current["status"],
        actor=step.actor.value,
        actor_key_id=uow.caller.key_id,
        reason=reason,
    )
    assert changed is not None
    uow.knows_now(changed["updated_at"])
    if admitted is None:
        uow.publish(
            contracts.event(
                STEP_EVENTS[action],
                ApplicationTransitioned(
                    application_id=application_id,
                    status=to_status.value,
                    previous_status=current["status"],
                    reason=reason,
                    occurred_at=changed["updated_at"],
                ),
            )
        )
    return changed


async def _approve(
    uow: UnitOfWork,
    *,
    application_id: UUID,
    current: Row,
    reason: str | None,
    granted: Decimal | None,
) -> UUID:
    """Admit the member the approval makes of its application (409 ``duplicate-stir`` if
    the STIR became a member meanwhile, through an earlier application); the new member's
    id. Publishes the admission, then the approval."""
    quota = rules.granted_quota(current["requested_cathode_tpy"], granted)
    member = await uow.one(
        queries.ADMIT, new_member_id=uuid.uuid4(), quota=quota, application_id=application_id
    )
    if member is None:  # its own application holds the STIR too: only the member counts
        holders = await uow.one(queries.STIR_HOLDERS, stir=current["stir"])
        assert holders is not None
        raise rules.duplicate_stir(
            current["stir"], application_id=None, member_id=holders["member_id"]
        )
    member_id: UUID = member["id"]
    now = member["admitted_at"]
    uow.knows_now(now)
    uow.publish(
        contracts.event(
            MEMBER_ADMITTED,
            MemberAdmitted(member_id=member_id, **fields_from(member, MemberAdmitted)),
        )
    )
    uow.publish(
        contracts.event(
            APPLICATION_APPROVED,
            ApplicationApproved(
                application_id=application_id,
                member_id=member_id,
                previous_status=current["status"],
                cathode_quota_tpy=quota,
                reason=reason,
                occurred_at=now,
            ),
        )
    )
    return member_id


async def application(read: SQL, *, caller: Caller, application_id: UUID, token: str | None) -> Row:
    found = await read.found(
        queries.APPLICATION,
        "application",
        N_("No application with this id."),
        application_id=application_id,
    )
    access.ensure_may_read(caller, found, token)
    return found


async def history(
    read: SQL, *, caller: Caller, application_id: UUID, token: str | None
) -> list[Row]:
    """The audit trail, oldest first."""
    lines = await read.fetch(queries.HISTORY, application_id=application_id)
    if not lines:
        raise NotFound("application", N_("No application with this id."))
    access.ensure_may_read(caller, lines[0], token)
    return lines


async def audit_trails(read: SQL, **filters: Any) -> AsyncIterator[list[dict[str, Any]]]:
    """The applications of the reviewers' list, newest first, each as its audit lines
    (oldest first) beside its summary: a row per line, a batch of applications at a time."""
    async for batch in keyset_batches(read, queries.APPLICATIONS, **filters):
        lines: dict[UUID, list[Row]] = {}
        for line in await read.fetch(queries.TRAILS, ids=[a["id"] for a in batch]):
            lines.setdefault(line["application_id"], []).append(line)
        yield [{**a, **line} for a in batch for line in lines.get(a["id"], ())]
