"""Signing, the retry schedule and when a subscription is disabled."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta

from gateway.webhooks.rules import (
    MAX_BACKOFF_SECONDS,
    Outcome,
    Settled,
    backoff,
    disabled_reason,
    failures_in_a_row,
    new_secret,
    settle,
    signature,
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


def test_a_subscription_is_disabled_when_its_failures_in_a_row_reach_the_threshold() -> None:
    assert failures_in_a_row(0, [DOWN, DOWN], 3) == (2, None)
    assert failures_in_a_row(2, [DOWN], 3) == (3, DOWN)
    assert failures_in_a_row(1, [DOWN, REFUSED, DOWN], 3) == (4, REFUSED)  # reached on the way
    assert failures_in_a_row(2, [OK, DOWN], 3) == (1, None)  # a success starts again
    assert failures_in_a_row(5, [DOWN], 3) == (6, None)  # past it already: not again
    assert failures_in_a_row(0, [], 3) == (0, None)


def test_the_reason_names_the_failures_and_the_last_answer() -> None:
    assert disabled_reason(4, DOWN) == (
        "4 deliveries failed in a row (last: HTTP 503); enable it again when fixed"
    )
    assert "(last: ClientConnectorError: refused)" in disabled_reason(4, REFUSED)
    assert OK.ok
    assert not DOWN.ok
    assert not REFUSED.ok
