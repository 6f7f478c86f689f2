"""The local platform's parts: configuration, environment and processes (see devstack)."""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from topology import (
    BACKENDS,
    GATEWAY,
    ROOT,
    SERVICES,
    Instance,
    Mode,
    Service,
    broker_port_names,
    default_port,
    instances,
    step,
)

from clusterkit.infra.balancer import Balancer, Upstream
from clusterkit.infra.jaeger import TraceViewer
from clusterkit.infra.kafka import (
    KafkaBroker,
    KafkaCluster,
    ensure_jars,
    jars_folder,
    min_insync_replicas,
)
from clusterkit.infra.mailpit import MailServer
from clusterkit.infra.postgres import PostgresCluster
from clusterkit.infra.process import free_port, port_open, read_pid, spawn, stop, wait_until
from clusterkit.infra.redis import RedisServer
from clusterkit.kafka import ensure_topics
from clusterkit.provisioning import provision

KAFKA_POM = ROOT / "deploy" / "kafka" / "pom.xml"
DATABASE = "cluster"
TOPICS = ("membership.events", "production.events", "supply.events", "gateway.events")
TOPIC_PARTITIONS = 3
# uvicorn's bound on finishing in-flight requests after SIGTERM (as in the image's
# entrypoint); a stop waits for the drain before it, this and the workers' last batch.
GRACEFUL_SHUTDOWN_SECONDS = 10
STOP_TIMEOUT_SECONDS = 30
# Idle keep-alive connections are closed by the client first (httpx after 5 s, HAProxy's
# pool within 5 s): a server closing one at the moment a client reuses it fails a request
# that may not be retried (a POST); uvicorn's default is 5 s, the same as httpx's.
KEEP_ALIVE_SECONDS = 30
# Trusted as a proxy by the gateways: the balancer, on loopback.
TRUSTED_PROXIES = "127.0.0.1/32"
ADMIN_KEY = ("create", "--name", "local admin", "--role", "admin")


class Parts:
    """The platform's parts and their settings, all kept under ``state_dir``: ports and
    secrets, each service's environment, Kafka, Redis, the balancer, the service instances
    (the commands that start and stop them all are :class:`devstack.Stack`'s)."""

    def __init__(
        self,
        state_dir: Path,
        *,
        any_free_ports: bool = False,
        settings: dict[str, str] | None = None,
        mode: Mode | None = None,
        tracing: bool | None = None,
    ):
        """``any_free_ports``: ignore the default ports (tests run beside a dev stack);
        ``settings``: extra environment for the services (``GATEWAY_RATE_PER_KEY=...``);
        ``mode``: brokers and instances for the next ``up`` (default: as recorded, else one
        of each); ``tracing``: run Jaeger and export every service's spans to it (default:
        as recorded, else off)."""
        self.state_dir = state_dir
        self.any_free_ports = any_free_ports
        self.settings = settings or {}
        self.logs = state_dir / "logs"
        self.config_file = state_dir / "stack.json"
        self.config = self._load_config()
        if mode is not None:
            self.config["mode"] = {"brokers": mode.brokers, "instances": mode.instances}
        if tracing is not None:
            self.config["tracing"] = tracing
        self.postgres = PostgresCluster(state_dir / "postgres", self.port("postgres"))

    # -- configuration: ports and secrets chosen once, kept (mode 600) for later runs ------
    def _load_config(self) -> dict[str, Any]:
        if self.config_file.exists():
            loaded: dict[str, Any] = json.loads(self.config_file.read_text())
            return loaded
        config = {
            "ports": {},
            "internal_token_secret": secrets.token_urlsafe(48),
            # The Fernet key that seals webhook secrets at rest (GATEWAY_WEBHOOK_SECRET_KEYS).
            "webhook_secret_key": Fernet.generate_key().decode(),
            "passwords": {s.name: secrets.token_urlsafe(24) for s in SERVICES},
        }
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.state_dir.chmod(0o755)
        self._save(config)
        return config

    def _save(self, config: dict[str, Any]) -> None:
        self.config_file.write_text(json.dumps(config, indent=2))
        self.config_file.chmod(0o600)

    @property
    def mode(self) -> Mode:
        return Mode(**self.config.get("mode", {}))

    @property
    def tracing(self) -> bool:
        """Traces on: Jaeger runs and the services export to it (``./dev up --tracing``)."""
        return bool(self.config.get("tracing", False))

    def port(self, name: str) -> int:
        """The component's port, chosen the first time it is asked for and kept."""
        ports: dict[str, int] = self.config["ports"]
        if name not in ports:
            wanted = int(os.environ.get(f"COPPER_{name.upper()}_PORT", default_port(name)))
            taken = set(ports.values())
            free = not (self.any_free_ports or port_open(wanted) or wanted in taken)
            ports[name] = wanted if free else free_port()
            self._save(self.config)
        return ports[name]

    def instances(self, service: Service) -> list[Instance]:
        return instances(service, self.mode)

    def instance_url(self, instance: Instance) -> str:
        return f"http://127.0.0.1:{self.port(instance.port_name)}"

    def url(self, service: str) -> str:
        """The gateway's: the door clients use (the balancer when there is one); another
        service's: its first instance."""
        return f"http://127.0.0.1:{self.port(service)}"

    @property
    def kafka_bootstrap(self) -> str:
        return ",".join(broker.bootstrap_servers for broker in self.brokers())

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
        }
        if self.tracing:
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = self.traces.otlp_endpoint
        if service is GATEWAY:
            for upstream in BACKENDS:
                urls = [self.instance_url(i) for i in self.instances(upstream)]
                env[f"GATEWAY_{upstream.name.upper()}_URL"] = urls[0]
                if self.mode.balanced:
                    env[f"GATEWAY_{upstream.name.upper()}_URLS"] = ",".join(urls)
            env["GATEWAY_WEBHOOK_SECRET_KEYS"] = self.config.setdefault(
                "webhook_secret_key", Fernet.generate_key().decode()
            )
            # Notices go to the stack's own mail server; links in them to the gateway.
            env["GATEWAY_SMTP_HOST"] = "127.0.0.1"
            env["GATEWAY_SMTP_PORT"] = str(self.port("mailpit_smtp"))
            env["GATEWAY_PUBLIC_URL"] = self.url("gateway")
            if self.mode.balanced:
                env["GATEWAY_REDIS_URL"] = self.redis().url
                env["GATEWAY_INSTANCES"] = str(self.mode.instances)
                env["GATEWAY_TRUSTED_PROXIES"] = TRUSTED_PROXIES
        return {**env, **self.settings}

    # -- infrastructure ------------------------------------------------------------------
    def brokers(self, libs: Path | None = None) -> list[KafkaBroker]:
        """Kafka's nodes (one, or the cluster's), node 1 first."""
        if self.mode.brokers == 1:
            return [self.kafka(libs)]
        return self.kafka_cluster(libs).nodes

    def kafka(self, libs: Path | None = None) -> KafkaBroker:
        """The single node (single-broker mode)."""
        return KafkaBroker(
            self.state_dir / "kafka",
            libs or jars_folder(KAFKA_POM),
            self.port("kafka"),
            self.port("kafka_controller"),
        )

    def kafka_cluster(self, libs: Path | None = None) -> KafkaCluster:
        names = [broker_port_names(n) for n in range(1, self.mode.brokers + 1)]
        ports = [(self.port(client), self.port(controller)) for client, controller in names]
        return KafkaCluster(self.state_dir, libs or jars_folder(KAFKA_POM), ports)

    def start_kafka(self) -> None:
        libs = ensure_jars(KAFKA_POM)
        if self.mode.brokers == 1:
            self.kafka(libs).start()
        else:
            self.kafka_cluster(libs).start()

    @property
    def mail(self) -> MailServer:
        """Mailpit: SMTP for the notices, and a web UI and API to read what arrived."""
        return MailServer(
            self.state_dir / "mailpit", self.port("mailpit_smtp"), self.port("mailpit")
        )

    @property
    def traces(self) -> TraceViewer:
        """Jaeger: OTLP in from every service, a UI and a query API to read the traces."""
        return TraceViewer(
            self.state_dir / "jaeger",
            self.port("jaeger_otlp"),
            self.port("jaeger"),
            self.port("jaeger_query"),
        )

    def redis(self) -> RedisServer:
        return RedisServer(self.state_dir / "redis", self.port("redis"))

    def balancer(self) -> Balancer:
        upstreams = [Upstream(i.name, self.port(i.port_name)) for i in self.instances(GATEWAY)]
        return Balancer(self.state_dir / "balancer", self.port("gateway"), upstreams)

    def provision(self) -> None:
        asyncio.run(provision(self.postgres.admin_dsn, DATABASE, self.config["passwords"]))

    def create_topics(self) -> None:
        brokers = self.mode.brokers
        insync = min_insync_replicas(brokers) if brokers > 1 else None
        asyncio.run(
            ensure_topics(
                self.kafka_bootstrap,
                TOPICS,
                partitions=TOPIC_PARTITIONS,
                replication=brokers,
                min_insync=insync,
            )
        )

    def migrate(self, service: Service) -> None:
        subprocess.run(
            [sys.executable, "-m", "alembic", "-c", str(service.alembic_ini), "upgrade", "head"],
            env=self.service_env(service),
            check=True,
            capture_output=True,
            text=True,
        )

    # -- services ------------------------------------------------------------------------
    def pid_file(self, service: Service, number: int = 1) -> Path:
        return self.state_dir / f"{Instance(service, number, 1).file_stem}.pid"

    def _log_file(self, instance: Instance) -> Path:
        return self.logs / f"{instance.file_stem}.log"

    def _launch(self, instance: Instance) -> int:
        """Start the instance unless it runs; its pid."""
        pid_file = self.pid_file(instance.service, instance.number)
        running = read_pid(pid_file)
        if running is not None:
            return running
        return spawn(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                f"{instance.service.name}.main:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port(instance.port_name)),
                "--no-access-log",
                "--timeout-graceful-shutdown",
                str(GRACEFUL_SHUTDOWN_SECONDS),
                "--timeout-keep-alive",
                str(KEEP_ALIVE_SECONDS),
            ],
            log_file=self._log_file(instance),
            pid_file=pid_file,
            env=self.service_env(instance.service),
        )

    def _wait_ready(self, instance: Instance, pid: int) -> None:
        pid_file = self.pid_file(instance.service, instance.number)
        wait_until(
            lambda: _http_ok(self.instance_url(instance) + "/readyz"),
            timeout=60,
            what=instance.name,
            alive=lambda: read_pid(pid_file) == pid,
            log_file=self._log_file(instance),
        )

    def start_service(self, service: Service, number: int | None = None) -> None:
        """Start instance ``number`` of ``service`` (default: every instance) unless it runs,
        and wait until each is ready."""
        wanted = self.instances(service)
        if number is not None:
            wanted = [wanted[number - 1]]
        launched = [(instance, self._launch(instance)) for instance in wanted]
        for instance, pid in launched:
            self._wait_ready(instance, pid)

    def start_instance(self, instance: Instance) -> None:
        """Start one instance, of the mode's or one more (a fault test adds one), and wait
        until it is ready."""
        self._wait_ready(instance, self._launch(instance))

    def stop_service(self, service: Service, number: int | None = None) -> bool:
        """SIGTERM (a graceful shutdown), SIGKILL if it outlasts the bound; True if one ran."""
        numbers = [number] if number else [i.number for i in self.instances(service)]
        files = [self.pid_file(service, n) for n in numbers]
        return any(stop_all(files))

    def kill_service(self, service: Service, number: int = 1) -> None:
        """SIGKILL, as a crash would (fault tests); ``start_service`` starts it again."""
        stop(self.pid_file(service, number), timeout=0, sig=signal.SIGKILL)

    def restart(self, service: Service, *, report: bool = True) -> None:
        """Rolling: one instance at a time, SIGTERM, wait for its exit, start it, wait until
        it is ready (and, for a gateway behind the balancer, until the balancer sends to it
        again) before the next."""
        balancer = self.balancer() if service is GATEWAY and self.mode.balanced else None
        for instance in self.instances(service):
            label = f"restart {instance.name} :{self.port(instance.port_name)}"

            def roll(instance: Instance = instance) -> None:
                self.stop_service(instance.service, instance.number)
                self.start_instance(instance)
                if balancer is not None:
                    balancer.wait_up(instance.name)

            if report:
                step(label)(roll)
            else:
                roll()

    def admin_key(self) -> str:
        key_file = self.state_dir / "admin.key"
        if key_file.exists():
            return key_file.read_text().strip()
        key = subprocess.run(
            [sys.executable, "-m", "gateway.cli", *ADMIN_KEY],
            env=self.service_env(GATEWAY),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        key_file.write_text(key + "\n")
        key_file.chmod(0o600)
        return key


def stop_all(pid_files: list[Path], timeout: float = STOP_TIMEOUT_SECONDS) -> list[bool]:
    """Stop several processes at once (each SIGTERM'd, then waited for): a graceful
    shutdown's drain is waited for once, not once per process."""
    if not pid_files:
        return []
    with ThreadPoolExecutor(max_workers=len(pid_files)) as pool:
        return list(pool.map(lambda f: stop(f, timeout=timeout), pid_files))


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return bool(response.status == 200)
    except OSError:
        return False
