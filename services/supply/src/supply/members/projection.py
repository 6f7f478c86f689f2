"""Membership's events kept in ``members`` (who may request supplies); a member that leaves
good standing (suspended or expelled) has its open requests cancelled in the same unit of
work, with their events."""

from __future__ import annotations

import uuid

from clusterkit.app import ServiceRuntime
from clusterkit.consumer import EventConsumer
from clusterkit.member_projection import MemberProjection
from clusterkit.unit_of_work import UnitOfWork
from supply.requests.service import cancel_requests_of_member
from supply.settings import SupplySettings
from supply.tables import inbox, members, outbox

GROUP = "supply.membership-projection"


async def cancel_open_requests(uow: UnitOfWork, member_id: uuid.UUID, why: str) -> None:
    await cancel_requests_of_member(uow, member_id=member_id, reason=why)


projection = MemberProjection(members, on_left=cancel_open_requests)


def membership_projection(runtime: ServiceRuntime) -> EventConsumer:
    settings = runtime.settings
    assert isinstance(settings, SupplySettings)
    return projection.consumer(
        database=runtime.database,
        inbox=inbox,
        outbox=outbox,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=GROUP,
        topic=settings.membership_events_topic,
    )
