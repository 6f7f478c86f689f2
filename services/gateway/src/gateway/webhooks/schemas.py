"""Webhook requests and answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from clusterkit.i18n import N_

TypePrefix = Annotated[str, Field(pattern=r"^[a-z0-9_.]{1,200}$", examples=["supply.order"])]


class WebhookIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str = Field(max_length=2000, examples=["https://erp.example.uz/hooks/copper"])
    event_types: list[TypePrefix] = Field(
        default_factory=list, max_length=50, description="Type prefixes; none: every type"
    )


class WebhookChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    url: str | None = Field(None, max_length=2000)
    event_types: list[TypePrefix] | None = Field(None, max_length=50)
    enabled: bool | None = Field(None, description="false disables; true enables again")


class Webhook(BaseModel):
    id: uuid.UUID
    url: str
    event_types: list[str]
    status: str
    disabled_reason: str | None = None
    consecutive_failures: int
    created_at: datetime
    updated_at: datetime


class NewWebhook(Webhook):
    secret: str = Field(description="Shown once: verifies the webhook-signature header")


class RotatedWebhook(NewWebhook):
    previous_secret_until: datetime = Field(
        description="Until then deliveries are signed with the previous secret too (after "
        "the new one, in webhook-signature)"
    )


class Attempt(BaseModel):
    at: datetime
    status_code: int | None
    latency_ms: int
    error: str | None
    response_excerpt: str | None


class Delivery(BaseModel):
    id: int
    event_id: uuid.UUID
    type: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime
    delivered_at: datetime | None
    replay: bool
    log: list[Attempt]


class Replay(BaseModel):
    model_config = ConfigDict(extra="forbid")
    event_id: uuid.UUID | None = Field(None, description="One event to send again")
    since: datetime | None = Field(None, description="Or every matching event since this time")
    until: datetime | None = Field(None, description="With since: before this time (default: now)")

    @model_validator(mode="after")
    def _one_way(self) -> Replay:
        if (self.event_id is None) == (self.since is None):
            raise ValueError(N_("give event_id, or since (and optionally until)"))
        return self


class Replayed(BaseModel):
    queued: int
