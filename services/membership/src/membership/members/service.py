"""The registry's reads and its upkeep, as use cases of a unit of work.

Each upkeep step locks the member's row and reads its status as of the transaction's time
in the same statement, checks that the step may start from it, writes the change with
``RETURNING`` and publishes its event: two admins acting at once get one success and one
409 naming the state the other left.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from clusterkit.conditional import IfMatch
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from membership.events import (
    MEMBER_EXPELLED,
    MEMBER_QUOTA_CHANGED,
    MEMBER_REINSTATED,
    MEMBER_SUSPENDED,
    MEMBER_UPDATED,
    MemberExpelled,
    MemberQuotaChanged,
    MemberReinstated,
    MemberSuspended,
    MemberUpdated,
    contracts,
    fields_from,
)
from membership.members import access, queries, rules
from membership.members.rules import MemberStatus

QUOTA = "cathode_quota_tpy"  # changing it is an event of its own


async def member(read: SQL, *, member_id: UUID) -> Row:
    return await read.found(
        queries.MEMBER, "member", N_("No member with this id."), member_id=member_id
    )


def _with_status(row: Row, now: datetime) -> dict[str, Any]:
    status = rules.member_status(
        expelled_at=row["expelled_at"],
        suspended_at=row["suspended_at"],
        suspended_until=row["suspended_until"],
        now=now,
    )
    return {**row, "status": status}


async def _locked(uow: UnitOfWork, member_id: UUID) -> tuple[dict[str, Any], datetime]:
    """The member's row, locked until commit, with its status; and the transaction's time."""
    row = await uow.found(
        queries.LOCKED, "member", N_("No member with this id."), member_id=member_id
    )
    now: datetime = row["now"]
    uow.knows_now(now)
    return _with_status(row, now), now


async def change_member(
    uow: UnitOfWork, *, member_id: UUID, if_match: IfMatch, changes: Mapping[str, Any]
) -> dict[str, Any]:
    """Apply a PATCH made against the version ``if_match`` names (412 if it is not current)."""
    access.ensure_may_change(uow.caller, member_id, changes)
    rules.ensure_no_nulls(changes)
    current, now = await _locked(uow, member_id)
    if_match.check(current["version"])
    rules.ensure_changeable(current["status"])
    changed = rules.changed_fields(current, changes)
    if not changed:
        return current
    row = await uow.one(queries.CHANGE, member_id=member_id, **changed)
    assert row is not None
    updated = _with_status(row, now)
    if QUOTA in changed:
        uow.publish(
            contracts.event(
                MEMBER_QUOTA_CHANGED,
                MemberQuotaChanged(
                    member_id=member_id,
                    cathode_quota_tpy=updated[QUOTA],
                    previous_cathode_quota_tpy=current[QUOTA],
                    occurred_at=now,
                ),
            )
        )
    other = sorted(set(changed) - {QUOTA})
    if other:
        uow.publish(
            contracts.event(
                MEMBER_UPDATED,
                MemberUpdated(
                    member_id=member_id,
                    changed=other,
                    occurred_at=now,
                    **fields_from(updated, MemberUpdated),
                ),
            )
        )
    return updated


async def suspend_member(
    uow: UnitOfWork, *, member_id: UUID, reason: str, until: datetime | None
) -> dict[str, Any]:
    current, now = await _locked(uow, member_id)
    rules.ensure_status(current["status"], "suspend", MemberStatus.ACTIVE)
    rules.ensure_future(until, now)
    row = await uow.one(
        queries.SUSPEND, member_id=member_id, suspended_until=until, suspension_reason=reason
    )
    assert row is not None
    uow.publish(
        contracts.event(
            MEMBER_SUSPENDED,
            MemberSuspended(member_id=member_id, reason=reason, until=until, occurred_at=now),
        )
    )
    return _with_status(row, now)


async def reinstate_member(uow: UnitOfWork, *, member_id: UUID) -> dict[str, Any]:
    current, now = await _locked(uow, member_id)
    rules.ensure_status(current["status"], "reinstate", MemberStatus.SUSPENDED)
    row = await uow.one(queries.REINSTATE, member_id=member_id)
    assert row is not None
    uow.publish(
        contracts.event(MEMBER_REINSTATED, MemberReinstated(member_id=member_id, occurred_at=now))
    )
    return _with_status(row, now)


async def expel_member(uow: UnitOfWork, *, member_id: UUID, reason: str) -> dict[str, Any]:
    current, now = await _locked(uow, member_id)
    rules.ensure_status(current["status"], "expel", MemberStatus.ACTIVE, MemberStatus.SUSPENDED)
    row = await uow.one(queries.EXPEL, member_id=member_id, expulsion_reason=reason)
    assert row is not None
    uow.publish(
        contracts.event(
            MEMBER_EXPELLED, MemberExpelled(member_id=member_id, reason=reason, occurred_at=now)
        )
    )
    return _with_status(row, now)
