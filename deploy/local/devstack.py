"""The local platform without Docker: ``./dev up | down | status | logs``.

Starts a private PostgreSQL 15 cluster and an Apache Kafka broker (KRaft) in a state
folder (``.state/`` or ``$COPPER_STATE``), provisions one schema and role per service, runs
each service's migrations, starts the four services and issues an admin API key. Every step
is idempotent: a second ``up`` reuses what already runs; ``down`` stops exactly the
processes recorded in the state folder.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clusterkit.infra.kafka import KafkaBroker, ensure_jars, kafka_jars_cached
from clusterkit.infra.postgres import PostgresCluster
from clusterkit.infra.process import free_port, port_open, read_pid, spawn, stop, wait_until
from clusterkit.kafka import ensure_topics
from clusterkit.provisioning import provision

ROOT = Path(__file__).resolve().parents[2]
KAFKA_POM = ROOT / "deploy" / "kafka" / "pom.xml"
DATABASE = "cluster"
TOPICS = ("membership.events", "production.events", "supply.events", "gateway.events")
TOPIC_PARTITIONS = 3


@dataclass(frozen=True)
class Service:
    name: str
    default_port: int

    @property
    def env_prefix(self) -> str:
        return self.name.upper() + "_"

    @property
    def alembic_ini(self) -> Path:
        return ROOT / "services" / self.name / "alembic.ini"


SERVICES = (
    Service("membership", 8001),
    Service("production", 8002),
    Service("supply", 8003),
    Service("gateway", 8000),
)
DEFAULT_PORTS = {
    "postgres": 55432,
    "kafka": 9092,
    "kafka_controller": 9093,
    **{s.name: s.default_port for s in SERVICES},
}


def step(label: str) -> Callable[[Callable[[], Any]], Any]:
    """Run one start-up step with a visible progress line and its duration."""

    def run(action: Callable[[], Any]) -> Any:
        # A label longer than the column still leaves a space before its outcome.
        print(f"  {label:<58} ", end="", flush=True)
        started = time.monotonic()
        try:
            result = action()
        except BaseException:
            print("FAILED", flush=True)
            raise
        print(f"ok ({time.monotonic() - started:.1f}s)", flush=True)
        return result

    return run


class Stack:
    """The platform's processes and settings, all kept under ``state_dir``."""

    def __init__(
        self,
        state_dir: Path,
        *,
        any_free_ports: bool = False,
        settings: dict[str, str] | None = None,
    ):
        """``any_free_ports``: ignore the default ports (tests run beside a dev stack);
        ``settings``: extra environment for the services (``GATEWAY_RATE_PER_KEY=...``)."""
        self.state_dir = state_dir
        self.any_free_ports = any_free_ports
        self.settings = settings or {}
        self.logs = state_dir / "logs"
        self.config_file = state_dir / "stack.json"
        self.config = self._load_config()
        self.postgres = PostgresCluster(state_dir / "postgres", self.config["ports"]["postgres"])

    # -- configuration: ports and secrets chosen once, kept (mode 600) for later runs ------
    def _load_config(self) -> dict[str, Any]:
        if self.config_file.exists():
            loaded: dict[str, Any] = json.loads(self.config_file.read_text())
            return loaded
        ports = {}
        for name, default in DEFAULT_PORTS.items():
            wanted = int(os.environ.get(f"COPPER_{name.upper()}_PORT", default))
            ports[name] = free_port() if self.any_free_ports or port_open(wanted) else wanted
        config = {
            "ports": ports,
            "internal_token_secret": secrets.token_urlsafe(48),
            "passwords": {s.name: secrets.token_urlsafe(24) for s in SERVICES},
        }
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.state_dir.chmod(0o755)
        self.config_file.write_text(json.dumps(config, indent=2))
        self.config_file.chmod(0o600)
        return config

    def port(self, name: str) -> int:
        port: int = self.config["ports"][name]
        return port

    @property
    def kafka_bootstrap(self) -> str:
        return f"127.0.0.1:{self.port('kafka')}"

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.port(service)}"

    def database_url(self, service: str) -> str:
        return self.postgres.url(service, self.config["passwords"][service], DATABASE)

    def service_env(self, service: Service) -> dict[str, str]:
        p = service.env_prefix
        env = {
            **os.environ,
            f"{p}ENVIRONMENT": os.environ.get("COPPER_ENVIRONMENT", "dev"),
            f"{p}DATABASE_URL": self.database_url(service.name),
            f"{p}KAFKA_BOOTSTRAP_SERVERS": self.kafka_bootstrap,
            f"{p}INTERNAL_TOKEN_SECRET": self.config["internal_token_secret"],
            **self.settings,
        }
        if service.name == "gateway":
            for upstream in ("membership", "production", "supply"):
                env[f"GATEWAY_{upstream.upper()}_URL"] = self.url(upstream)
        return env

    # -- infrastructure ------------------------------------------------------------------
    def kafka(self) -> KafkaBroker:
        libs = ensure_jars(KAFKA_POM)
        return KafkaBroker(
            self.state_dir / "kafka", libs, self.port("kafka"), self.port("kafka_controller")
        )

    def provision(self) -> None:
        asyncio.run(provision(self.postgres.admin_dsn, DATABASE, self.config["passwords"]))

    def create_topics(self) -> None:
        asyncio.run(ensure_topics(self.kafka_bootstrap, TOPICS, partitions=TOPIC_PARTITIONS))

    def migrate(self, service: Service) -> None:
        subprocess.run(
            [sys.executable, "-m", "alembic", "-c", str(service.alembic_ini), "upgrade", "head"],
            env=self.service_env(service),
            check=True,
            capture_output=True,
            text=True,
        )

    # -- services ------------------------------------------------------------------------
    def pid_file(self, service: Service) -> Path:
        return self.state_dir / f"{service.name}.pid"

    def start_service(self, service: Service) -> None:
        if read_pid(self.pid_file(service)) is None:
            log_file = self.logs / f"{service.name}.log"
            pid = spawn(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "--factory",
                    f"{service.name}.main:create_app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port(service.name)),
                    "--no-access-log",
                    "--timeout-graceful-shutdown",
                    "10",
                ],
                log_file=log_file,
                pid_file=self.pid_file(service),
                env=self.service_env(service),
            )
        else:
            pid = read_pid(self.pid_file(service)) or 0
            log_file = self.logs / f"{service.name}.log"
        wait_until(
            lambda: _http_ok(self.url(service.name) + "/readyz"),
            timeout=60,
            what=service.name,
            alive=lambda: read_pid(self.pid_file(service)) == pid,
            log_file=log_file,
        )

    def stop_service(self, service: Service) -> bool:
        return stop(self.pid_file(service), timeout=15)

    def kill_service(self, service: Service) -> None:
        """SIGKILL, as a crash would (fault tests); ``start_service`` starts it again."""
        stop(self.pid_file(service), timeout=0, sig=signal.SIGKILL)

    def admin_key(self) -> str:
        key_file = self.state_dir / "admin.key"
        if key_file.exists():
            return key_file.read_text().strip()
        gateway = SERVICES[-1]
        key = subprocess.run(
            [
                sys.executable,
                "-m",
                "gateway.cli",
                "create",
                "--name",
                "local admin",
                "--role",
                "admin",
            ],
            env=self.service_env(gateway),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        key_file.write_text(key + "\n")
        key_file.chmod(0o600)
        return key

    # -- commands ------------------------------------------------------------------------
    def up(self, *, demo: bool = True) -> None:
        started = time.monotonic()
        print(f"Copper Cluster Platform: starting (state in {self.state_dir})")
        step(f"postgres :{self.port('postgres')}")(self.postgres.start)
        jars = "cached" if kafka_jars_cached(KAFKA_POM) else "from Maven Central, once"
        kafka = step(f"kafka jars ({jars})")(self.kafka)
        step(f"kafka :{self.port('kafka')} (KRaft)")(kafka.start)
        step(f"database '{DATABASE}', schemas, roles")(self.provision)
        step("topics " + ", ".join(TOPICS))(self.create_topics)
        for service in SERVICES:
            step(f"migrate {service.name}")(functools.partial(self.migrate, service))
        for service in SERVICES:
            step(f"{service.name} :{self.port(service.name)}")(
                functools.partial(self.start_service, service)
            )
        key = step("admin API key")(self.admin_key)
        if demo:
            from demo import load_demo_data

            step("demo data")(lambda: load_demo_data(self.url("gateway"), key))
        gateway = self.url("gateway")
        print(f"\nReady in {time.monotonic() - started:.1f}s.")
        print(f"  gateway      {gateway}   (API under {gateway}/api/v1/)")
        print(f"  readiness    {gateway}/readyz")
        for service in SERVICES[:-1]:
            direct = "(direct; only with the gateway's internal token)"
            print(f"  {service.name:<12} {self.url(service.name)}   {direct}")
        print(f"  admin key    {key}")
        print(f"               (also in {self.state_dir / 'admin.key'})")
        print(f"  logs         ./dev logs [service]   ({self.logs})")

    def down(self) -> None:
        for service in reversed(SERVICES):
            if self.stop_service(service):
                print(f"  stopped {service.name}")
        if read_pid(self.state_dir / "kafka" / "kafka.pid"):
            KafkaBroker(
                self.state_dir / "kafka", Path(), self.port("kafka"), self.port("kafka_controller")
            ).stop()
            print("  stopped kafka")
        if read_pid(self.postgres.pid_file):
            self.postgres.stop()
            print("  stopped postgres")

    def status(self) -> int:
        rows = [
            ("postgres", self.postgres.pid_file, self.port("postgres")),
            ("kafka", self.state_dir / "kafka" / "kafka.pid", self.port("kafka")),
        ]
        rows += [(s.name, self.pid_file(s), self.port(s.name)) for s in SERVICES]
        down = 0
        for name, pid_file, port in rows:
            pid = read_pid(pid_file)
            state = f"running (pid {pid})" if pid else "stopped"
            down += pid is None
            print(f"  {name:<12} :{port:<6} {state}")
        return 1 if down else 0


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return bool(response.status == 200)
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./dev", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start everything (idempotent)")
    up.add_argument("--no-demo", action="store_true", help="do not load demo data")
    sub.add_parser("down", help="stop what 'up' started")
    sub.add_parser("status", help="what runs")
    logs = sub.add_parser("logs", help="follow the logs")
    logs.add_argument("component", nargs="?", help="postgres, kafka or a service name")
    args = parser.parse_args(argv)
    stack = Stack(Path(os.environ.get("COPPER_STATE", ROOT / ".state")).resolve())
    if args.command == "up":
        stack.up(demo=not args.no_demo)
    elif args.command == "down":
        stack.down()
    elif args.command == "status":
        return stack.status()
    elif args.command == "logs":
        files = sorted(stack.logs.glob("*.log")) + sorted(stack.state_dir.glob("*/logs/*.log"))
        if args.component:
            files = [f for f in files if f.stem == args.component]
        if not files:
            print("no logs yet", file=sys.stderr)
            return 1
        # Replace this process with tail -F, so Ctrl-C ends it cleanly.
        os.execvp("tail", ["tail", "-n", "50", "-F", *map(str, files)])  # noqa: S606
    return 0


if __name__ == "__main__":
    sys.exit(main())
