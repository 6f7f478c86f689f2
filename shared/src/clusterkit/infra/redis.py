"""A private Redis server (Debian's ``redis-server``) in a state folder, on a loopback port,
for the gateways' shared rate limits in ``./dev`` and the tests.

Nothing in it needs to survive a restart (token buckets refill on their own), so it keeps
no snapshot and no append-only file: a restarted server starts empty.
"""

from __future__ import annotations

import signal
import socket
from pathlib import Path

from clusterkit.infra.debian import debian_program
from clusterkit.infra.process import pid_alive, read_pid, spawn, stop, wait_until

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


class RedisServer:
    def __init__(self, state_dir: Path, port: int):
        self.state_dir = state_dir
        self.port = port
        self.log_file = state_dir / "logs" / "redis.log"
        self.pid_file = state_dir / "redis.pid"

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def running(self) -> bool:
        return read_pid(self.pid_file) is not None and answers_ping(self.port)

    def start(self, *, timeout: float = 30.0) -> None:
        if self.running():
            return
        binary = ensure_redis_server()
        self.state_dir.mkdir(parents=True, exist_ok=True)
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
        pid = spawn(argv, log_file=self.log_file, pid_file=self.pid_file)
        wait_until(
            lambda: answers_ping(self.port),
            timeout=timeout,
            what="Redis",
            alive=lambda: pid_alive(pid),
            log_file=self.log_file,
        )

    def stop(self) -> None:
        stop(self.pid_file, timeout=10)

    def kill(self) -> None:
        """SIGKILL, as a crash would (fault tests)."""
        stop(self.pid_file, timeout=0, sig=signal.SIGKILL)
