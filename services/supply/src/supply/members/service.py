"""The member a change is made for, read once with the change's clock."""

from __future__ import annotations

from clusterkit.sql import Row
from clusterkit.unit_of_work import UnitOfWork
from supply.members import access, queries


async def active_member(uow: UnitOfWork) -> Row:
    """The active member behind the caller's key; its read also gives the unit of work its
    ``now()``."""
    member = access.ensure_active(await uow.one(queries.STANDING, id=access.member_of(uow.caller)))
    uow.knows_now(member["now"])
    return member
