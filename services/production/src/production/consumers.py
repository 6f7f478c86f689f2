"""Membership events projected into ``organisations`` (members, by the membership id):
the library's member projection, with production's own part (``kind = 'member'``; Almalyk
MMC is an organisation of kind ``producer`` that no event makes)."""

from __future__ import annotations

from clusterkit.app import ServiceRuntime
from clusterkit.consumer import EventConsumer
from clusterkit.member_projection import (
    MEMBER_ADMITTED,
    MEMBER_EXPELLED,
    MEMBER_REINSTATED,
    MEMBER_SUSPENDED,
    MEMBER_UPDATED,
    MemberProjection,
)
from production.models import inbox, organisations, outbox
from production.settings import ProductionSettings

__all__ = [
    "MEMBER_ADMITTED",
    "MEMBER_EXPELLED",
    "MEMBER_REINSTATED",
    "MEMBER_SUSPENDED",
    "MEMBER_UPDATED",
    "membership_projection",
]

PROJECTION = MemberProjection(organisations, admitted_values={"kind": "member"})


def membership_projection(runtime: ServiceRuntime) -> EventConsumer:
    settings = runtime.settings
    assert isinstance(settings, ProductionSettings)
    return PROJECTION.consumer(
        database=runtime.database,
        inbox=inbox,
        outbox=outbox,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id="production.membership-projection",
        topic=settings.membership_events_topic,
    )
