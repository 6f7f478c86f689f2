"""How deliveries are signed, retried and given up on, and when a subscription is disabled
(pure rules).

Deliveries follow Standard Webhooks: the structured CloudEvent JSON as the body, signed with
the subscription's secret (``webhook-signature: v1,<base64 HMAC-SHA256 of
id.timestamp.body>``). A failed delivery is tried again with exponential backoff and jitter
until ``retry_for`` has passed since its first attempt; a subscription whose deliveries
failed ``threshold`` times in a row is disabled.
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


def failures_in_a_row(
    count: int, outcomes: Sequence[Outcome], threshold: int
) -> tuple[int, Outcome | None]:
    """A subscription's failures in a row after ``outcomes`` (in delivery order), and the
    outcome with which they reached ``threshold`` (None: they did not; it stays active)."""
    reached = None
    for outcome in outcomes:
        count = 0 if outcome.ok else count + 1
        if count == threshold:
            reached = outcome
    return count, reached


def disabled_reason(failures: int, last: Outcome) -> str:
    return (
        f"{failures} deliveries failed in a row (last: {last.summary}); enable it again when fixed"
    )
