"""Tracing without a collector: nothing installed, contexts passed through; the sampler that
lets only requests start traces; the drops counted."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.sampling import Decision, ParentBased
from opentelemetry.trace import SpanKind

from clusterkit import metrics, tracing
from clusterkit.events import CloudEvent

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def dropped(reason: str) -> float:
    value = metrics.TRACE_SPANS_DROPPED.labels(reason)._value.get()
    return float(value)


async def test_without_an_endpoint_nothing_is_installed_or_exported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(tracing.ENDPOINT_VARIABLE, raising=False)
    app = FastAPI()

    @app.get("/thing")
    async def thing() -> dict[str, str | None]:
        return {"traceparent": tracing.current_traceparent()}

    assert tracing.setup_tracing("kit", None, app) is False
    assert not tracing.exporting()
    assert not getattr(app, "_is_instrumented_by_opentelemetry", False)
    # The API's no-op provider: spans record nothing and there is no exporter to send them.
    assert not isinstance(trace.get_tracer_provider(), TracerProvider)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://kit"
    ) as client:
        answer = await client.get("/thing", headers={"traceparent": TRACEPARENT})
    assert answer.json() == {"traceparent": None}  # no server span: nothing started


def test_a_stored_context_passes_through_the_no_op_api() -> None:
    assert tracing.current_traceparent() is None
    assert CloudEvent(type="t", source="/s", subject="a", data={}).traceparent is None
    with tracing.continued("process", TRACEPARENT, kind=SpanKind.CONSUMER) as span:
        assert not span.is_recording()
        assert tracing.current_traceparent() == TRACEPARENT
        # An event made while handling another carries its trace on.
        assert CloudEvent(type="t", source="/s", subject="a", data={}).traceparent == TRACEPARENT
        headers: dict[str, str] = {}
        tracing.inject(headers)
        assert headers["traceparent"] == TRACEPARENT
    assert tracing.current_traceparent() is None


def test_an_unreadable_traceparent_starts_nothing() -> None:
    assert tracing.context_of("not-a-traceparent") is None
    assert tracing.context_of(None) is None
    with tracing.continued("process", "garbage"):
        assert tracing.current_traceparent() is None


def test_ce_traceparent_round_trips_through_kafka_headers() -> None:
    event = CloudEvent(type="t", source="/s", subject="a", data={}, traceparent=TRACEPARENT)
    headers = dict(event.kafka_headers())
    assert headers["ce_traceparent"] == TRACEPARENT.encode()
    assert CloudEvent.from_kafka(event.kafka_headers(), event.kafka_value()) == event


def test_only_a_request_starts_a_trace() -> None:
    sampler = ParentBased(root=tracing._RequestsStartTraces())
    for kind in (SpanKind.INTERNAL, SpanKind.CONSUMER, SpanKind.CLIENT, SpanKind.PRODUCER):
        assert sampler.should_sample(Context(), 1, "poll", kind).decision is Decision.DROP
    server = sampler.should_sample(Context(), 1, "GET /", SpanKind.SERVER)
    assert server.decision is Decision.RECORD_AND_SAMPLE
    # A statement inside an event's handling follows the event's (sampled) trace.
    parent = tracing.context_of(TRACEPARENT)
    child = sampler.should_sample(parent, 1, "SELECT", SpanKind.CLIENT)
    assert child.decision is Decision.RECORD_AND_SAMPLE


def test_a_share_of_requests_starts_traces() -> None:
    sampler = tracing._RequestsStartTraces(0.25)
    ids = range(0, 2**64, 2**64 // 1000)  # trace ids spread evenly over the ratio's range
    sampled = [
        sampler.should_sample(Context(), i, "GET /", SpanKind.SERVER).decision
        is Decision.RECORD_AND_SAMPLE
        for i in ids
    ]
    assert 200 < sum(sampled) < 300


class _Stuck(SpanExporter):
    """A collector that does not answer: each export waits until released."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.release.wait(10)
        return SpanExportResult.FAILURE

    def shutdown(self) -> None:
        self.release.set()


def test_spans_beyond_the_queue_are_dropped_and_counted() -> None:
    stuck = _Stuck()
    processor = tracing.CountingBatchProcessor(
        tracing._CountingExporter(stuck),
        max_queue_size=8,
        max_export_batch_size=4,
        schedule_delay_millis=10,
    )
    provider = TracerProvider()
    provider.add_span_processor(processor)
    tracer = provider.get_tracer("test")
    full, failed = dropped("queue_full"), dropped("export_failed")
    for _ in range(100):
        with tracer.start_as_current_span("work"):
            pass
    # The exporter holds one batch; the queue keeps 8; the rest were dropped at once.
    assert dropped("queue_full") - full >= 100 - 8 - 4
    stuck.release.set()
    provider.shutdown()
    assert dropped("export_failed") > failed
