"""Signing (checked with the ``standardwebhooks`` library), the retry schedule and when a
subscription is disabled."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from gateway.webhooks.rules import (
    MAX_BACKOFF_SECONDS,
    Outcome,
    Settled,
    backoff,
    disabled_reason,
    failing_since,
    new_secret,
    settle,
    should_disable,
    signature,
    signatures,
    signing_secrets,
    structured,
)

NOW = datetime(2025, 3, 1, 12, tzinfo=UTC)
OK = Outcome(204, 10, None, "")
DOWN = Outcome(503, 12, None, "maintenance")
REFUSED = Outcome(None, 3, "ClientConnectorError: refused", None)


def test_the_signature_is_standard_webhooks_hmac_of_id_timestamp_and_body() -> None:
    secret = new_secret()
    assert secret.startswith("whsec_")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    assert len(key) == 24
    body = b'{"a":1}'
    expected = base64.b64encode(
        hmac.new(key, b"msg-1.1700000000." + body, hashlib.sha256).digest()
    ).decode()
    assert signature(secret, "msg-1", 1700000000, body) == f"v1,{expected}"
    assert signature(secret, "msg-1", 1700000001, body) != f"v1,{expected}"
    assert new_secret() != secret


def test_the_body_is_the_structured_cloudevent() -> None:
    event_id = uuid.uuid4()
    row = {
        "event_id": event_id,
        "source": "/coppercluster/supply",
        "type": "uz.coppercluster.supply.order.placed.v1",
        "subject": "o-1",
        "time": NOW,
        "requestid": None,
        "data": {"order_id": "o-1"},
    }
    body = json.loads(structured(row))
    assert body == {
        "specversion": "1.0",
        "id": str(event_id),
        "source": "/coppercluster/supply",
        "type": "uz.coppercluster.supply.order.placed.v1",
        "subject": "o-1",
        "time": "2025-03-01T12:00:00+00:00",
        "datacontenttype": "application/json",
        "data": {"order_id": "o-1"},
    }
    assert json.loads(structured({**row, "requestid": "r-1"}))["requestid"] == "r-1"


def test_retries_back_off_exponentially_with_jitter_up_to_an_hour() -> None:
    assert [backoff(n, 5, 1.0).total_seconds() for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert backoff(2, 5, 0.5).total_seconds() == 5
    assert backoff(2, 5, 1.5).total_seconds() == 15
    assert backoff(30, 5, 1.0).total_seconds() == MAX_BACKOFF_SECONDS


def test_a_delivery_is_delivered_retried_or_given_up_after_its_window() -> None:
    window = {"base_seconds": 5.0, "retry_for": timedelta(hours=24), "jitter": 1.0}
    assert settle(OK, attempts=3, first_attempt_at=NOW, now=NOW, **window) == Settled(
        "delivered", delivered_at=NOW
    )
    retried = settle(DOWN, attempts=3, first_attempt_at=NOW, now=NOW, **window)
    assert retried == Settled("pending", next_attempt_at=NOW + timedelta(seconds=20))
    late = NOW + timedelta(hours=24)
    assert settle(REFUSED, attempts=9, first_attempt_at=NOW, now=late, **window) == Settled(
        "failed"
    )


def test_a_streak_begins_with_a_failed_round_and_ends_with_any_success() -> None:
    earlier = NOW - timedelta(hours=3)
    assert failing_since(None, [DOWN, REFUSED], NOW) == NOW  # the streak begins
    assert failing_since(earlier, [DOWN], NOW) == earlier  # and goes on
    assert failing_since(earlier, [DOWN, OK, DOWN], NOW) is None  # the endpoint answers
    assert failing_since(None, [OK], NOW) is None


def test_a_subscription_is_disabled_once_its_streak_lasted_the_setting() -> None:
    after = timedelta(days=5)
    assert not should_disable(None, NOW, after)
    assert not should_disable(NOW - timedelta(days=4, hours=23), NOW, after)
    assert should_disable(NOW - after, NOW, after)
    assert should_disable(NOW - timedelta(days=9), NOW, after)


def test_a_backlog_failing_at_once_counts_as_time_not_as_a_count() -> None:
    """80 queued deliveries failing in 4 rounds within a minute: the streak is a minute old,
    nowhere near 5 days, however many failed."""
    since = None
    for second in (0, 10, 20, 50):
        now = NOW + timedelta(seconds=second)
        since = failing_since(since, [DOWN] * 20, now)
        assert not should_disable(since, now, timedelta(days=5))
    assert since == NOW


def test_the_reason_names_how_long_since_when_and_the_last_answer() -> None:
    since = NOW - timedelta(days=5, hours=2, minutes=3)
    assert disabled_reason(since, NOW, DOWN) == (
        "its deliveries failed continuously for 5 d 2 h since 2025-02-24T09:57:00+00:00 "
        "(last: HTTP 503); enable it again when fixed"
    )
    assert "for 2 s since" in disabled_reason(NOW - timedelta(seconds=2.4), NOW, REFUSED)
    assert "(last: ClientConnectorError: refused)" in disabled_reason(since, NOW, REFUSED)
    assert OK.ok
    assert not DOWN.ok
    assert not REFUSED.ok


def test_during_the_overlap_both_secrets_sign_new_first_and_both_verify() -> None:
    old, new = new_secret(), new_secret()
    until = NOW + timedelta(hours=24)
    assert signing_secrets(new, old, until, NOW) == [new, old]
    assert signing_secrets(new, old, until, until) == [new]
    assert signing_secrets(new, None, None, NOW) == [new]
    body = b'{"specversion":"1.0"}'
    timestamp = int(datetime.now(UTC).timestamp())
    header = signatures([new, old], "msg-1", timestamp, body)
    assert header.split(" ") == [
        signature(new, "msg-1", timestamp, body),
        signature(old, "msg-1", timestamp, body),
    ]
    headers = {"webhook-id": "msg-1", "webhook-timestamp": str(timestamp)}
    for secret in (new, old):
        Webhook(secret).verify(body, {**headers, "webhook-signature": header})
    after = signatures(signing_secrets(new, old, until, until), "msg-1", timestamp, body)
    Webhook(new).verify(body, {**headers, "webhook-signature": after})
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(body, {**headers, "webhook-signature": after})
