"""A private Redis server (Debian's ``redis-server``) in a state folder, on a loopback port,
for the gateways' shared rate limits in ``./dev`` and the tests.

Nothing in it needs to survive a restart (token buckets refill on their own), so it keeps
no snapshot and no append-only file: a restarted server starts empty.
"""

from __future__ import annotations

import socket
from pathlib import Path

from clusterkit.infra.debian import debian_program
from clusterkit.infra.process import LocalServer

REDIS_PACKAGE = "redis-server"  # Debian's package and its binary


def ensure_redis_server() -> Path:
    """Debian's ``redis-server`` (installed when missing); its path."""
    return debian_program(REDIS_PACKAGE, needed_for="shared rate limits need Redis")


def answers_ping(port: int, host: str = "127.0.0.1") -> bool:
    """Whether a Redis server on ``port`` answers ``PING`` (a bare open port is not enough:
    Redis accepts connections while it is still loading)."""
    try:
        with socket.create_connection((host, port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer(LocalServer):
    name, what = "redis", "Redis"

    def __init__(self, state_dir: Path, port: int):
        super().__init__(state_dir)
        self.port = port

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def running(self) -> bool:
        return self.pid is not None and answers_ping(self.port)

    def start(self, *, timeout: float = 30.0) -> None:
        if self.running():
            return
        binary = ensure_redis_server()
        argv = [
            str(binary),
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--protected-mode",
            "yes",
            "--dir",
            str(self.state_dir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            # Buckets carry their own TTL; a full server drops the ones nearest to expiry.
            "--maxmemory",
            "128mb",
            "--maxmemory-policy",
            "volatile-ttl",
        ]
        self.launch(argv, lambda: answers_ping(self.port), timeout=timeout)
