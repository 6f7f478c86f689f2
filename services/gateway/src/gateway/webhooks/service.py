"""Subscriptions: subscribe, read, change, rotate the secret, unsubscribe, the delivery log
and replays."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from starlette.responses import Response

from clusterkit.auth import Caller
from clusterkit.conditional import IfMatch
from clusterkit.errors import Forbidden, InvalidFields, NotFound
from clusterkit.i18n import N_
from clusterkit.listing import page_response
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from gateway.feed.rules import subscribed_types
from gateway.settings import GatewaySettings
from gateway.webhooks import queries
from gateway.webhooks.access import owned_by
from gateway.webhooks.destinations import refusal
from gateway.webhooks.rules import new_secret
from gateway.webhooks.sealing import SecretBox


async def callable_url(url: str, settings: GatewaySettings) -> str:
    """``url`` if webhooks may call it (checked before a transaction: it resolves the name)."""
    reason = await refusal(url, settings)
    if reason:
        raise InvalidFields(("url", *reason))
    return url


async def subscribe(
    uow: UnitOfWork, *, url: str, event_types: list[str], box: SecretBox
) -> dict[str, Any]:
    """A new subscription of the caller's key, with its secret (shown once, stored sealed)."""
    secret = new_secret()
    row = await uow.one(
        queries.SUBSCRIBE,
        id=uuid.uuid4(),
        url=url,
        event_types=subscribed_types(event_types),
        secret_sealed=box.seal(secret),
        owner_key_id=uow.caller.key_id,
        owner_role=uow.caller.role,
    )
    assert row is not None
    return {**row, "secret": secret}


async def rotate_secret(
    uow: UnitOfWork, *, webhook_id: uuid.UUID, if_match: IfMatch, box: SecretBox, overlap: float
) -> dict[str, Any]:
    """A new secret (shown once); the one it replaces keeps signing beside it for
    ``overlap`` seconds. Another owner's subscription is refused (403): rotating is the
    owner's or an admin's."""
    # The row first: lock order.
    row = await uow.found(
        queries.LOCKED, "webhook", N_("No webhook with this id."), webhook_id=webhook_id
    )
    if not uow.caller.is_admin and row["owner_key_id"] != uow.caller.key_id:
        raise Forbidden(N_("Only the subscription's owner or an admin rotates its secret."))
    if if_match.given:
        if_match.check(row["version"])
    previous = row["secret_sealed"] or box.seal(row["secret"])  # a clear one of before
    secret = new_secret()
    rotated = await uow.one(
        queries.ROTATE,
        webhook_id=webhook_id,
        sealed=box.seal(secret),
        previous=previous,
        overlap_seconds=overlap,
    )
    assert rotated is not None
    return {**rotated, "secret": secret}


async def subscription(read: SQL, caller: Caller, webhook_id: uuid.UUID) -> Row:
    return await read.found(
        queries.OWNED,
        "webhook",
        N_("No webhook with this id."),
        webhook_id=webhook_id,
        **owned_by(caller),
    )


async def change(
    uow: UnitOfWork,
    *,
    webhook_id: uuid.UUID,
    if_match: IfMatch,
    url: str | None = None,
    event_types: list[str] | None = None,
    enabled: bool | None = None,
) -> Row:
    """Change what is given; enabled again, what waited for it goes out now. With
    ``if_match``, only if it names the version this change was made against."""
    row = await uow.one(
        queries.CHANGE,
        webhook_id=webhook_id,
        url=url,
        event_types=None if event_types is None else subscribed_types(event_types),
        enabled=enabled,
        **owned_by(uow.caller),
    )
    if row is None:
        raise NotFound("webhook", N_("No webhook with this id."))
    if if_match.given:  # optional here: a change may name its version, need not
        if_match.check(row["version"] - 1)  # the version it had: a mismatch rolls back
    if enabled:
        await uow.execute(queries.RELEASE, webhook_id=webhook_id)
    return row


async def unsubscribe(uow: UnitOfWork, *, webhook_id: uuid.UUID) -> None:
    """The subscription goes, and its deliveries and their log with it."""
    if await uow.value(queries.DELETE, webhook_id=webhook_id, **owned_by(uow.caller)) is None:
        raise NotFound("webhook", N_("No webhook with this id."))


async def deliveries(
    read: SQL,
    caller: Caller,
    webhook_id: uuid.UUID,
    *,
    status: str | None,
    limit: int,
    cursor: str | None,
) -> Response:
    """The delivery log, newest first, each delivery with its attempts."""
    await subscription(read, caller, webhook_id)
    rows, next_cursor = await queries.DELIVERIES.rows(
        read, limit=limit, cursor=cursor, webhook_id=webhook_id, status=status
    )
    log: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    if rows:
        for attempt in await read.fetch(queries.ATTEMPTS, delivery_ids=list(log)):
            found = dict(attempt)
            log[found.pop("delivery_id")].append(found)
    return page_response([{**row, "log": log[row["id"]]} for row in rows], next_cursor)


async def replay(
    uow: UnitOfWork,
    *,
    webhook_id: uuid.UUID,
    event_id: uuid.UUID | None,
    since: datetime | None,
    until: datetime | None,
) -> int:
    """Queue again one event, or those of a time range, that the subscription wants; how
    many were queued. The subscription's row is locked first (``FOR KEY SHARE``: a delete
    waits for the replay, or the replay finds it gone), as every path takes it before its
    deliveries."""
    if await uow.one(queries.KEPT, webhook_id=webhook_id, **owned_by(uow.caller)) is None:
        raise NotFound("webhook", N_("No webhook with this id."))
    queued: int = await uow.value(
        queries.REPLAY, webhook_id=webhook_id, event_id=event_id, since=since, until=until
    )
    if event_id is not None and not queued:
        raise NotFound(
            "event for this subscription", N_("No event for this subscription with this id.")
        )
    return queued
