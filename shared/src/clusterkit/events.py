"""CloudEvents 1.0 envelope in Kafka binary content mode.

The attributes travel as ``ce_*`` headers, the record value is the JSON ``data`` and the
record key is the aggregate id (also ``ce_subject``), so Kafka keeps one aggregate's events
in order. ``requestid`` is a CloudEvents extension carrying the ``X-Request-ID`` of the HTTP
call that caused the event; ``traceparent`` is the CloudEvents distributed-tracing extension:
the W3C trace context of the span that made the event (its request's, or the consumer span
of the event it answers), so its consumers and webhook deliveries join that trace.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from clusterkit.context import current_request_id
from clusterkit.tracing import current_traceparent

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"

KafkaHeaders = Sequence[tuple[str, bytes]]


class InvalidEvent(ValueError):
    """A Kafka record that is not a CloudEvent this platform can read."""


def _now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class CloudEvent:
    """One event. ``subject`` is the aggregate id and the Kafka key."""

    type: str
    source: str
    subject: str
    data: Mapping[str, Any]
    id: str = field(default_factory=_new_id)
    time: datetime = field(default_factory=_now)
    requestid: str | None = field(default_factory=current_request_id)
    traceparent: str | None = field(default_factory=current_traceparent)

    @property
    def key(self) -> bytes:
        return self.subject.encode()

    def kafka_headers(self) -> list[tuple[str, bytes]]:
        headers = [
            ("ce_specversion", SPEC_VERSION.encode()),
            ("ce_id", self.id.encode()),
            ("ce_source", self.source.encode()),
            ("ce_type", self.type.encode()),
            ("ce_subject", self.subject.encode()),
            ("ce_time", self.time.isoformat().encode()),
            ("content-type", CONTENT_TYPE.encode()),
        ]
        if self.requestid:
            headers.append(("ce_requestid", self.requestid.encode()))
        if self.traceparent:
            headers.append(("ce_traceparent", self.traceparent.encode()))
        return headers

    def kafka_value(self) -> bytes:
        return orjson.dumps(self.data)

    @classmethod
    def from_kafka(cls, headers: KafkaHeaders, value: bytes | None) -> CloudEvent:
        """Read a binary-mode record; raise :class:`InvalidEvent` if it is not one."""
        attrs: dict[str, str] = {}
        for name, raw in headers:
            if name.startswith("ce_"):
                try:
                    attrs[name[3:]] = raw.decode()
                except UnicodeDecodeError as exc:
                    raise InvalidEvent(f"header {name} is not UTF-8") from exc
        missing = [a for a in ("specversion", "id", "source", "type") if a not in attrs]
        if missing:
            raise InvalidEvent(f"missing CloudEvents attributes: {', '.join(missing)}")
        if attrs["specversion"] != SPEC_VERSION:
            raise InvalidEvent(f"unsupported specversion {attrs['specversion']}")
        try:
            data = orjson.loads(value) if value else {}
        except orjson.JSONDecodeError as exc:
            raise InvalidEvent("data is not JSON") from exc
        if not isinstance(data, dict):
            raise InvalidEvent("data is not a JSON object")
        try:
            time = datetime.fromisoformat(attrs["time"]) if "time" in attrs else _now()
        except ValueError as exc:
            raise InvalidEvent("time is not RFC 3339") from exc
        return cls(
            type=attrs["type"],
            source=attrs["source"],
            subject=attrs.get("subject", ""),
            data=data,
            id=attrs["id"],
            time=time,
            requestid=attrs.get("requestid"),
            traceparent=attrs.get("traceparent"),
        )
