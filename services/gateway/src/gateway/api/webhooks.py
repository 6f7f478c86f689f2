"""``/api/v1/webhooks``: subscriptions (procurement or admin keys) to the platform's
events, their delivery log, and replays."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.app import settings_of
from clusterkit.auth import Caller
from clusterkit.db import database_now
from clusterkit.errors import InvalidFields, NotFound
from clusterkit.legacy import ReaderDep, SessionDep
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from gateway.auth import caller_with
from gateway.feed import full_type, matches, readable_by
from gateway.models import events, webhook_attempts, webhook_deliveries, webhooks
from gateway.settings import GatewaySettings
from gateway.webhooks import new_secret, refusal

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])

TypePrefix = Annotated[str, Field(pattern=r"^[a-z0-9_.]{1,200}$", examples=["supply.order"])]


SubscriberDep = Annotated[
    Caller, Depends(caller_with("admin", "procurement", needs="a procurement or admin key"))
]


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
    event_id: uuid.UUID | None = None
    since: datetime | None = None
    until: datetime | None = None

    @model_validator(mode="after")
    def _one_way(self) -> Replay:
        if (self.event_id is None) == (self.since is None):
            raise ValueError("give event_id, or since (and optionally until)")
        return self


class Replayed(BaseModel):
    queued: int


async def _checked_url(request: Request, url: str) -> str:
    reason = await refusal(url, settings_of(request, GatewaySettings))
    if reason:
        raise InvalidFields(("url", reason))
    return url


async def _owned(session: AsyncSession, caller: Caller, webhook_id: uuid.UUID) -> dict[str, Any]:
    query = select(webhooks).where(webhooks.c.id == webhook_id)
    if not caller.is_admin:
        query = query.where(webhooks.c.owner_key_id == caller.key_id)
    row = (await session.execute(query)).one_or_none()
    if row is None:
        raise NotFound("webhook")
    return dict(row._mapping)


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=NewWebhook, summary="Subscribe"
)
async def subscribe(
    body: WebhookIn, request: Request, session: SessionDep, caller: SubscriberDep
) -> NewWebhook:
    now = await database_now(session)
    row = (
        await session.execute(
            insert(webhooks)
            .values(
                id=uuid.uuid4(),
                url=await _checked_url(request, body.url),
                event_types=sorted({full_type(t) for t in body.event_types}),
                secret=new_secret(),
                owner_key_id=caller.key_id,
                owner_role=caller.role,
                status="active",
                created_at=now,
                updated_at=now,
            )
            .returning(webhooks)
        )
    ).one()
    await session.commit()
    return NewWebhook.model_validate(row._mapping)


@router.get("", response_model=Page[Webhook], summary="Your subscriptions (admin: all)")
async def list_webhooks(
    session: ReaderDep,
    caller: SubscriberDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[Webhook]:
    w = webhooks.c
    query = select(webhooks).order_by(w.id).limit(limit + 1)
    if not caller.is_admin:
        query = query.where(w.owner_key_id == caller.key_id)
    if cursor:
        query = query.where(w.id > decode_cursor(cursor, uuid.UUID)[0])
    rows = (await session.execute(query)).all()
    items = [Webhook.model_validate(r._mapping) for r in rows[:limit]]
    return Page(items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > limit else None)


@router.get("/{webhook_id}", response_model=Webhook, summary="One subscription")
async def get_webhook(webhook_id: uuid.UUID, session: ReaderDep, caller: SubscriberDep) -> Webhook:
    return Webhook.model_validate(await _owned(session, caller, webhook_id))


@router.patch(
    "/{webhook_id}",
    response_model=Webhook,
    summary="Change the URL or filters, disable, or enable again (waiting events then go out)",
)
async def change_webhook(
    webhook_id: uuid.UUID,
    body: WebhookChange,
    request: Request,
    session: SessionDep,
    caller: SubscriberDep,
) -> Webhook:
    await _owned(session, caller, webhook_id)
    values: dict[str, Any] = {"updated_at": await database_now(session)}
    if body.url is not None:
        values["url"] = await _checked_url(request, body.url)
    if body.event_types is not None:
        values["event_types"] = sorted({full_type(t) for t in body.event_types})
    if body.enabled is True:
        values |= {"status": "active", "disabled_reason": None, "consecutive_failures": 0}
        d = webhook_deliveries.c
        await session.execute(  # what waited goes out now, in order
            update(webhook_deliveries)
            .where(d.webhook_id == webhook_id, d.status == "pending")
            .values(next_attempt_at=values["updated_at"])
        )
    elif body.enabled is False:
        values |= {"status": "disabled", "disabled_reason": "disabled by its owner"}
    row = (
        await session.execute(
            update(webhooks).where(webhooks.c.id == webhook_id).values(values).returning(webhooks)
        )
    ).one()
    await session.commit()
    return Webhook.model_validate(row._mapping)


@router.delete("/{webhook_id}", status_code=204, summary="Unsubscribe (its log goes too)")
async def delete_webhook(
    webhook_id: uuid.UUID, session: SessionDep, caller: SubscriberDep
) -> Response:
    await _owned(session, caller, webhook_id)
    await session.execute(delete(webhooks).where(webhooks.c.id == webhook_id))
    await session.commit()
    return Response(status_code=204)


@router.get(
    "/{webhook_id}/deliveries",
    response_model=Page[Delivery],
    summary="The delivery log, newest first: each event's attempts, answers and latency",
)
async def deliveries(
    webhook_id: uuid.UUID,
    session: ReaderDep,
    caller: SubscriberDep,
    status: Annotated[str | None, Query(pattern="^(pending|delivered|failed)$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> Page[Delivery]:
    await _owned(session, caller, webhook_id)
    d, e = webhook_deliveries.c, events.c
    query = (
        select(webhook_deliveries, e.event_id, e.type)
        .join(events, e.position == d.event_position)
        .where(d.webhook_id == webhook_id)
        .order_by(d.id.desc())
        .limit(limit + 1)
    )
    if status:
        query = query.where(d.status == status)
    if cursor:
        query = query.where(d.id < decode_cursor(cursor, int)[0])
    rows = (await session.execute(query)).all()[: limit + 1]
    ids = [r.id for r in rows[:limit]]
    log: dict[int, list[Attempt]] = {}
    a = webhook_attempts.c
    for attempt in await session.execute(
        select(webhook_attempts).where(a.delivery_id.in_(ids)).order_by(a.id)
    ):
        log.setdefault(attempt.delivery_id, []).append(Attempt.model_validate(attempt._mapping))
    items = [
        Delivery.model_validate({**r._mapping, "log": log.get(r.id, [])}) for r in rows[:limit]
    ]
    return Page(items=items, next_cursor=encode_cursor(ids[-1]) if len(rows) > limit else None)


@router.post(
    "/{webhook_id}/replay",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Replayed,
    summary="Send again one event, or every matching event in a time range",
)
async def replay(
    webhook_id: uuid.UUID, body: Replay, session: SessionDep, caller: SubscriberDep
) -> Replayed:
    webhook = await _owned(session, caller, webhook_id)
    owner = Caller(role=webhook["owner_role"])
    e = events.c
    query = select(e.position, e.subject).where(
        readable_by(owner), matches(webhook["event_types"], e.type)
    )
    if body.event_id is not None:
        query = query.where(e.event_id == body.event_id)
    else:
        query = query.where(e.time >= body.since)
        if body.until is not None:
            query = query.where(e.time < body.until)
    found = (await session.execute(query.order_by(e.position))).all()
    if body.event_id is not None and not found:
        raise NotFound("event for this subscription")
    now = await database_now(session)
    if found:
        await session.execute(
            insert(webhook_deliveries),
            [
                {
                    "webhook_id": webhook_id,
                    "event_position": row.position,
                    "subject": row.subject,
                    "status": "pending",
                    "next_attempt_at": now,
                    "replay": True,
                }
                for row in found
            ],
        )
    await session.commit()
    return Replayed(queued=len(found))
