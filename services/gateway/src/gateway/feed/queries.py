"""The feed's SQL: the cursor list, and storing an event with the deliveries it makes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Select,
    Text,
    and_,
    any_,
    bindparam,
    cast,
    false,
    func,
    insert,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.sql.elements import ColumnElement

from clusterkit.listing import KeysetList
from clusterkit.sql import Query, parameters
from gateway.feed.rules import SUPPLY
from gateway.tables import events, webhook_deliveries, webhooks

# Taken by every writer of the feed, held to commit: positions are then committed in the
# order they are given out, whatever the number of gateway instances.
FEED_LOCK = 0x636F_7070_6572  # "copper"

e = events.c


def starts_with(text: ColumnElement[str], prefix: Any) -> ColumnElement[bool]:
    """``text ^@ prefix`` (no LIKE, so ``_`` and ``%`` in a prefix are plain characters)."""
    return text.op("^@")(prefix)


def wanted(type_: ColumnElement[str]) -> ColumnElement[bool]:
    """A subscription (``webhooks`` row) wants an event of ``type_``: one of its type
    prefixes (or none) matches, and its owner may read it (an admin every event,
    procurement supply's)."""
    w = webhooks.c
    return and_(
        or_(func.cardinality(w.event_types) == 0, starts_with(type_, any_(w.event_types))),
        or_(w.owner_role == "admin", starts_with(type_, literal(SUPPLY))),
    )


def _feed(present: frozenset[str]) -> Select[Any]:
    query = select(e.position, e.event_id, e.source, e.type, e.subject, e.time, e.requestid, e.data)
    if "type_prefix" in present:
        query = query.where(starts_with(e.type, bindparam("type_prefix", type_=Text)))
    if "party" in present:
        party = cast(array([bindparam("party", type_=Text)]), ARRAY(Text))
        query = query.where(e.parties.contains(party))  # @>: the GIN index's operator
    if "nothing" in present:
        query = query.where(false())
    if "types" in present:
        query = query.where(starts_with(e.type, any_(bindparam("types", type_=ARRAY(Text)))))
    return query


def feed_event(row: Any) -> dict[str, Any]:
    """A CloudEvent in structured mode (the ``FeedEvent`` schema)."""
    return {
        "specversion": "1.0",
        "id": row["event_id"],
        "source": row["source"],
        "type": row["type"],
        "subject": row["subject"],
        "time": row["time"],
        "datacontenttype": "application/json",
        "requestid": row["requestid"],
        "data": row["data"],
    }


# Filters: ``type_prefix``, ``party`` or ``nothing`` (see rules.readable_by), ``types``.
FEED = KeysetList(_feed, key=[e.position])

_STORED = (
    "event_id",
    "topic",
    "type",
    "source",
    "subject",
    "time",
    "requestid",
    "traceparent",
    "data",
)
_lock = select(
    func.pg_advisory_xact_lock(bindparam("lock", type_=BigInteger)).label("locked")
).subquery("feed_lock")
_stored = (
    upsert(events)
    .from_select(
        [*_STORED, "parties"],
        # Selected from the lock, so it is held before the position is given out.
        select(*parameters(events, [*_STORED, "parties"]).values()).select_from(_lock),
    )
    .on_conflict_do_nothing(index_elements=["event_id"])
    .returning(e.position)
    .cte("stored")
)
# One event into the feed (nothing if it is there already) and one pending delivery for
# every subscription that wants it, disabled ones too (they get it once enabled again).
STORE = Query(
    insert(webhook_deliveries)
    .from_select(
        ["webhook_id", "event_position", "subject", "status", "next_attempt_at"],
        select(
            webhooks.c.id,
            _stored.c.position,
            bindparam("subject", type_=Text),
            literal("pending"),
            func.now(),
        )
        .where(wanted(bindparam("type", type_=Text)))
        # Each subscription kept from a concurrent delete (which it waits for, and then
        # skips the row) rather than failing the deliveries' foreign key after it.
        .with_for_update(of=webhooks, read=True, key_share=True),
    )
    .add_cte(_stored)
)
