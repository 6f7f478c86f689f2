"""How deliveries are signed, retried and given up on, and when a subscription is disabled
(pure rules).

Deliveries follow Standard Webhooks: the structured CloudEvent JSON as the body, signed with
the subscription's secret (``webhook-signature: v1,<base64 HMAC-SHA256 of
id.timestamp.body>``; during a rotation's overlap the new secret's and the old one's,
space-separated, new first). A failed delivery is tried again with exponential backoff and
jitter until ``retry_for`` has passed since its first attempt. A subscription is disabled
when its deliveries have failed continuously for ``disable_after``: a streak is time, not a
count, so a backlog failing at once weighs no more than one delivery failing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

import orjson

MAX_BACKOFF_SECONDS = 3600.0
DISABLED_BY_OWNER = "disabled by its owner"


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def signatures(secrets_: Sequence[str], message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header: one ``v1,<sig>`` per secret, in the order given."""
    return " ".join(signature(secret, message_id, timestamp, body) for secret in secrets_)


def signing_secrets(
    current: str, previous: str | None, previous_until: datetime | None, now: datetime
) -> list[str]:
    """The secrets that sign now: the current one, and the one it replaced until the
    rotation's overlap ends."""
    if previous is not None and previous_until is not None and now < previous_until:
        return [current, previous]
    return [current]


def structured(event: Mapping[str, Any]) -> bytes:
    """The feed's event as a CloudEvent in structured JSON mode (the delivery's body)."""
    body: dict[str, Any] = {
        "specversion": "1.0",
        "id": str(event["event_id"]),
        "source": event["source"],
        "type": event["type"],
        "subject": event["subject"],
        "time": event["time"].isoformat(),
        "datacontenttype": "application/json",
        "data": event["data"],
    }
    if event["requestid"]:
        body["requestid"] = event["requestid"]
    if event.get("traceparent"):  # the distributed-tracing extension, as in Kafka
        body["traceparent"] = event["traceparent"]
    return orjson.dumps(body)


class Outcome(NamedTuple):
    """What one attempt got: an HTTP status, or an error instead."""

    status_code: int | None
    latency_ms: int
    error: str | None
    excerpt: str | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def summary(self) -> str:
        return self.error or f"HTTP {self.status_code}"


def backoff(attempts: int, base_seconds: float, jitter: float) -> timedelta:
    """The wait after ``attempts`` failed attempts: doubling from ``base_seconds``, at most an
    hour, times ``jitter`` (0.5 to 1.5, so that retries of many deliveries spread out)."""
    seconds = min(base_seconds * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS)
    return timedelta(seconds=seconds * jitter)


@dataclass(frozen=True)
class Settled:
    """A delivery after an attempt: delivered, failed for good, or pending its next try."""

    status: str
    next_attempt_at: datetime | None = None
    delivered_at: datetime | None = None


def settle(
    outcome: Outcome,
    *,
    attempts: int,
    first_attempt_at: datetime,
    now: datetime,
    base_seconds: float,
    retry_for: timedelta,
    jitter: float,
) -> Settled:
    if outcome.ok:
        return Settled("delivered", delivered_at=now)
    if now - first_attempt_at >= retry_for:
        return Settled("failed")
    return Settled("pending", next_attempt_at=now + backoff(attempts, base_seconds, jitter))


def failing_since(
    since: datetime | None, outcomes: Sequence[Outcome], now: datetime
) -> datetime | None:
    """When the subscription's failure streak began after a round's ``outcomes`` (None: it
    is not failing). Any success ends the streak: the endpoint answers; a round that only
    failed starts one now, or goes on with the one it had."""
    if any(outcome.ok for outcome in outcomes):
        return None
    return since or now


def should_disable(since: datetime | None, now: datetime, disable_after: timedelta) -> bool:
    """Disabled once a delivery fails when the streak has lasted ``disable_after``."""
    return since is not None and now - since >= disable_after


def disabled_reason(since: datetime, now: datetime, last: Outcome) -> str:
    return (
        f"its deliveries failed continuously for {_lasted(now - since)} since "
        f"{since.isoformat(timespec='seconds')} (last: {last.summary}); enable it again when "
        "fixed"
    )


def _lasted(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "min"), (seconds, "s")]
    shown = [f"{n} {unit}" for n, unit in parts if n]
    return " ".join(shown[:2]) or "0 s"
