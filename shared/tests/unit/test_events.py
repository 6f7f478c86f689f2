from datetime import UTC, datetime

import pytest

from clusterkit.context import request_id_var
from clusterkit.events import CloudEvent, InvalidEvent


def make_event(**overrides: object) -> CloudEvent:
    fields: dict[str, object] = {
        "type": "uz.coppercluster.test.thing.happened.v1",
        "source": "/coppercluster/test",
        "subject": "agg-1",
        "data": {"quantity": "12.500", "unit": "TNE"},
    }
    fields.update(overrides)
    return CloudEvent(**fields)  # type: ignore[arg-type]


def test_binary_mode_round_trip_keeps_every_attribute() -> None:
    event = make_event(time=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), requestid="req-1")
    back = CloudEvent.from_kafka(event.kafka_headers(), event.kafka_value())
    assert back == event


def test_headers_are_cloudevents_binary_mode_and_key_is_the_aggregate() -> None:
    event = make_event(requestid="abc")
    headers = dict(event.kafka_headers())
    assert headers["ce_specversion"] == b"1.0"
    assert headers["ce_type"] == b"uz.coppercluster.test.thing.happened.v1"
    assert headers["ce_subject"] == b"agg-1"
    assert headers["ce_requestid"] == b"abc"
    assert headers["content-type"] == b"application/json"
    assert event.key == b"agg-1"
    assert event.kafka_value() == b'{"quantity":"12.500","unit":"TNE"}'


def test_request_id_of_the_current_request_is_carried() -> None:
    token = request_id_var.set("from-http")
    try:
        assert make_event().requestid == "from-http"
    finally:
        request_id_var.reset(token)
    assert make_event().requestid is None


@pytest.mark.parametrize(
    ("headers", "value", "reason"),
    [
        ([], b"{}", "missing"),
        (
            [("ce_specversion", b"0.3"), ("ce_id", b"1"), ("ce_source", b"s"), ("ce_type", b"t")],
            b"{}",
            "specversion",
        ),
        (
            [("ce_specversion", b"1.0"), ("ce_id", b"1"), ("ce_source", b"s"), ("ce_type", b"t")],
            b"not json",
            "JSON",
        ),
        (
            [("ce_specversion", b"1.0"), ("ce_id", b"1"), ("ce_source", b"s"), ("ce_type", b"t")],
            b"[1]",
            "object",
        ),
        (
            [
                ("ce_specversion", b"1.0"),
                ("ce_id", b"\xff"),
                ("ce_source", b"s"),
                ("ce_type", b"t"),
            ],
            b"{}",
            "UTF-8",
        ),
    ],
)
def test_records_that_are_not_cloudevents_are_refused(
    headers: list[tuple[str, bytes]], value: bytes, reason: str
) -> None:
    with pytest.raises(InvalidEvent, match=reason):
        CloudEvent.from_kafka(headers, value)
