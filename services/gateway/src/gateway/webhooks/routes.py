"""``/api/v1/webhooks``: subscriptions (procurement or admin keys) to the platform's
events, their secrets, their delivery log, and replays."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from fastapi import Query, Request, Response
from pydantic import Field

from clusterkit.app import ReadDep, WriteDep, settings_of
from clusterkit.conditional import IfMatchDep, etag
from clusterkit.listing import PageDep, PageQuery
from clusterkit.pagination import Page
from clusterkit.routing import Router
from gateway.settings import GatewaySettings
from gateway.webhooks import queries, service
from gateway.webhooks.access import SubscriberDep, owned_by
from gateway.webhooks.schemas import (
    Delivery,
    NewWebhook,
    Replay,
    Replayed,
    RotatedWebhook,
    Webhook,
    WebhookChange,
    WebhookIn,
)
from gateway.webhooks.sealing import box_of

router = Router(prefix="/api/v1/webhooks", tags=["webhooks"])


Shown = TypeVar("Shown", bound=Webhook)


def _tagged(response: Response, row: Mapping[str, Any], model: type[Shown]) -> Shown:
    """The subscription as answered, with its version as the ``ETag``."""
    response.headers["ETag"] = etag(row["version"])
    return model.model_validate(dict(row))


@router.post("", status_code=201, response_model=NewWebhook, summary="Subscribe")
async def subscribe(
    body: WebhookIn,
    request: Request,
    response: Response,
    caller: SubscriberDep,
    write: WriteDep,
) -> NewWebhook:
    settings = settings_of(request, GatewaySettings)
    url = await service.callable_url(body.url, settings)
    row = await write(
        service.subscribe, url=url, event_types=body.event_types, box=box_of(settings)
    )
    return _tagged(response, row, NewWebhook)


@router.get("", response_model=Page[Webhook], summary="Your subscriptions (admin: all)")
async def list_webhooks(caller: SubscriberDep, read: ReadDep, page: PageDep) -> Response:
    return await queries.WEBHOOKS.page(read, page, **owned_by(caller))


@router.get("/{webhook_id}", response_model=Webhook, summary="One subscription")
async def get_webhook(
    webhook_id: uuid.UUID, response: Response, caller: SubscriberDep, read: ReadDep
) -> Webhook:
    row = await service.subscription(read, caller, webhook_id)
    return _tagged(response, row, Webhook)


@router.patch(
    "/{webhook_id}",
    response_model=Webhook,
    summary="Change the URL or filters, disable, or enable again (waiting events then go out)",
)
async def change_webhook(
    webhook_id: uuid.UUID,
    body: WebhookChange,
    request: Request,
    response: Response,
    caller: SubscriberDep,
    if_match: IfMatchDep,
    write: WriteDep,
) -> Webhook:
    url = body.url
    if url is not None:
        url = await service.callable_url(url, settings_of(request, GatewaySettings))
    row = await write(
        service.change,
        webhook_id=webhook_id,
        if_match=if_match,
        url=url,
        event_types=body.event_types,
        enabled=body.enabled,
    )
    return _tagged(response, row, Webhook)


@router.post(
    "/{webhook_id}/secret/rotate",
    response_model=RotatedWebhook,
    summary="A new signing secret (shown once); the old one signs too during the overlap",
)
async def rotate_secret(
    webhook_id: uuid.UUID,
    request: Request,
    response: Response,
    caller: SubscriberDep,
    if_match: IfMatchDep,
    write: WriteDep,
) -> RotatedWebhook:
    settings = settings_of(request, GatewaySettings)
    row = await write(
        service.rotate_secret,
        webhook_id=webhook_id,
        if_match=if_match,
        box=box_of(settings),
        overlap=settings.webhook_secret_overlap_seconds,
    )
    return _tagged(response, row, RotatedWebhook)


@router.delete("/{webhook_id}", status_code=204, summary="Unsubscribe (its log goes too)")
async def delete_webhook(webhook_id: uuid.UUID, caller: SubscriberDep, write: WriteDep) -> Response:
    await write(service.unsubscribe, webhook_id=webhook_id)
    return Response(status_code=204)


class DeliveryQuery(PageQuery):
    """The deliveries' status asked for, and the paging."""

    status: str | None = Field(None, pattern="^(pending|delivered|failed)$")


@router.get(
    "/{webhook_id}/deliveries",
    response_model=Page[Delivery],
    summary="The delivery log, newest first: each event's attempts, answers and latency",
)
async def deliveries(
    webhook_id: uuid.UUID,
    caller: SubscriberDep,
    read: ReadDep,
    query: Annotated[DeliveryQuery, Query()],
) -> Response:
    return await service.deliveries(
        read, caller, webhook_id, status=query.status, limit=query.limit, cursor=query.cursor
    )


@router.post(
    "/{webhook_id}/replay",
    status_code=202,
    response_model=Replayed,
    summary="Send again one event, or every matching event in a time range",
)
async def replay(
    webhook_id: uuid.UUID, body: Replay, caller: SubscriberDep, write: WriteDep
) -> Replayed:
    queued = await write(
        service.replay,
        webhook_id=webhook_id,
        event_id=body.event_id,
        since=body.since,
        until=body.until,
    )
    return Replayed(queued=queued)
