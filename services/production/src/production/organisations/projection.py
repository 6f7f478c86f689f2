"""Membership events projected into ``organisations`` (members, by the membership id): the
library's member projection with production's own part (``kind = 'member'``; Almalyk MMC
is an organisation of kind ``producer`` that no event makes)."""

from __future__ import annotations

from clusterkit.app import ServiceRuntime
from clusterkit.consumer import EventConsumer
from clusterkit.database import Database
from clusterkit.member_projection import MemberProjection
from production.settings import ProductionSettings
from production.tables import inbox, organisations, outbox

GROUP_ID = "production.membership-projection"
PROJECTION = MemberProjection(organisations, admitted_values={"kind": "member"})


def projection_consumer(database: Database, settings: ProductionSettings) -> EventConsumer:
    return PROJECTION.consumer(
        database=database,
        inbox=inbox,
        outbox=outbox,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=GROUP_ID,
        topic=settings.membership_events_topic,
    )


def membership_projection(runtime: ServiceRuntime) -> EventConsumer:
    settings = runtime.settings
    assert isinstance(settings, ProductionSettings)
    return projection_consumer(runtime.database, settings)
