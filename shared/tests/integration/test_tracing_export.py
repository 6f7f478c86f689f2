"""A real service process (uvicorn, as ./dev starts it) exporting traces to a collector that
is down: requests answer as fast as ever, the spans are dropped and counted in /metrics."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from clusterkit.infra.kafka import KafkaBroker
from clusterkit.infra.process import free_port, pid_alive, port_open, spawn, wait_until
from clusterkit.testing import unique

from .conftest import Schema

APPS = Path(__file__).parent / "apps"
DROPPED = re.compile(r'^trace_spans_dropped_total\{reason="export_failed"\} (\S+)$', re.M)


def _service(
    tmp_path: Path, schema: Schema, broker: KafkaBroker, topic: str, endpoint: str | None
) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATABASE_URL": schema.url,
        "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
        "KIT_SCHEMA": schema.name,
        "KIT_TOPIC": topic,
        "KIT_GROUP": unique("kit-group"),
    }
    env.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    if endpoint is not None:
        env["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint
    log_file = tmp_path / "kit.log"
    argv = [sys.executable, "-m", "uvicorn", "--factory", "drain_app:create_app"]
    argv += ["--app-dir", str(APPS), "--host", "127.0.0.1", "--port", str(port)]
    pid = spawn(argv, log_file=log_file, pid_file=tmp_path / "kit.pid", env=env)
    try:
        wait_until(
            lambda: port_open(port),
            timeout=60,
            what="kit",
            alive=lambda: pid_alive(pid),
            log_file=log_file,
        )
        yield f"http://127.0.0.1:{port}"
    finally:
        if pid_alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def collector_down(
    schema: Schema, kafka_broker: KafkaBroker, kafka_topic: str, tmp_path: Path
) -> Iterator[str]:
    closed = free_port()  # nothing listens there
    assert not port_open(closed)
    yield from _service(tmp_path, schema, kafka_broker, kafka_topic, f"http://127.0.0.1:{closed}")


async def _latencies(client: httpx.AsyncClient, n: int) -> list[float]:
    found = []
    for _ in range(n):
        started = time.perf_counter()
        answer = await client.get("/api/v1/kit/slow", params={"seconds": 0})
        found.append(time.perf_counter() - started)
        assert answer.status_code == 200
    return found


def _dropped(metrics_text: str) -> float:
    match = DROPPED.search(metrics_text)
    return float(match.group(1)) if match else 0.0


async def test_with_the_collector_down_requests_answer_and_spans_are_dropped(
    collector_down: str,
) -> None:
    async with httpx.AsyncClient(base_url=collector_down, timeout=10) as client:
        assert _dropped((await client.get("/metrics")).text) == 0
        latencies = await _latencies(client, 60)
        # Each export attempt takes up to 2 s against the dead port; none is on the
        # request's path.
        assert statistics.median(latencies) < 0.1, latencies
        assert max(latencies) < 1.0, latencies
        deadline = time.monotonic() + 30
        count = 0.0
        while time.monotonic() < deadline:
            count = _dropped((await client.get("/metrics")).text)
            if count >= 1:
                break
            await _latencies(client, 5)  # more spans, as traffic goes on
            await asyncio.sleep(0.5)
        assert count >= 1, "no span was counted as dropped"
