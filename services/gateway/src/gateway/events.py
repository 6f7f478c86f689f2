"""Events the gateway publishes to ``gateway.events`` (its contracts); its feed consumes the
topic like the services' ones, so they reach the feed and the webhooks like any other."""

from __future__ import annotations

from uuid import UUID

from clusterkit.contracts import EventContract, EventContracts
from gateway.webhooks.events import WEBHOOK_DISABLED, WebhookDisabled

__all__ = ["WEBHOOK_DISABLED", "contracts"]

contracts = EventContracts(
    service="gateway",
    source="/coppercluster/gateway",
    topic="gateway.events",
    description="Events of the gateway itself: webhook subscriptions it disabled. Key = "
    "webhook id.",
    contracts=[
        EventContract(
            type=WEBHOOK_DISABLED,
            model=WebhookDisabled,
            summary="A webhook subscription was disabled: its deliveries kept failing for days",
            example=WebhookDisabled(
                webhook_id=UUID("0b1f4c7e-3d2a-4e8f-9a6b-5c4d3e2f1a0b"),
                url="https://erp.example.uz/hooks/copper",
                reason="its deliveries failed continuously for 5 d since "
                "2025-03-01T12:00:00+00:00 (last: HTTP 503); enable it again when fixed",
            ),
            subject="webhook_id",
        )
    ],
)
