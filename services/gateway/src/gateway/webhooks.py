"""Webhook delivery, per Standard Webhooks: the structured CloudEvent JSON as the body,
signed with the subscription's secret (``webhook-id``, ``webhook-timestamp``,
``webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>``).

The dispatcher (one per gateway instance; rows claimed with SKIP LOCKED) sends each
subscription's events in order per event key: a delivery waits while an earlier one for the
same subject is pending. Failures retry with exponential backoff and jitter for
``webhook_retry_for_hours``; a subscription that keeps failing is disabled with its reason
and a ``webhook.disabled`` event, and what arrives meanwhile waits for it to be enabled.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import logging
import random
import secrets
import socket
import time
import uuid
from datetime import datetime, timedelta
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import aiohttp
import orjson
from sqlalchemy import Row, func, insert, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from clusterkit.app import ServiceRuntime
from clusterkit.db import Database, database_now
from clusterkit.events import CloudEvent
from gateway.feed import store_event
from gateway.models import webhook_attempts, webhook_deliveries, webhooks
from gateway.settings import GatewaySettings

log = logging.getLogger("gateway.webhooks")

WEBHOOK_DISABLED = "uz.coppercluster.gateway.webhook.disabled.v1"
MAX_BACKOFF_SECONDS = 3600.0
EXCERPT_CHARS = 500

DUE = text("""
SELECT d.id, d.webhook_id, d.attempts, d.first_attempt_at, w.url, w.secret,
       e.event_id, e.type, e.source, e.subject, e.time, e.requestid, e.data
FROM gateway.webhook_deliveries d
JOIN gateway.webhooks w ON w.id = d.webhook_id
JOIN gateway.events e ON e.position = d.event_position
WHERE d.status = 'pending' AND d.next_attempt_at <= statement_timestamp()
  AND w.status = 'active'
  AND NOT EXISTS (
      SELECT 1 FROM gateway.webhook_deliveries b
      WHERE b.webhook_id = d.webhook_id AND b.subject = d.subject
        AND b.status = 'pending' AND b.id < d.id)
ORDER BY d.id
LIMIT :limit
FOR UPDATE OF d SKIP LOCKED
""")


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def structured(event: Row[Any]) -> bytes:
    """The CloudEvent in structured JSON mode."""
    body: dict[str, Any] = {
        "specversion": "1.0",
        "id": str(event.event_id),
        "source": event.source,
        "type": event.type,
        "subject": event.subject,
        "time": event.time.isoformat(),
        "datacontenttype": "application/json",
        "data": event.data,
    }
    if event.requestid:
        body["requestid"] = event.requestid
    return orjson.dumps(body)


async def refusal(url: str, settings: GatewaySettings) -> str | None:
    """Why ``url`` may not be called (SSRF guard), or None when it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "only http and https URLs with a host name are called"
    if settings.webhook_allow_private_addresses:
        return None
    host = parts.hostname.lower()
    internal = {urlsplit(u).hostname for u in settings.upstreams().values()} | {"localhost"}
    if host in internal:
        return "the platform's own addresses are not called"
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError):
        return f"{host} does not resolve"
    for *_, address in infos:
        ip = ipaddress.ip_address(address[0])
        if not ip.is_global:
            return f"{host} resolves to a non-public address ({ip})"
    return None


class Outcome(NamedTuple):
    status_code: int | None
    latency_ms: int
    error: str | None
    excerpt: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class Dispatcher:
    def __init__(self, database: Database, settings: GatewaySettings, batch: int = 20):
        self.database = database
        self.settings = settings
        self.batch = batch

    async def run(self) -> None:
        """Deliver until cancelled; a failing round is logged and the loop goes on."""
        async with aiohttp.ClientSession() as http:
            while True:
                try:
                    sent = await self.deliver_due(http)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("webhook round failed")
                    sent = 0
                if not sent:
                    await asyncio.sleep(self.settings.webhook_poll_seconds)

    async def deliver_due(self, http: aiohttp.ClientSession) -> int:
        async with self.database.session() as session:
            due = (await session.execute(DUE, {"limit": self.batch})).all()
            if not due:
                return 0
            outcomes = await asyncio.gather(*(self.attempt(http, row) for row in due))
            for row, outcome in zip(due, outcomes, strict=True):
                await self.record(session, row, outcome)
            await session.commit()
        return len(due)

    async def attempt(self, http: aiohttp.ClientSession, row: Row[Any]) -> Outcome:
        blocked = await refusal(row.url, self.settings)
        if blocked:
            return Outcome(None, 0, f"not called: {blocked}", None)
        body = structured(row)
        timestamp = int(time.time())
        headers = {
            "content-type": "application/cloudevents+json",
            "user-agent": "CopperCluster-Webhooks/1",
            "webhook-id": str(row.event_id),
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature(row.secret, str(row.event_id), timestamp, body),
        }
        started = time.perf_counter()

        def elapsed() -> int:
            return round((time.perf_counter() - started) * 1000)

        try:
            async with http.post(
                row.url,
                data=body,
                headers=headers,
                allow_redirects=False,  # a redirect could lead past the SSRF guard
                timeout=aiohttp.ClientTimeout(total=self.settings.webhook_timeout_seconds),
            ) as response:
                head = await response.content.read(self.settings.webhook_max_response_bytes)
                excerpt = head.decode("utf-8", errors="replace")[:EXCERPT_CHARS]
                return Outcome(response.status, elapsed(), None, excerpt)
        except TimeoutError:
            return Outcome(None, elapsed(), "timed out", None)
        except aiohttp.ClientError as exc:
            return Outcome(None, elapsed(), f"{type(exc).__name__}: {exc}"[:300], None)

    def backoff(self, attempts: int) -> timedelta:
        base = self.settings.webhook_retry_base_seconds * 2 ** (attempts - 1)
        return timedelta(seconds=min(base, MAX_BACKOFF_SECONDS) * random.uniform(0.5, 1.5))  # noqa: S311

    async def record(self, session: AsyncSession, row: Row[Any], outcome: Outcome) -> None:
        now = await database_now(session)
        await session.execute(
            insert(webhook_attempts).values(
                delivery_id=row.id,
                at=now,
                status_code=outcome.status_code,
                latency_ms=outcome.latency_ms,
                error=outcome.error,
                response_excerpt=outcome.excerpt,
            )
        )
        attempts = row.attempts + 1
        first = row.first_attempt_at or now
        d = webhook_deliveries.c
        if outcome.ok:
            values: dict[str, Any] = {"status": "delivered", "delivered_at": now}
        elif now - first >= timedelta(hours=self.settings.webhook_retry_for_hours):
            values = {"status": "failed"}
        else:
            values = {"next_attempt_at": now + self.backoff(attempts)}
        await session.execute(
            update(webhook_deliveries)
            .where(d.id == row.id)
            .values(attempts=attempts, first_attempt_at=first, **values)
        )
        w = webhooks.c
        if outcome.ok:
            await session.execute(
                update(webhooks).where(w.id == row.webhook_id).values(consecutive_failures=0)
            )
            return
        failures = await session.scalar(
            update(webhooks)
            .where(w.id == row.webhook_id)
            .values(consecutive_failures=w.consecutive_failures + 1)
            .returning(w.consecutive_failures)
        )
        if failures is not None and failures == self.settings.webhook_disable_after_failures:
            await disable(session, row.webhook_id, row.url, failures, outcome, now)


async def disable(
    session: AsyncSession,
    webhook_id: uuid.UUID,
    url: str,
    failures: int,
    outcome: Outcome,
    now: datetime,
) -> None:
    last = outcome.error or f"HTTP {outcome.status_code}"
    reason = f"{failures} deliveries failed in a row (last: {last}); enable it again when fixed"
    await session.execute(
        update(webhooks)
        .where(webhooks.c.id == webhook_id)
        .values(status="disabled", disabled_reason=reason, updated_at=func.now())
    )
    log.warning("webhook disabled", extra={"webhook_id": str(webhook_id), "reason": reason})
    await store_event(
        session,
        CloudEvent(
            type=WEBHOOK_DISABLED,
            source="/coppercluster/gateway",
            subject=str(webhook_id),
            data={"webhook_id": str(webhook_id), "url": url, "reason": reason},
            time=now,
        ),
    )


def webhook_dispatcher(runtime: ServiceRuntime) -> Any:
    settings = runtime.settings
    assert isinstance(settings, GatewaySettings)
    return Dispatcher(runtime.legacy, settings).run()
