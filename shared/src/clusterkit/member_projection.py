"""The member projection: cluster members as another service sees them, kept from
membership's ``member.*`` events. Production (who reports) and supply (who may request
supplies) mount it; each adds its own part.

What it holds is what the registry publishes: id (the membership id), legal name, STIR,
region, sectors, status and the end of a suspension. A suspension with an end date ends by
itself, with no event: :func:`effective_status` reads it from the dates.

The event models here are this consumer's view of membership's contract
(``contracts/membership/``): the fields it reads, nothing more (a tolerant reader, so
membership may add fields). ``tests/test_contracts.py`` checks them against the schemas.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    and_,
    bindparam,
    case,
    func,
    insert,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement

from clusterkit.consumer import EventConsumer, Handlers, Inbox
from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.outbox import Outbox
from clusterkit.sql import Query, parameters
from clusterkit.unit_of_work import UnitOfWork

MEMBERSHIP = "uz.coppercluster.membership"
MEMBER_ADMITTED = f"{MEMBERSHIP}.member.admitted.v1"
MEMBER_UPDATED = f"{MEMBERSHIP}.member.updated.v1"
MEMBER_SUSPENDED = f"{MEMBERSHIP}.member.suspended.v1"
MEMBER_REINSTATED = f"{MEMBERSHIP}.member.reinstated.v1"
MEMBER_EXPELLED = f"{MEMBERSHIP}.member.expelled.v1"

ACTIVE, SUSPENDED, EXPELLED = "active", "suspended", "expelled"


class MemberAdmitted(BaseModel):
    member_id: UUID
    legal_name: str
    stir: str
    region: str
    sectors: list[str]


class MemberUpdated(BaseModel):
    member_id: UUID
    legal_name: str
    region: str
    sectors: list[str]


class MemberSuspended(BaseModel):
    member_id: UUID
    reason: str
    until: datetime | None = None


class MemberReinstated(BaseModel):
    member_id: UUID


class MemberExpelled(BaseModel):
    member_id: UUID
    reason: str


def member_columns() -> list[Column[Any]]:
    """The projection's own columns (a table may add its own after them)."""
    return [
        Column("id", Uuid, primary_key=True),
        Column("legal_name", Text, nullable=False),
        Column("stir", String(9), nullable=False),
        Column("region", String(5), nullable=False),
        Column("sectors", ARRAY(Text), nullable=False),
        Column("status", Text, nullable=False),
        Column("suspended_until", DateTime(timezone=True)),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    ]


def member_table(metadata: MetaData, name: str, *extra: Column[Any]) -> Table:
    return Table(name, metadata, *member_columns(), *extra)


def status_on(status: str, suspended_until: datetime | None, now: datetime) -> str:
    """The status that holds at ``now``: a suspension whose end has passed is over."""
    if status == SUSPENDED and suspended_until is not None and suspended_until <= now:
        return ACTIVE
    return status


def effective_status(table: Table) -> ColumnElement[str]:
    """:func:`status_on` in SQL, at the statement's ``now()``."""
    t = table.c
    return case(
        (
            and_(
                t.status == SUSPENDED,
                t.suspended_until.is_not(None),
                t.suspended_until <= func.now(),
            ),
            ACTIVE,
        ),
        else_=t.status,
    )


# A service's own reaction when a member leaves good standing (suspended or expelled):
# ``(uow, member_id, why)``. Supply cancels the member's open requests.
OnLeft = Callable[[UnitOfWork, UUID, str], Awaitable[None]]


class MemberProjection:
    """The handlers that keep ``table`` in step with the registry.

    ``admitted_values`` are the service's own columns for a new member (production:
    ``kind="member"``); ``on_left`` runs in the same transaction when a member is suspended
    or expelled, so what it changes and publishes commits with the projection and the inbox.
    """

    def __init__(
        self,
        table: Table,
        *,
        admitted_values: Mapping[str, Any] | None = None,
        on_left: OnLeft | None = None,
    ):
        self.table = table
        self.on_left = on_left
        extra = dict(admitted_values or {})
        t = table
        names = ["id", "legal_name", "stir", "region", "sectors", "status", "updated_at"]
        # A plain insert: the inbox guarantees one row per event, so a second insert would
        # be a bug worth failing loudly on.
        self._admit = Query(insert(t).values(**parameters(t, names), **extra))

        def changing(*columns: str) -> Query:
            return Query(
                update(t)
                .where(t.c.id == bindparam("id", type_=t.c.id.type))
                .values(**parameters(t, [*columns, "updated_at"]))
            )

        self._update = changing("legal_name", "region", "sectors")
        self._set_status = changing("status", "suspended_until")
        self.handlers = self._handlers()

    def _handlers(self) -> Handlers:
        handlers = Handlers()

        @handlers.on(MEMBER_ADMITTED, MemberAdmitted)
        async def admitted(uow: UnitOfWork, event: MemberAdmitted, envelope: CloudEvent) -> None:
            registry = event.model_dump(exclude={"member_id"})
            await uow.execute(
                self._admit, id=event.member_id, **registry, status=ACTIVE, updated_at=envelope.time
            )

        @handlers.on(MEMBER_UPDATED, MemberUpdated)
        async def updated(uow: UnitOfWork, event: MemberUpdated, envelope: CloudEvent) -> None:
            registry = event.model_dump(exclude={"member_id"})
            await uow.execute(
                self._update, id=event.member_id, **registry, updated_at=envelope.time
            )

        @handlers.on(MEMBER_SUSPENDED, MemberSuspended)
        async def suspended(uow: UnitOfWork, event: MemberSuspended, envelope: CloudEvent) -> None:
            await self._status(uow, event.member_id, SUSPENDED, event.until, envelope)
            await self._left(uow, event.member_id, f"The member was suspended: {event.reason}")

        @handlers.on(MEMBER_REINSTATED, MemberReinstated)
        async def reinstated(
            uow: UnitOfWork, event: MemberReinstated, envelope: CloudEvent
        ) -> None:
            await self._status(uow, event.member_id, ACTIVE, None, envelope)

        @handlers.on(MEMBER_EXPELLED, MemberExpelled)
        async def expelled(uow: UnitOfWork, event: MemberExpelled, envelope: CloudEvent) -> None:
            await self._status(uow, event.member_id, EXPELLED, None, envelope)
            await self._left(uow, event.member_id, f"The member was expelled: {event.reason}")

        return handlers

    async def _status(
        self,
        uow: UnitOfWork,
        member_id: UUID,
        status: str,
        until: datetime | None,
        envelope: CloudEvent,
    ) -> None:
        await uow.execute(
            self._set_status,
            id=member_id,
            status=status,
            suspended_until=until,
            updated_at=envelope.time,
        )

    async def _left(self, uow: UnitOfWork, member_id: UUID, why: str) -> None:
        """The member left good standing: the service's own reaction, if it has one."""
        if self.on_left is not None:
            await self.on_left(uow, member_id, why)

    def consumer(
        self,
        *,
        database: Database,
        inbox: Inbox,
        outbox: Outbox | None,
        bootstrap_servers: str,
        group_id: str,
        topic: str,
    ) -> EventConsumer:
        """The consumer that keeps this projection (its own group, one per service)."""
        return EventConsumer(
            database=database,
            inbox=inbox,
            outbox=outbox,
            bootstrap_servers=bootstrap_servers,
            group_id=group_id,
            topics=[topic],
            handlers=self.handlers,
        )
