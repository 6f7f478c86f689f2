"""Membership use cases: plain async functions over a unit of work; the caller commits.

Every state change locks its row (``SELECT ... FOR UPDATE``), checks the state it found,
writes the change, its audit line and exactly one event per transition, so two admins acting
at once get one success and one 409 naming the state the other left.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.auth import Caller
from clusterkit.db import database_now
from clusterkit.errors import NotFound
from clusterkit.legacy import UnitOfWork
from clusterkit.problems import Problem
from clusterkit.versioning import stale
from membership import events as ev
from membership.domain import (
    OPEN_STATUSES,
    TRANSITIONS,
    Action,
    ApplicationStatus,
    MemberStatus,
)
from membership.models import application_transitions, applications, member_status, members

APPLICATIONS_PATH = "/api/v1/membership/applications"
MEMBERS_PATH = "/api/v1/membership/members"

TONNE_PRECISION = Decimal("0.001")  # numeric(14, 3): events carry what the row holds

TRANSITION_EVENTS = {
    Action.START_REVIEW: ev.APPLICATION_REVIEW_STARTED,
    Action.REQUEST_INFO: ev.APPLICATION_INFO_REQUESTED,
    Action.RESPOND: ev.APPLICATION_RESPONDED,
    Action.REJECT: ev.APPLICATION_REJECTED,
    Action.WITHDRAW: ev.APPLICATION_WITHDRAWN,
}


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


async def _duplicate_of(session: AsyncSession, stir: str) -> Problem | None:
    open_application = await session.scalar(
        select(applications.c.id).where(
            applications.c.stir == stir, applications.c.status.in_(OPEN_STATUSES)
        )
    )
    if open_application is not None:
        return Problem(
            409,
            f"An application for STIR {stir} is already open.",
            code="duplicate-stir",
            existing=f"{APPLICATIONS_PATH}/{open_application}",
        )
    member = await session.scalar(
        select(members.c.id).where(members.c.stir == stir, members.c.expelled_at.is_(None))
    )
    if member is not None:
        return Problem(
            409,
            f"STIR {stir} is already a cluster member.",
            code="duplicate-stir",
            existing=f"{MEMBERS_PATH}/{member}",
        )
    return None


async def _record(
    session: AsyncSession,
    *,
    application_id: uuid.UUID,
    action: str,
    from_status: str | None,
    to_status: str,
    caller: Caller,
    actor: str,
    reason: str | None,
    at: datetime,
) -> None:
    await session.execute(
        insert(application_transitions).values(
            application_id=application_id,
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_key_id=caller.key_id,
            reason=reason,
            at=at,
        )
    )


# -- applications ---------------------------------------------------------------------------


async def submit_application(
    uow: UnitOfWork, *, submission: Mapping[str, Any], caller: Caller
) -> tuple[dict[str, Any], str]:
    """Store a new application; return it and the applicant's access token (shown once)."""
    session = uow.session
    duplicate = await _duplicate_of(session, submission["stir"])
    if duplicate:
        raise duplicate
    now = await database_now(session)
    token = secrets.token_urlsafe(32)
    values = {
        **submission,
        "id": uuid.uuid4(),
        "status": ApplicationStatus.SUBMITTED,
        "access_token_hash": hash_token(token),
        "submitted_at": now,
        "updated_at": now,
        "version": 1,
    }
    try:
        async with session.begin_nested():
            row = (
                await session.execute(insert(applications).values(values).returning(applications))
            ).one()
    except IntegrityError:
        # Another submit for this STIR committed between our check and our insert.
        raise await _duplicate_of(session, submission["stir"]) or Problem(
            409, "A conflicting application was just submitted.", code="duplicate-stir"
        ) from None
    application = dict(row._mapping)
    await _record(
        session,
        application_id=application["id"],
        action="submit",
        from_status=None,
        to_status=ApplicationStatus.SUBMITTED,
        caller=caller,
        actor="applicant",
        reason=None,
        at=now,
    )
    uow.publish(
        ev.contracts.event(
            ev.APPLICATION_SUBMITTED,
            ev.ApplicationSubmitted(
                application_id=application["id"],
                legal_name=application["legal_name"],
                stir=application["stir"],
                region=application["region"],
                sectors=application["sectors"],
                requested_cathode_tpy=application["requested_cathode_tpy"],
                submitted_at=now,
            ),
        )
    )
    return application, token


async def get_application(session: AsyncSession, application_id: uuid.UUID) -> dict[str, Any]:
    row = (
        await session.execute(select(applications).where(applications.c.id == application_id))
    ).one_or_none()
    if row is None:
        raise NotFound("application")
    return dict(row._mapping)


def applicant_may_access(application: Mapping[str, Any], token: str | None) -> bool:
    return token is not None and hmac.compare_digest(
        application["access_token_hash"], hash_token(token)
    )


async def _lock_application(session: AsyncSession, application_id: uuid.UUID) -> Row[Any]:
    row = (
        await session.execute(
            select(applications).where(applications.c.id == application_id).with_for_update()
        )
    ).one_or_none()
    if row is None:
        raise NotFound("application")
    return row


async def transition(
    uow: UnitOfWork,
    application_id: uuid.UUID,
    action: Action,
    *,
    caller: Caller,
    reason: str | None = None,
    cathode_quota_tpy: Decimal | None = None,
) -> dict[str, Any]:
    """Apply one review step. 409 names the current state when the step is not allowed."""
    actor, from_states, to_state, _ = TRANSITIONS[action]
    session = uow.session
    current = await _lock_application(session, application_id)
    if current.status not in from_states:
        raise Problem(
            409,
            f"Cannot {action.value.replace('-', ' ')} an application that is {current.status}.",
            code="illegal-transition",
            current_status=current.status,
            allowed_from=[s.value for s in from_states],
        )
    now = await database_now(session)
    member_id = None
    if action is Action.APPROVE:
        requested = current.requested_cathode_tpy
        quota = (requested if cathode_quota_tpy is None else cathode_quota_tpy).quantize(
            TONNE_PRECISION
        )
        member_id = await _admit(uow, current, quota=quota, at=now)
    row = (
        await session.execute(
            update(applications)
            .where(applications.c.id == application_id)
            .values(
                status=to_state,
                updated_at=now,
                version=applications.c.version + 1,
                member_id=member_id or applications.c.member_id,
            )
            .returning(applications)
        )
    ).one()
    await _record(
        session,
        application_id=application_id,
        action=action.value,
        from_status=current.status,
        to_status=to_state,
        caller=caller,
        actor=actor.value,
        reason=reason,
        at=now,
    )
    if action is Action.APPROVE:
        assert member_id is not None
        uow.publish(
            ev.contracts.event(
                ev.APPLICATION_APPROVED,
                ev.ApplicationApproved(
                    application_id=application_id,
                    member_id=member_id,
                    previous_status=current.status,
                    cathode_quota_tpy=quota,
                    reason=reason,
                    occurred_at=now,
                ),
            )
        )
    else:
        uow.publish(
            ev.contracts.event(
                TRANSITION_EVENTS[action],
                ev.ApplicationTransitioned(
                    application_id=application_id,
                    status=to_state,
                    previous_status=current.status,
                    reason=reason,
                    occurred_at=now,
                ),
            )
        )
    return dict(row._mapping)


async def _admit(
    uow: UnitOfWork, application: Row[Any], *, quota: Decimal, at: datetime
) -> uuid.UUID:
    session = uow.session
    existing = await session.scalar(
        select(members.c.id).where(
            members.c.stir == application.stir, members.c.expelled_at.is_(None)
        )
    )
    if existing is not None:
        raise Problem(
            409,
            f"STIR {application.stir} is already a cluster member.",
            code="duplicate-stir",
            existing=f"{MEMBERS_PATH}/{existing}",
        )
    member_id = uuid.uuid4()
    await session.execute(
        insert(members).values(
            id=member_id,
            application_id=application.id,
            legal_name=application.legal_name,
            stir=application.stir,
            region=application.region,
            sectors=application.sectors,
            planned_products=application.planned_products,
            contact=application.contact,
            cathode_quota_tpy=quota,
            admitted_at=at,
            updated_at=at,
            version=1,
        )
    )
    uow.publish(
        ev.contracts.event(
            ev.MEMBER_ADMITTED,
            ev.MemberAdmitted(
                member_id=member_id,
                application_id=application.id,
                legal_name=application.legal_name,
                stir=application.stir,
                region=application.region,
                sectors=application.sectors,
                cathode_quota_tpy=quota,
                admitted_at=at,
            ),
        )
    )
    return member_id


async def history(session: AsyncSession, application_id: uuid.UUID) -> list[dict[str, Any]]:
    t = application_transitions
    rows = (
        await session.execute(
            select(t.c.action, t.c.from_status, t.c.to_status, t.c.actor, t.c.reason, t.c.at)
            .where(t.c.application_id == application_id)
            .order_by(t.c.id)
        )
    ).all()
    return [dict(row._mapping) for row in rows]


# -- members ------------------------------------------------------------------------------

MEMBER_COLUMNS = [*members.c, member_status().label("status")]


async def get_member(
    session: AsyncSession, member_id: uuid.UUID, *, lock: bool = False
) -> dict[str, Any]:
    query = select(*MEMBER_COLUMNS).where(members.c.id == member_id)
    if lock:
        query = query.with_for_update(of=members)
    row = (await session.execute(query)).one_or_none()
    if row is None:
        raise NotFound("member")
    return dict(row._mapping)


REGISTRY_FIELDS = ("legal_name", "region", "sectors")


async def update_member(
    uow: UnitOfWork, member_id: uuid.UUID, *, expected_version: int, changes: Mapping[str, Any]
) -> dict[str, Any]:
    """Apply a PATCH made against ``expected_version`` (412 if it is stale)."""
    session = uow.session
    current = await get_member(session, member_id, lock=True)
    if current["version"] != expected_version:
        raise stale(current["version"])
    if current["status"] == MemberStatus.EXPELLED:
        raise Problem(
            409,
            "An expelled member cannot be changed.",
            code="member-expelled",
            current_status=current["status"],
        )
    changed = {k: v for k, v in changes.items() if current[k] != v}
    if not changed:
        return current
    now = await database_now(session)
    await session.execute(
        update(members)
        .where(members.c.id == member_id)
        .values(**changed, updated_at=now, version=members.c.version + 1)
    )
    updated = await get_member(session, member_id)
    if "cathode_quota_tpy" in changed:
        uow.publish(
            ev.contracts.event(
                ev.MEMBER_QUOTA_CHANGED,
                ev.MemberQuotaChanged(
                    member_id=member_id,
                    cathode_quota_tpy=updated["cathode_quota_tpy"],
                    previous_cathode_quota_tpy=current["cathode_quota_tpy"],
                    occurred_at=now,
                ),
            )
        )
    other = sorted(set(changed) - {"cathode_quota_tpy"})
    if other:
        uow.publish(
            ev.contracts.event(
                ev.MEMBER_UPDATED,
                ev.MemberUpdated(
                    member_id=member_id,
                    legal_name=updated["legal_name"],
                    region=updated["region"],
                    sectors=updated["sectors"],
                    changed=other,
                    version=updated["version"],
                    occurred_at=now,
                ),
            )
        )
    return updated


def _member_conflict(current: Mapping[str, Any], doing: str) -> Problem:
    return Problem(
        409,
        f"Cannot {doing} a member that is {current['status']}.",
        code="illegal-transition",
        current_status=current["status"],
    )


async def suspend_member(
    uow: UnitOfWork, member_id: uuid.UUID, *, reason: str, until: datetime | None
) -> dict[str, Any]:
    session = uow.session
    current = await get_member(session, member_id, lock=True)
    if current["status"] != MemberStatus.ACTIVE:
        raise _member_conflict(current, "suspend")
    now = await database_now(session)
    if until is not None and until <= now:
        raise Problem(
            422,
            "A suspension must end in the future.",
            code="validation-error",
            errors=[
                {
                    "field": "until",
                    "in": "body",
                    "type": "value_error",
                    "message": "must be in the future",
                }
            ],
        )
    await session.execute(
        update(members)
        .where(members.c.id == member_id)
        .values(
            suspended_at=now,
            suspended_until=until,
            suspension_reason=reason,
            updated_at=now,
            version=members.c.version + 1,
        )
    )
    uow.publish(
        ev.contracts.event(
            ev.MEMBER_SUSPENDED,
            ev.MemberSuspended(member_id=member_id, reason=reason, until=until, occurred_at=now),
        )
    )
    return await get_member(session, member_id)


async def reinstate_member(uow: UnitOfWork, member_id: uuid.UUID) -> dict[str, Any]:
    session = uow.session
    current = await get_member(session, member_id, lock=True)
    if current["status"] != MemberStatus.SUSPENDED:
        raise _member_conflict(current, "reinstate")
    now = await database_now(session)
    await session.execute(
        update(members)
        .where(members.c.id == member_id)
        .values(
            suspended_at=None,
            suspended_until=None,
            suspension_reason=None,
            updated_at=now,
            version=members.c.version + 1,
        )
    )
    uow.publish(
        ev.contracts.event(
            ev.MEMBER_REINSTATED, ev.MemberReinstated(member_id=member_id, occurred_at=now)
        )
    )
    return await get_member(session, member_id)


async def expel_member(uow: UnitOfWork, member_id: uuid.UUID, *, reason: str) -> dict[str, Any]:
    session = uow.session
    current = await get_member(session, member_id, lock=True)
    if current["status"] == MemberStatus.EXPELLED:
        raise _member_conflict(current, "expel")
    now = await database_now(session)
    await session.execute(
        update(members)
        .where(members.c.id == member_id)
        .values(
            expelled_at=now, expulsion_reason=reason, updated_at=now, version=members.c.version + 1
        )
    )
    uow.publish(
        ev.contracts.event(
            ev.MEMBER_EXPELLED,
            ev.MemberExpelled(member_id=member_id, reason=reason, occurred_at=now),
        )
    )
    return await get_member(session, member_id)
