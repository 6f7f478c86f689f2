"""A minimal webhook receiver that checks Standard Webhooks signatures.

    WEBHOOK_SECRET=whsec_... python examples/webhook_receiver.py --port 8080

Standard library only, written from the specification (https://www.standardwebhooks.com)
and not from the platform's code, so the gateway's tests can use it as an independent
implementation. A delivery carries ``webhook-id``, ``webhook-timestamp`` (unix seconds) and
``webhook-signature`` (space-separated ``v1,<base64 HMAC-SHA256>``, several while a secret is
rotated); the HMAC key is the base64 part of the ``whsec_`` secret and the signed content is
``{id}.{timestamp}.{body}``.

Valid deliveries get 204, bad signatures 401; ``fail_first`` answers the first N valid
deliveries with 500, to watch a sender retry.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

TOLERANCE_SECONDS = 5 * 60  # older or newer deliveries are refused (replay protection)


def verify_signature(
    secret: str, headers: Mapping[str, str], body: bytes, now: float | None = None
) -> bool:
    """True if ``body`` was signed with ``secret`` less than five minutes from ``now``."""
    lower = {name.lower(): value for name, value in headers.items()}
    msg_id = lower.get("webhook-id")
    timestamp = lower.get("webhook-timestamp", "")
    signatures = lower.get("webhook-signature", "")
    if not msg_id or not (timestamp.isascii() and timestamp.isdigit()):
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    try:
        key = base64.b64decode(secret.removeprefix("whsec_"), validate=True)
    except ValueError:
        return False
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    for signature in signatures.split():
        version, _, value = signature.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return True
    return False


@dataclass(frozen=True)
class Delivery:
    id: str
    timestamp: int
    headers: dict[str, str]
    body: bytes
    status: int  # what the receiver answered


class WebhookReceiver:
    """A threaded HTTP server on loopback that verifies and records deliveries.

    ``deliveries`` holds the verified deliveries answered 204; ``attempts`` every request
    with a valid signature, including those failed on purpose (``fail_first``).
    """

    def __init__(self, secret: str, *, fail_first: int = 0, host: str = "127.0.0.1", port: int = 0):
        self.secret = secret
        self.fail_first = fail_first
        self.deliveries: list[Delivery] = []
        self.attempts: list[Delivery] = []
        self.rejected = 0  # requests answered 401
        self._lock = threading.Lock()
        self._host = host
        self._server = ThreadingHTTPServer((host, port), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self._server.server_port}/"

    def start(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _receive(self, headers: dict[str, str], body: bytes) -> int:
        if not verify_signature(self.secret, headers, body):
            with self._lock:
                self.rejected += 1
            return 401
        with self._lock:
            status = 500 if len(self.attempts) < self.fail_first else 204
            lower = {name.lower(): value for name, value in headers.items()}
            delivery = Delivery(
                lower["webhook-id"], int(lower["webhook-timestamp"]), headers, body, status
            )
            self.attempts.append(delivery)
            if status == 204:
                self.deliveries.append(delivery)
        return status

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                status = receiver._receive(dict(self.headers.items()), body)
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet in tests; main() prints what arrives

        return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="Receive and verify Standard Webhooks.")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    secret = os.environ.get("WEBHOOK_SECRET")
    if not secret:
        raise SystemExit("set WEBHOOK_SECRET to the endpoint's whsec_... secret")
    receiver = WebhookReceiver(secret, host=args.host, port=args.port).start()
    print(f"listening on {receiver.url}")
    seen = 0
    try:
        while True:
            time.sleep(0.5)
            for delivery in receiver.deliveries[seen:]:
                print(f"{delivery.id} {delivery.body.decode(errors='replace')}")
            seen = len(receiver.deliveries)
    except KeyboardInterrupt:
        receiver.stop()


if __name__ == "__main__":
    main()
