"""A private Jaeger (built once from the Go module proxy) in a state folder: the trace viewer
of ``./dev up --tracing`` and the tracing tests. It takes OTLP over HTTP on one loopback port
(``OTEL_EXPORTER_OTLP_ENDPOINT`` of the services), keeps traces in memory, and serves its UI
and query API (``/api/traces/{trace_id}``) on another.

Jaeger's all-in-one default listens on a dozen fixed ports (OTLP gRPC and HTTP, the Jaeger
and Zipkin receivers, sampling, health, its own metrics): the configuration written here
keeps only what the platform uses, on ports given, so several stacks run side by side.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from clusterkit.infra.process import LocalServer, answers_ok, port_open
from clusterkit.infra.tools import ensure_jaeger

CONFIG = """\
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    resource:
      service.name: jaeger
    metrics:
      level: none
    logs:
      level: info

extensions:
  jaeger_query:
    storage:
      traces: memstore
    # Its own traces would go to OTLP/gRPC on 4317: whatever else listens there.
    enable_tracing: false
    http:
      endpoint: 127.0.0.1:{ui_port}
    grpc:
      endpoint: 127.0.0.1:{query_grpc_port}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000

receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:{otlp_port}

processors:
  batch:
    timeout: 200ms

exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
"""


class TraceViewer(LocalServer):
    name, what = "jaeger", "Jaeger"

    def __init__(self, state_dir: Path, otlp_port: int, ui_port: int, query_grpc_port: int):
        super().__init__(state_dir)
        self.otlp_port = otlp_port
        self.ui_port = ui_port
        self.query_grpc_port = query_grpc_port
        self.config_file = state_dir / "jaeger.yaml"

    @property
    def url(self) -> str:
        """The web UI (and the query API under ``/api``)."""
        return f"http://127.0.0.1:{self.ui_port}"

    @property
    def otlp_endpoint(self) -> str:
        """What the services take as ``OTEL_EXPORTER_OTLP_ENDPOINT`` (OTLP/HTTP)."""
        return f"http://127.0.0.1:{self.otlp_port}"

    def running(self) -> bool:
        return self.pid is not None and port_open(self.otlp_port)

    def start(self, *, timeout: float = 60.0) -> None:
        if self.running():
            return
        binary = ensure_jaeger()
        self.state_dir.mkdir(parents=True, exist_ok=True)  # the config is written first
        self.config_file.write_text(
            CONFIG.format(
                otlp_port=self.otlp_port,
                ui_port=self.ui_port,
                query_grpc_port=self.query_grpc_port,
            )
        )

        def ready() -> bool:
            return port_open(self.otlp_port) and answers_ok(f"{self.url}/api/services")

        self.launch([str(binary), "--config", str(self.config_file)], ready, timeout=timeout)

    def _get(self, path: str) -> Any:
        url = f"{self.url}/api/{path}"
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (loopback)
            return json.loads(answer.read())

    def services(self) -> list[str]:
        """The services that sent spans."""
        found = self._get("services").get("data") or []
        return [str(name) for name in found]

    def trace(self, trace_id: str) -> list[dict[str, Any]]:
        """The spans Jaeger holds of one trace (its v1 query API), each with its
        ``operationName``, ``references`` and ``process`` (``serviceName``) resolved; empty
        while it holds none."""
        try:
            answer = self._get(f"traces/{trace_id}")
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return []
            raise
        spans: list[dict[str, Any]] = []
        for found in answer.get("data") or []:
            processes = found.get("processes", {})
            for span in found.get("spans", []):
                span["process"] = processes.get(span.get("processID"), {})
                spans.append(span)
        return spans
