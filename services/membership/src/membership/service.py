"""Membership use cases: plain async functions over a unit of work."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.unit_of_work import UnitOfWork
from membership.domain import ApplicationStatus
from membership.events import ApplicationSubmitted, application_submitted
from membership.models import applications


async def submit_application(uow: UnitOfWork, *, submission: dict[str, Any]) -> dict[str, Any]:
    """Store a new application and announce it; the caller commits."""
    now = datetime.now(UTC)
    values = {
        **submission,
        "id": uuid.uuid4(),
        "status": ApplicationStatus.SUBMITTED,
        "submitted_at": now,
        "updated_at": now,
        "version": 1,
    }
    row = (
        await uow.session.execute(insert(applications).values(values).returning(applications))
    ).one()
    application = dict(row._mapping)
    uow.publish(
        application_submitted(
            ApplicationSubmitted(
                application_id=application["id"],
                **{
                    k: application[k]
                    for k in (
                        "legal_name",
                        "stir",
                        "region",
                        "sectors",
                        "requested_cathode_tpy",
                        "submitted_at",
                    )
                },
            )
        )
    )
    return application


async def get_application(
    session: AsyncSession, application_id: uuid.UUID
) -> dict[str, Any] | None:
    row = (
        await session.execute(select(applications).where(applications.c.id == application_id))
    ).one_or_none()
    return dict(row._mapping) if row else None
