"""The event the webhooks feature publishes: a subscription that kept failing was disabled."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel

WEBHOOK_DISABLED = "uz.coppercluster.gateway.webhook.disabled.v1"


class WebhookDisabled(BaseModel):
    """Its deliveries kept failing, so the subscription was disabled; its events wait."""

    webhook_id: UUID
    url: str
    reason: str
