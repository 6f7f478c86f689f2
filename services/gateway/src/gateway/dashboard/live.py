"""Recent events for everyone: the gateway's feed reduced to what is public (a label for the
event's type and its time; never the subject, the payload or who it is about), live over
server-sent events."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Any

import orjson

from clusterkit.database import Database
from clusterkit.i18n import N_, gettext
from clusterkit.sql import SQL, Row
from gateway.dashboard.queries import AFTER, LAST_POSITION, LATEST
from gateway.feed.rules import PREFIX

LABELS = {
    "membership.application.submitted": N_("A company applied for membership"),
    "membership.application.review_started": N_("An application is under review"),
    "membership.application.info_requested": N_("More information was asked of an applicant"),
    "membership.application.responded": N_("An applicant answered"),
    "membership.application.approved": N_("An application was approved"),
    "membership.application.rejected": N_("An application was rejected"),
    "membership.application.withdrawn": N_("An application was withdrawn"),
    "membership.member.admitted": N_("A new member joined the cluster"),
    "membership.member.updated": N_("A member's registry entry changed"),
    "membership.member.quota_changed": N_("A member's cathode quota changed"),
    "membership.member.suspended": N_("A member was suspended"),
    "membership.member.reinstated": N_("A member was reinstated"),
    "membership.member.expelled": N_("A member was expelled"),
    "production.report.submitted": N_("A production report was filed"),
    "production.report.revised": N_("A production report was revised"),
    "production.report.returned": N_("A production report was returned to be revised"),
    "production.report.due": N_("A monthly production report falls due"),
    "production.plan.set": N_("A production plan was set"),
    "production.period.locked": N_("A reporting period was closed"),
    "production.deep_processing.updated": N_("The deep-processing share was updated"),
    "supply.supplier.registered": N_("A supplier registered"),
    "supply.supplier.verified": N_("A supplier was verified"),
    "supply.supplier.suspended": N_("A supplier was suspended"),
    "supply.supplier.reinstated": N_("A supplier was reinstated"),
    "supply.supplier.certificate_expiring": N_(
        "A supplier's local-production certificate expires soon"
    ),
    "supply.item.listed": N_("A new item in the supply catalogue"),
    "supply.item.updated": N_("A catalogue item changed"),
    "supply.item.price_changed": N_("A catalogue price changed"),
    "supply.item.delisted": N_("An item left the catalogue"),
    "supply.request.opened": N_("A member asked suppliers for quotes"),
    "supply.request.closed": N_("A supply request was closed"),
    "supply.request.cancelled": N_("A supply request was cancelled"),
    "supply.offer.submitted": N_("A supplier made an offer"),
    "supply.offer.replaced": N_("A supplier revised an offer"),
    "supply.offer.withdrawn": N_("An offer was withdrawn"),
    "supply.offer.declined": N_("An offer was declined"),
    "supply.order.placed": N_("A supply order was placed"),
    "supply.order.confirmed": N_("A supply order was confirmed"),
    "supply.order.shipped": N_("A supply order was shipped"),
    "supply.order.delivered": N_("A supply order was delivered"),
    "supply.order.cancelled": N_("A supply order was cancelled"),
}
TASHKENT = timezone(timedelta(hours=5))  # the times people read are Tashkent's (UTC+5)
POLL_SECONDS = 1.0
KEEPALIVE_SECONDS = 15.0
# A stream ends after this long and the browser reconnects (with Last-Event-ID): no
# connection is held for ever, and a rolled gateway instance sheds its clients.
STREAM_SECONDS = 300.0
RETRY_MILLISECONDS = 3000
MAX_STREAMS = 200
BATCH = 50


def short_type(full: str) -> str:
    """``uz.coppercluster.supply.order.placed.v1`` -> ``supply.order.placed``."""
    name = full.removeprefix(PREFIX)
    head, _, version = name.rpartition(".")
    return head if version.startswith("v") and version[1:].isdigit() else name


def public(position: int, type_: str, at: datetime, language: str | None = None) -> dict[str, Any]:
    """What everyone may see of an event: a label for its type, and when."""
    kind = short_type(type_)
    return {
        "position": position,
        "type": kind,
        "label": gettext(language, LABELS[kind])
        if kind in LABELS
        else kind.replace("_", " ").replace(".", ": "),
        "time": at.astimezone(TASHKENT).isoformat(),
    }


def _public(row: Row, language: str | None = None) -> dict[str, Any]:
    return public(row["position"], row["type"], row["time"], language)


# Each read takes a pool connection for itself only: a stream lasts minutes.
async def latest(database: Database, limit: int = 10) -> list[dict[str, Any]]:
    """The newest public events, newest first."""
    async with database.connection() as connection:
        rows = await SQL(connection).fetch(LATEST, limit=limit)
    return [_public(row) for row in rows]


async def last_position(database: Database) -> int:
    async with database.connection() as connection:
        found = await SQL(connection).value(LAST_POSITION)
    return int(found or 0)


async def after(
    database: Database, position: int, language: str | None = None
) -> list[dict[str, Any]]:
    async with database.connection() as connection:
        rows = await SQL(connection).fetch(AFTER, position=position, limit=BATCH)
    return [_public(row, language) for row in rows]


class Streams:
    """Counts open streams so that they stay bounded."""

    def __init__(self, limit: int = MAX_STREAMS):
        self.limit = limit
        self.open = 0


async def stream(
    database: Database,
    start: int,
    disconnected: Any,
    *,
    poll: float = POLL_SECONDS,
    keepalive: float = KEEPALIVE_SECONDS,
    lasting: float = STREAM_SECONDS,
    language: str | None = None,
) -> AsyncIterator[bytes]:
    """SSE frames: ``retry``, then each new event as ``event: feed`` with its position as
    ``id``, a comment every ``keepalive`` seconds, until ``lasting`` seconds have passed."""
    yield f"retry: {RETRY_MILLISECONDS}\n: connected\n\n".encode()
    position = start
    ends = time.monotonic() + lasting
    quiet_since = time.monotonic()
    while time.monotonic() < ends:
        if await disconnected():
            return
        for item in await after(database, position, language):
            position = item["position"]
            quiet_since = time.monotonic()
            yield b"id: %d\nevent: feed\ndata: %s\n\n" % (position, orjson.dumps(item))
        if time.monotonic() - quiet_since >= keepalive:
            quiet_since = time.monotonic()
            yield b": keep-alive\n\n"
        await asyncio.sleep(poll)
