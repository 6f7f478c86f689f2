"""The webhooks' SQL: subscriptions, their delivery log and replays, and the dispatcher's.

Locking order (docs/decisions/0008-webhook-secrets-streaks-and-lock-order.md): whatever
touches a subscription and its deliveries takes the subscription's row first (an update, a
delete, or a ``FOR ... UPDATE``/``FOR KEY SHARE`` read of ``webhooks``; its deliveries after,
as the cascade does), and several subscriptions in ``id`` order. The dispatcher takes both
rows at once, ``SKIP LOCKED``, and then changes only rows it holds: it never waits, so it
can meet neither a delete nor a change in a deadlock.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    Select,
    Text,
    any_,
    bindparam,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from gateway.feed.queries import wanted
from gateway.tables import events, webhook_attempts, webhook_deliveries, webhooks
from gateway.webhooks.rules import DISABLED_BY_OWNER
from gateway.webhooks.schemas import Webhook

w, d, e, a = webhooks.c, webhook_deliveries.c, events.c, webhook_attempts.c
# The ``Webhook`` schema's fields: not the secret (shown once, as ``NewWebhook``).
SHOWN = tuple(w[name] for name in Webhook.model_fields)
_webhook_id = bindparam("webhook_id", type_=w.id.type)


def _owned(statement: Any, present: frozenset[str]) -> Any:
    """Only the caller's own subscription, when ``owner_key_id`` is given (admins: any)."""
    if "owner_key_id" in present:
        return statement.where(w.owner_key_id == bindparam("owner_key_id", type_=Text))
    return statement


def _webhooks(present: frozenset[str]) -> Select[Any]:
    query: Select[Any] = _owned(select(*SHOWN), present)
    return query


WEBHOOKS = KeysetList(_webhooks, key=[w.id])
OWNED = Query(
    lambda present: _owned(select(*SHOWN, w.version).where(w.id == _webhook_id), present),
    shaped=True,
)
# The subscription kept from being deleted (not from being changed) while deliveries of it
# are queued.
KEPT = Query(
    lambda present: _owned(
        select(w.id).where(w.id == _webhook_id).with_for_update(read=True, key_share=True),
        present,
    ),
    shaped=True,
)

SUBSCRIBE = Query(
    insert(webhooks)
    .values(
        **parameters(
            webhooks, ["id", "url", "event_types", "secret_sealed", "owner_key_id", "owner_role"]
        ),
        status="active",
        created_at=func.now(),
        updated_at=func.now(),
    )
    .returning(*SHOWN, w.version)
)


def _change(present: frozenset[str]) -> Any:
    """The settings given (``url``, ``event_types``, ``enabled``), each a new version."""
    values: dict[str, Any] = {"updated_at": func.now(), "version": w.version + 1}
    if "url" in present:
        values["url"] = bindparam("url", type_=Text)
    if "event_types" in present:
        values["event_types"] = bindparam("event_types", type_=w.event_types.type)
    if "enabled" in present:
        enabled = bindparam("enabled", type_=Boolean)
        values["status"] = case((enabled, "active"), else_="disabled")
        values["disabled_reason"] = case((enabled, None), else_=DISABLED_BY_OWNER)
        values["consecutive_failures"] = case((enabled, 0), else_=w.consecutive_failures)
        values["failing_since"] = case((enabled, None), else_=w.failing_since)
    changed = update(webhooks).where(w.id == _webhook_id).values(values)
    return _owned(changed, present).returning(*SHOWN, w.version)


CHANGE = Query(_change, shaped=True)
# Enabled again: what waited for it goes out now, in order.
RELEASE = Query(
    update(webhook_deliveries)
    .where(d.webhook_id == _webhook_id, d.status == "pending")
    .values(next_attempt_at=func.now())
)
DELETE = Query(
    lambda present: _owned(delete(webhooks).where(w.id == _webhook_id), present).returning(w.id),
    shaped=True,
)


def _deliveries(present: frozenset[str]) -> Select[Any]:
    query = (
        select(
            d.id,
            e.event_id,
            e.type,
            d.subject,
            d.status,
            d.attempts,
            d.next_attempt_at,
            d.delivered_at,
            d.replay,
        )
        .join_from(webhook_deliveries, events, e.position == d.event_position)
        .where(d.webhook_id == _webhook_id)
    )
    if "status" in present:
        query = query.where(d.status == bindparam("status", type_=Text))
    return query


DELIVERIES = KeysetList(_deliveries, key=[d.id], descending=True)
ATTEMPTS = Query(
    select(a.delivery_id, a.at, a.status_code, a.latency_ms, a.error, a.response_excerpt)
    .where(a.delivery_id == any_(bindparam("delivery_ids", type_=ARRAY(BigInteger))))
    .order_by(a.id)
)


def _replay(present: frozenset[str]) -> Select[Any]:
    """Queue again the events the subscription wants: one (``event_id``) or those of a time
    range (``since``, ``until``); how many."""
    chosen = (
        select(w.id, e.position, e.subject, literal("pending"), func.now(), true())
        .where(w.id == _webhook_id, wanted(e.type))
        .order_by(e.position)
    )
    if "event_id" in present:
        chosen = chosen.where(e.event_id == bindparam("event_id", type_=e.event_id.type))
    if "since" in present:
        chosen = chosen.where(e.time >= bindparam("since", type_=e.time.type))
    if "until" in present:
        chosen = chosen.where(e.time < bindparam("until", type_=e.time.type))
    queued = (
        insert(webhook_deliveries)
        .from_select(
            ["webhook_id", "event_position", "subject", "status", "next_attempt_at", "replay"],
            chosen,
        )
        .returning(d.id)
        .cte("queued")
    )
    return select(func.count()).select_from(queued)


REPLAY = Query(_replay, shaped=True)

# The dispatcher's: the due deliveries, each after every earlier pending one of its
# subscription and subject (one event key's deliveries go out in order).
_earlier = webhook_deliveries.alias("earlier")
DUE = Query(
    select(
        d.id,
        d.webhook_id,
        d.attempts,
        d.first_attempt_at,
        w.url,
        w.secret,
        w.secret_sealed,
        w.previous_secret_sealed,
        w.previous_secret_until,
        w.consecutive_failures,
        w.failing_since,
        e.event_id,
        e.type,
        e.source,
        e.subject,
        e.time,
        e.requestid,
        e.traceparent,
        e.data,
        # The round's clock: the statement's (the same as now() in a round's own transaction,
        # which begins with it; tests run rounds inside one long transaction).
        func.statement_timestamp().label("now"),
    )
    .join_from(webhook_deliveries, webhooks, w.id == d.webhook_id)
    .join(events, e.position == d.event_position)
    .where(
        d.status == "pending",
        d.next_attempt_at <= func.statement_timestamp(),
        w.status == "active",
        ~exists().where(
            _earlier.c.webhook_id == d.webhook_id,
            _earlier.c.subject == d.subject,
            _earlier.c.status == "pending",
            _earlier.c.id < d.id,
        ),
    )
    .order_by(d.id)
    .limit(bindparam("limit", type_=BigInteger))
    .with_for_update(of=[webhook_deliveries, webhooks], skip_locked=True, key_share=True)
)
RECORD_ATTEMPT = Query(
    insert(webhook_attempts).values(
        **parameters(
            webhook_attempts,
            ["delivery_id", "at", "status_code", "latency_ms", "error", "response_excerpt"],
        )
    )
)
_delivery_id = bindparam("delivery_id", type_=d.id.type)
SETTLE = Query(
    update(webhook_deliveries)
    .where(d.id == _delivery_id)
    .values(
        **parameters(webhook_deliveries, ["attempts", "first_attempt_at", "status"]),
        delivered_at=bindparam("delivered_at", type_=d.delivered_at.type),
        next_attempt_at=func.coalesce(
            bindparam("retry_at", type_=d.next_attempt_at.type), d.next_attempt_at
        ),
    )
)
STREAK = Query(
    update(webhooks)
    .where(w.id == _webhook_id)
    .values(**parameters(webhooks, ["consecutive_failures", "failing_since"]))
)
DISABLE = Query(
    update(webhooks)
    .where(w.id == _webhook_id)
    .values(
        **parameters(webhooks, ["consecutive_failures", "failing_since", "disabled_reason"]),
        status="disabled",
        updated_at=func.now(),
        version=w.version + 1,
    )
)

# Secrets. Both a subscription's secrets sealed (binds ``sealed`` and ``previous``) and the
# clear column of an older release emptied: what a rotation and a reseal set.
_SEALED_SECRETS = {
    "secret_sealed": bindparam("sealed", type_=Text),
    "previous_secret_sealed": bindparam("previous", type_=Text),
    "secret": None,
}
# A subscription to rotate, locked first (before anything of its deliveries).
LOCKED = Query(
    select(w.id, w.owner_key_id, w.secret, w.secret_sealed, w.version)
    .where(w.id == _webhook_id)
    .with_for_update(key_share=True)
)
ROTATE = Query(
    update(webhooks)
    .where(w.id == _webhook_id)
    .values(
        **_SEALED_SECRETS,
        previous_secret_until=func.now()
        + func.make_interval(0, 0, 0, 0, 0, 0, bindparam("overlap_seconds", type_=Float)),
        updated_at=func.now(),
        version=w.version + 1,
    )
    .returning(*SHOWN, w.version, w.previous_secret_until)
)
# A clear secret (of an older release) sealed; the clear column emptied.
SEAL = Query(
    update(webhooks)
    .where(w.id == _webhook_id)
    .values(
        secret_sealed=func.coalesce(w.secret_sealed, bindparam("sealed", type_=Text)), secret=None
    )
)
# Batches of the key rotation, in id order (the one order of several subscriptions).
_batch = bindparam("limit", type_=BigInteger)
CLEAR = Query(
    select(w.id, w.secret)
    .where(w.secret.is_not(None))
    .order_by(w.id)
    .limit(_batch)
    .with_for_update(key_share=True)
)
SEALED_AFTER = Query(
    select(w.id, w.secret, w.secret_sealed, w.previous_secret_sealed)
    .where(w.id > bindparam("after", type_=w.id.type))
    .order_by(w.id)
    .limit(_batch)
    .with_for_update(key_share=True)
)
# Both secrets sealed again under the first key.
RESEAL = Query(update(webhooks).where(w.id == _webhook_id).values(**_SEALED_SECRETS))
