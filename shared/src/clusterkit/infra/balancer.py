"""HAProxy in front of the gateway instances (``./dev up --instances 2`` and the fault tests).

Debian's ``haproxy``, installed with apt-get when missing (as root), like Chromium in
:mod:`clusterkit.infra.tools`. Its upstreams are health-checked on ``/readyz`` (an instance
that is draining answers 503 there and is taken out before it stops listening), and a
request is retried on another instance only when the connection failed, that is when
nothing of it was sent: a request that reached an instance is never sent twice.
"""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from clusterkit.infra.debian import debian_program
from clusterkit.infra.process import pid_alive, port_open, read_pid, spawn, stop, wait_until

HAPROXY = "haproxy"


def ensure_haproxy() -> Path:
    """Debian's HAProxy (installed when missing); its path."""
    return debian_program(HAPROXY, needed_for="the balancer is HAProxy")


@dataclass(frozen=True)
class Upstream:
    name: str
    port: int


# Health checks every 500 ms, out after 2 failures and back after 2 successes: a draining
# instance (503 on /readyz) is out within ~1 s, well inside its drain period. A check's
# answer may take up to 3 s (``timeout check``; without it the read timeout is ``inter``):
# a gateway saturated by load answers /readyz in ~0.7 s, and at 500 ms both were taken out
# and every request answered 503 (the bench's ha section). Refused connections (a process
# gone) are still seen at once.
CONFIG = """global
    maxconn 4096
    stats socket {socket} mode 600 level admin

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-keep-alive 10s
    timeout check 3s
    # Retry on another instance when the connection to one failed (nothing was sent), and,
    # for a request safe to repeat, when an instance closed the connection without an
    # answer (a keep-alive connection it shut as it drained): never any other request an
    # instance may have received (see disable-l7-retry below).
    retries 3
    retry-on conn-failure empty-response
    option redispatch 1

frontend gateway
    bind 127.0.0.1:{port}
    # This is the edge: a client's own X-Forwarded-For is dropped, the balancer's stands.
    http-request del-header X-Forwarded-For
    option forwardfor
    default_backend gateways

backend gateways
    balance roundrobin
    # (two lines of one ACL are either-or)
    acl safe_to_repeat method GET HEAD OPTIONS PUT DELETE
    acl safe_to_repeat req.hdr(idempotency-key) -m found
    http-request disable-l7-retry unless safe_to_repeat
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
{servers}
"""


class Balancer:
    """One HAProxy process on ``port`` balancing over ``upstreams`` (on 127.0.0.1)."""

    def __init__(self, state_dir: Path, port: int, upstreams: Sequence[Upstream]):
        self.state_dir = state_dir
        self.port = port
        self.upstreams = list(upstreams)
        self.config = state_dir / "haproxy.cfg"
        self.socket = state_dir / "haproxy.sock"
        self.pid_file = state_dir / "balancer.pid"
        self.log_file = state_dir / "logs" / "balancer.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _write_config(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        servers = "\n".join(f"    server {u.name} 127.0.0.1:{u.port} check" for u in self.upstreams)
        self.config.write_text(
            CONFIG.format(
                socket=self.socket,
                port=self.port,
                servers=servers,
            )
        )

    def running(self) -> bool:
        return read_pid(self.pid_file) is not None

    def start(self, *, timeout: float = 30.0) -> None:
        if self.running():
            return
        binary = ensure_haproxy()
        self._write_config()
        check = subprocess.run(
            [str(binary), "-c", "-q", "-f", str(self.config)],
            check=False,
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            raise RuntimeError(f"haproxy refused {self.config}:\n{check.stderr[-3000:]}")
        # -db: stay in the foreground, so the pid we record is the process that serves.
        pid = spawn(
            [str(binary), "-db", "-f", str(self.config)],
            log_file=self.log_file,
            pid_file=self.pid_file,
        )
        wait_until(
            lambda: port_open(self.port),
            timeout=timeout,
            what="balancer",
            alive=lambda: pid_alive(pid),
            log_file=self.log_file,
        )

    def stop(self) -> bool:
        return stop(self.pid_file, timeout=10)

    def _command(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            s.connect(str(self.socket))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def server_states(self) -> dict[str, str]:
        """Each upstream's state as HAProxy sees it now (``UP``, ``DOWN``, ``UP 1/2`` ...)."""
        lines = self._command("show stat").splitlines()
        if not lines:
            return {}
        header = lines[0].lstrip("# ").split(",")
        proxy, server, status = (header.index(k) for k in ("pxname", "svname", "status"))
        states = {}
        for line in lines[1:]:
            fields = line.split(",")
            if (
                len(fields) > status
                and fields[proxy] == "gateways"
                and fields[server] not in ("FRONTEND", "BACKEND")
            ):
                states[fields[server]] = fields[status]
        return states

    def wait_up(self, name: str, *, timeout: float = 30.0) -> None:
        """Wait until HAProxy sends to ``name`` again (its checks passed ``rise`` times)."""
        wait_until(
            lambda: self.server_states().get(name) == "UP",
            timeout=timeout,
            what=f"{name} in balancer",
        )
