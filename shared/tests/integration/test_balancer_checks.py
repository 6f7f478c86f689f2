"""HAProxy's health checks (the real process): a gateway slow to answer ``/readyz`` because
it is saturated stays in, a gateway whose port refuses connections is taken out."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from clusterkit.infra.balancer import Balancer, Upstream
from clusterkit.infra.process import free_port

BUSY_ANSWER_S = 1.0  # what a saturated gateway took under the bench's load (~0.7 s)


class SlowReady(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(BUSY_ANSWER_S)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def busy_gateway() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowReady)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_a_busy_gateway_stays_in_and_a_gone_one_goes_out(tmp_path: Path, busy_gateway: int) -> None:
    balancer = Balancer(
        tmp_path / "balancer",
        free_port(),
        [Upstream("busy", busy_gateway), Upstream("gone", free_port())],
    )
    balancer.start()
    try:
        # Both start UP; a few check rounds (every 500 ms, out after 2 failures).
        deadline = time.monotonic() + 6
        states = balancer.server_states()
        while time.monotonic() < deadline and not states.get("gone", "").startswith("DOWN"):
            time.sleep(0.25)
            states = balancer.server_states()
        time.sleep(3 * BUSY_ANSWER_S)
        states = balancer.server_states()
        assert states["gone"].startswith("DOWN"), states
        assert states["busy"].startswith("UP"), states
    finally:
        balancer.stop()
