"""Membership events projected into ``organisations``."""

from datetime import UTC, datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.app import ServiceRuntime
from clusterkit.consumer import EventConsumer
from clusterkit.events import CloudEvent
from production.models import inbox, organisations
from production.settings import ProductionSettings

# The membership contract this service reads (see membership's AsyncAPI document).
APPLICATION_SUBMITTED = "uz.coppercluster.membership.application.submitted.v1"


async def on_application_submitted(session: AsyncSession, event: CloudEvent) -> None:
    # A plain insert: the inbox guarantees one application per event, so a second insert
    # would be a bug worth failing loudly on.
    data = event.data
    await session.execute(
        insert(organisations).values(
            id=data["application_id"],
            kind="member",
            legal_name=data["legal_name"],
            stir=data["stir"],
            region=data["region"],
            status="applicant",
            updated_at=datetime.now(UTC),
        )
    )


def membership_projection(runtime: ServiceRuntime) -> EventConsumer:
    settings = runtime.settings
    assert isinstance(settings, ProductionSettings)
    return EventConsumer(
        database=runtime.database,
        inbox=inbox,
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id="production.membership-projection",
        topics=[settings.membership_events_topic],
        handlers={APPLICATION_SUBMITTED: on_application_submitted},
    )
