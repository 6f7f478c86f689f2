"""Prometheus metrics shared by every service (one registry per process)."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest

HTTP_REQUESTS = Counter(
    "http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
OUTBOX_BACKLOG = Gauge("outbox_backlog", "Outbox rows not yet published", ["schema"])
OUTBOX_OLDEST_AGE = Gauge(
    "outbox_oldest_unpublished_age_seconds", "Age of the oldest unpublished outbox row", ["schema"]
)
OUTBOX_PUBLISHED = Counter("outbox_published_total", "Events published by the relay", ["schema"])
CONSUMER_LAG = Gauge(
    "consumer_lag", "Records behind the partition end", ["group", "topic", "partition"]
)
EVENTS_HANDLED = Counter(
    "consumer_events_total", "Events seen by consumers", ["group", "type", "outcome"]
)

# Spans that never reached the collector: the export queue was full ("queue_full") or the
# collector did not take a batch ("export_failed").
TRACE_SPANS_DROPPED = Counter(
    "trace_spans_dropped_total", "Trace spans dropped instead of exported", ["reason"]
)


def render() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST
