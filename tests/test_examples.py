"""examples/ work: the procurement consumer against a real broker, the webhook receiver against
signatures computed here from the Standard Webhooks specification."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import hmac
import http.client
import os
import time
from urllib.parse import urlsplit

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from clusterkit.events import CloudEvent
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.testing.helpers import unique
from procurement_consumer import Event, consume
from supply import events as supply
from webhook_receiver import WebhookReceiver, verify_signature


def supply_event(type_: str) -> CloudEvent:
    contract = supply.contracts.by_type[type_]
    return supply.contracts.event(type_, contract.example)


async def publish(
    bootstrap: str, topic: str, records: list[tuple[bytes, bytes, list[tuple[str, bytes]]]]
) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        for key, value, headers in records:
            await producer.send_and_wait(topic, value=value, key=key, headers=headers)
    finally:
        await producer.stop()


def record(event: CloudEvent) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    return event.key, event.kafka_value(), event.kafka_headers()


async def committed(bootstrap: str, group: str) -> int:
    """The sum of the group's committed offsets (= records done, on a fresh topic)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    return sum(meta.offset for meta in offsets.values())


async def test_the_procurement_consumer_handles_supply_events_and_commits(
    kafka_broker: KafkaBroker, kafka_topic: str
) -> None:
    bootstrap, group = kafka_broker.bootstrap_servers, unique("procurement")
    placed = dataclasses.replace(supply_event(supply.ORDER_PLACED), requestid="req-42")
    confirmed = supply_event(supply.ORDER_CONFIRMED)
    listed = supply_event(supply.ITEM_LISTED)
    # Not a CloudEvent (no headers), ahead of the order's events in their partition: skipped,
    # yet committed, so it does not stop the group.
    garbage = (placed.key, b"not json", [])
    await publish(
        bootstrap, kafka_topic, [garbage, record(placed), record(confirmed), record(listed)]
    )

    seen: list[Event] = []

    async def handle(event: Event) -> None:
        seen.append(event)

    handled = await asyncio.wait_for(consume(bootstrap, kafka_topic, group, handle, 3), 60)

    assert handled == 3
    assert {e.id for e in seen} == {placed.id, confirmed.id, listed.id}
    by_id = {e.id: e for e in seen}
    for sent in (placed, confirmed, listed):
        got = by_id[sent.id]
        assert (got.type, got.source, got.subject) == (sent.type, sent.source, sent.subject)
        assert got.data == sent.data
        supply.contracts.validate(got.type, got.data)
    assert by_id[placed.id].requestid == "req-42"
    assert by_id[confirmed.id].requestid is None
    # One order's events keep their order (same key, same partition).
    assert [e.id for e in seen if e.subject == placed.subject] == [placed.id, confirmed.id]
    assert await committed(bootstrap, group) == 4

    # The group resumes after what it committed: only the new event comes.
    shipped = supply_event(supply.ORDER_SHIPPED)
    await publish(bootstrap, kafka_topic, [record(shipped)])
    seen.clear()
    assert await asyncio.wait_for(consume(bootstrap, kafka_topic, group, handle, 1), 60) == 1
    assert [e.id for e in seen] == [shipped.id]
    assert await committed(bootstrap, group) == 5


# Standard Webhooks, computed here independently of the receiver.

KEY = os.urandom(32)
SECRET = "whsec_" + base64.b64encode(KEY).decode()
BODY = b'{"type":"uz.coppercluster.supply.order.placed.v1","data":{"order_id":"8d3f"}}'


def signed_headers(
    body: bytes = BODY, key: bytes = KEY, timestamp: float | None = None, msg_id: str = "msg_1"
) -> dict[str, str]:
    ts = str(int(time.time() if timestamp is None else timestamp))
    mac = hmac.new(key, msg_id.encode() + b"." + ts.encode() + b"." + body, hashlib.sha256)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": ts,
        "webhook-signature": "v1," + base64.b64encode(mac.digest()).decode(),
    }


def test_a_valid_signature_is_accepted_with_any_header_case() -> None:
    headers = signed_headers()
    assert verify_signature(SECRET, headers, BODY)
    assert verify_signature(SECRET, {k.title(): v for k, v in headers.items()}, BODY)


def test_one_valid_signature_among_several_is_enough() -> None:
    """While a secret is rotated the sender signs with the old and the new one."""
    headers = signed_headers()
    old = signed_headers(key=os.urandom(32))["webhook-signature"]
    headers["webhook-signature"] = f"{old} v2,abc {headers['webhook-signature']}"
    assert verify_signature(SECRET, headers, BODY)


def test_tampered_body_wrong_secret_stale_or_missing_headers_are_rejected() -> None:
    now = time.time()
    other = "whsec_" + base64.b64encode(os.urandom(32)).decode()
    assert not verify_signature(SECRET, signed_headers(), BODY.replace(b"8d3f", b"8d3e"))
    assert not verify_signature(other, signed_headers(), BODY)
    assert not verify_signature(SECRET, signed_headers(timestamp=now - 301), BODY, now=now)
    assert not verify_signature(SECRET, signed_headers(timestamp=now + 301), BODY, now=now)
    assert verify_signature(SECRET, signed_headers(timestamp=now - 299), BODY, now=now)
    for missing in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        headers = signed_headers()
        del headers[missing]
        assert not verify_signature(SECRET, headers, BODY)
    # The id is part of what is signed: a signature cannot be replayed under another id.
    replayed = {**signed_headers(), "webhook-id": "msg_2"}
    assert not verify_signature(SECRET, replayed, BODY)
    # Only v1 signatures count.
    v2 = signed_headers()
    v2["webhook-signature"] = v2["webhook-signature"].replace("v1,", "v2,")
    assert not verify_signature(SECRET, v2, BODY)


def post(url: str, headers: dict[str, str], body: bytes = BODY) -> int:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request("POST", parts.path, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_receiver_answers_204_for_valid_and_401_for_invalid_deliveries() -> None:
    with WebhookReceiver(SECRET) as receiver:
        assert post(receiver.url, signed_headers()) == 204
        assert post(receiver.url, signed_headers(), BODY + b" ") == 401
        assert post(receiver.url, signed_headers(key=os.urandom(32))) == 401
    assert [(d.id, d.body, d.status) for d in receiver.deliveries] == [("msg_1", BODY, 204)]
    assert receiver.rejected == 2


def test_the_receiver_fails_the_first_deliveries_when_told_to() -> None:
    with WebhookReceiver(SECRET, fail_first=2) as receiver:
        statuses = [post(receiver.url, signed_headers()) for _ in range(3)]
        assert post(receiver.url, signed_headers(msg_id="msg_2")) == 204
    assert statuses == [500, 500, 204]
    assert [d.status for d in receiver.attempts] == [500, 500, 204, 204]
    assert [d.id for d in receiver.deliveries] == ["msg_1", "msg_2"]
