"""Traces with OpenTelemetry: the one way a process traces.

:func:`setup_tracing` is called once per app by ``create_service_app``. Spans are exported
over OTLP/HTTP (protobuf, to ``$OTEL_EXPORTER_OTLP_ENDPOINT``, the variable every OTLP SDK
reads) only when that variable is set. Without it nothing is installed: no provider, no
instrumentation, the API's no-op tracer; an incoming or stored ``traceparent`` still passes
through unchanged (the no-op span carries its parent's context).

With an endpoint:

- the OpenTelemetry instrumentations make the spans: FastAPI (the server span of each
  request, continuing a caller's W3C ``traceparent``; :func:`server_spans` for an ASGI app
  outside FastAPI, the gateway's proxy), aiohttp (the gateway's forwarding
  and webhook deliveries, which send ``traceparent``), asyncpg (each statement) and aiokafka
  (the relay's send, the consumer's receive);
- a trace starts only at an HTTP request (:class:`_RequestsStartTraces`; a share of them
  with ``OTEL_TRACES_SAMPLER_ARG``, all by default): the relay's and
  the consumers' polling, the jobs and the dispatcher's rounds make no trace of their own,
  only the work they do for an event that carries one;
- spans go out through a bounded queue on a background thread with a short export timeout:
  a collector that is down or slow never holds up a request, spans are dropped instead and
  counted in ``trace_spans_dropped_total`` (``/metrics``).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from typing import Any

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.sampling import (
    Decision,
    ParentBased,
    Sampler,
    SamplingResult,
    TraceIdRatioBased,
)
from opentelemetry.trace import Link, SpanKind
from opentelemetry.util.types import Attributes

from clusterkit import metrics

log = logging.getLogger("clusterkit.tracing")

ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT"
# The share of requests (0 to 1) that start a trace; the rest answer untraced. The
# variable's standard name; 1 (every request) unless set.
RATIO_VARIABLE = "OTEL_TRACES_SAMPLER_ARG"
# What a collector that is away may leave waiting (seconds of spans under load); beyond it
# spans are dropped (and counted) rather than held in memory without end.
MAX_QUEUE = 4096
BATCH = 512
SCHEDULE_DELAY_MS = 500
# One export attempt (with the exporter's own retries) is bounded by this; the queue keeps
# filling meanwhile on the request side, which never waits for it.
EXPORT_TIMEOUT_S = 2.0
# Paths never traced: probes and scrapes (every few seconds, from balancers and Prometheus).
UNTRACED_PATHS = "/healthz,/readyz,/metrics"

_TRACER = "clusterkit"
_lock = threading.Lock()
_provider: TracerProvider | None = None


def exporting() -> bool:
    """True when this process exports spans (an endpoint was set when tracing was set up)."""
    return _provider is not None


def setup_tracing(service_name: str, settings: Any, app: Any | None = None) -> bool:
    """Set up tracing for this process (once) and instrument ``app`` (a FastAPI app) if
    spans are exported; return whether they are. ``settings`` (the service's) names the
    deployment environment in the spans' resource."""
    endpoint = os.environ.get(ENDPOINT_VARIABLE, "").strip()
    if not endpoint:
        return False
    provider = _process_provider(service_name, str(getattr(settings, "environment", "dev")))
    if app is not None:
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(
            app,
            tracer_provider=provider,
            excluded_urls=UNTRACED_PATHS,
            # The ASGI receive/send events of every request would triple the spans.
            exclude_spans=["receive", "send"],
        )
    return True


def server_spans(app: Any) -> Any:
    """``app`` (an ASGI app outside any FastAPI app, as the gateway's proxy is) with a server
    span per request, as the FastAPI instrumentation gives a FastAPI app; ``app`` itself when
    spans are not exported."""
    if _provider is None:
        return app
    from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware

    return OpenTelemetryMiddleware(
        app,
        excluded_urls=UNTRACED_PATHS,
        tracer_provider=_provider,
        exclude_spans=["receive", "send"],
    )


def _process_provider(service_name: str, environment: str) -> TracerProvider:
    global _provider
    with _lock:
        if _provider is not None:
            return _provider
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.instrumentation.aiohttp_client import AioHttpClientInstrumentor
        from opentelemetry.instrumentation.aiokafka import AIOKafkaInstrumentor
        from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

        provider = TracerProvider(
            resource=Resource.create(
                {"service.name": service_name, "deployment.environment.name": environment}
            ),
            sampler=ParentBased(root=_RequestsStartTraces(_ratio())),
        )
        # The endpoint is read by the exporter itself (``<endpoint>/v1/traces``).
        exporter = _CountingExporter(OTLPSpanExporter(timeout=EXPORT_TIMEOUT_S))
        provider.add_span_processor(
            CountingBatchProcessor(
                exporter,
                max_queue_size=MAX_QUEUE,
                max_export_batch_size=BATCH,
                schedule_delay_millis=SCHEDULE_DELAY_MS,
            )
        )
        trace.set_tracer_provider(provider)
        AsyncPGInstrumentor().instrument(tracer_provider=provider)  # type: ignore[no-untyped-call]
        AIOKafkaInstrumentor().instrument(tracer_provider=provider)
        AioHttpClientInstrumentor().instrument(tracer_provider=provider)
        _provider = provider
        log.info("tracing on", extra={"endpoint": os.environ.get(ENDPOINT_VARIABLE)})
        return provider


def _ratio() -> float:
    try:
        return min(1.0, max(0.0, float(os.environ.get(RATIO_VARIABLE, "1"))))
    except ValueError:
        log.warning("OTEL_TRACES_SAMPLER_ARG is not a number: every request is traced")
        return 1.0


class _RequestsStartTraces(Sampler):
    """A span without a parent is sampled only if it is a request's server span (``ratio``
    of them, by trace id): background loops (relay and consumer polls, jobs, dispatcher
    rounds) start no trace, and their statements cost no more than the no-op API. Spans with
    a parent follow it (``ParentBased``)."""

    def __init__(self, ratio: float = 1.0):
        self._requests = TraceIdRatioBased(ratio)

    def should_sample(
        self,
        parent_context: otel_context.Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: Any = None,
    ) -> SamplingResult:
        if kind is SpanKind.SERVER:
            return self._requests.should_sample(
                parent_context, trace_id, name, kind, attributes, links, trace_state
            )
        return SamplingResult(Decision.DROP)

    def get_description(self) -> str:
        return "RequestsStartTraces"


class _CountingExporter(SpanExporter):
    """The OTLP exporter, counting the spans of a batch it could not deliver."""

    def __init__(self, exporter: SpanExporter):
        self.exporter = exporter

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        try:
            result = self.exporter.export(spans)
        except Exception:
            result = SpanExportResult.FAILURE
        if result is not SpanExportResult.SUCCESS:
            metrics.TRACE_SPANS_DROPPED.labels("export_failed").inc(len(spans))
        return result

    def shutdown(self) -> None:
        self.exporter.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.exporter.force_flush(timeout_millis)


class _DropCounter:
    """What the batch processor reports of its queue (the SDK's processor-metrics
    interface), turned into the Prometheus counter."""

    def register_queue_size(self, get_queue_size: Any) -> None:
        pass

    def drop_items(self, count: int, error_type: str = "queue_full") -> None:
        metrics.TRACE_SPANS_DROPPED.labels(error_type).inc(count)

    def finish_items(self, count: int) -> None:
        pass


class CountingBatchProcessor(BatchSpanProcessor):
    """``BatchSpanProcessor`` whose dropped spans (queue full) are counted in
    ``trace_spans_dropped_total``."""

    def __init__(self, exporter: SpanExporter, **options: Any):
        super().__init__(exporter, **options)
        # The SDK reports drops only to its own (opt-in, OpenTelemetry) metrics; its batch
        # processor takes any object of that interface.
        self._batch_processor._metrics = _DropCounter()


# --- propagation: one W3C ``traceparent`` string travels with events and deliveries ---


def current_traceparent() -> str | None:
    """The W3C ``traceparent`` of the current span, or None outside any trace (the default
    of :attr:`clusterkit.events.CloudEvent.traceparent`)."""
    span = trace.get_current_span().get_span_context()
    if not span.is_valid:
        return None
    return f"00-{span.trace_id:032x}-{span.span_id:016x}-{span.trace_flags:02x}"


def context_of(traceparent: str | None) -> otel_context.Context | None:
    """The trace context a stored ``traceparent`` names (None if none or unreadable)."""
    if not traceparent:
        return None
    extracted = propagate.extract({"traceparent": traceparent})
    if not trace.get_current_span(extracted).get_span_context().is_valid:
        return None
    return extracted


def inject(headers: MutableMapping[str, str]) -> None:
    """Add the current trace context (``traceparent``) to outgoing ``headers``."""
    propagate.inject(headers)


@contextmanager
def continued(
    name: str,
    traceparent: str | None,
    *,
    kind: SpanKind = SpanKind.INTERNAL,
    attributes: Mapping[str, str] | None = None,
) -> Iterator[trace.Span]:
    """A span named ``name``, child of the context ``traceparent`` names, current inside.
    Without one it is a root (of no trace: only requests start traces) whatever is current,
    so an event's work never joins the trace of the loop that happened to read it."""
    parent = context_of(traceparent) or otel_context.Context()
    tracer = trace.get_tracer(_TRACER)
    with tracer.start_as_current_span(
        name, context=parent, kind=kind, attributes=dict(attributes or {})
    ) as span:
        yield span


@contextmanager
def attached(traceparent: str | None) -> Iterator[None]:
    """Make the context ``traceparent`` names current (no new span): what the relay does
    around each send, so the Kafka instrumentation's send span joins the event's trace."""
    parent = context_of(traceparent)
    if parent is None:
        yield
        return
    token = otel_context.attach(parent)
    try:
        yield
    finally:
        otel_context.detach(token)
