"""What the local platform is made of: the services, how many brokers and instances of each,
and the port each component listens on by default.

Ports are settable one by one as ``COPPER_<COMPONENT>_PORT`` (the component's port name in
capitals): ``COPPER_KAFKA_2_PORT``, ``COPPER_MEMBERSHIP_2_PORT``, ``COPPER_GATEWAY_1_PORT``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


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
GATEWAY = SERVICES[-1]
BACKENDS = SERVICES[:-1]
# One broker, one instance each (./dev up), or a cluster (./dev up --brokers 3 --instances 2).
MAX_BROKERS = 5
MAX_INSTANCES = 9


@dataclass(frozen=True)
class Mode:
    brokers: int = 1
    instances: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.brokers <= MAX_BROKERS:
            raise ValueError(f"--brokers takes 1 to {MAX_BROKERS}")
        if not 1 <= self.instances <= MAX_INSTANCES:
            raise ValueError(f"--instances takes 1 to {MAX_INSTANCES}")

    @property
    def balanced(self) -> bool:
        """Several gateways: the balancer in front of them and Redis for their buckets."""
        return self.instances > 1

    def describe(self) -> str:
        return f"--brokers {self.brokers} --instances {self.instances}"


@dataclass(frozen=True)
class Instance:
    """One process of a service: ``number`` from 1, its port under ``port_name``."""

    service: Service
    number: int
    of: int  # how many instances the service has

    @property
    def name(self) -> str:
        return self.service.name if self.of == 1 else f"{self.service.name}-{self.number}"

    @property
    def port_name(self) -> str:
        # With a balancer the gateway's own port is the balancer's: its instances take theirs.
        if self.service is GATEWAY and self.of > 1:
            return f"gateway_{self.number}"
        return self.service.name if self.number == 1 else f"{self.service.name}_{self.number}"

    @property
    def file_stem(self) -> str:
        """Its pid and log files' name (instance 1's as in the single-node stack)."""
        return self.service.name if self.number == 1 else f"{self.service.name}-{self.number}"


def instances(service: Service, mode: Mode) -> list[Instance]:
    return [Instance(service, n, mode.instances) for n in range(1, mode.instances + 1)]


def broker_port_names(node_id: int) -> tuple[str, str]:
    """Node ``node_id``'s client and controller port names (node 1's as in the single-node
    stack)."""
    if node_id == 1:
        return "kafka", "kafka_controller"
    return f"kafka_{node_id}", f"kafka_{node_id}_controller"


def default_port(name: str) -> int:
    """The port a component takes unless ``COPPER_<NAME>_PORT`` says otherwise: brokers
    9092/9093, then two more per node (node 2: 9094/9095); instance n of a service its
    first port + 10·(n-1) (membership-2: 8011); gateways behind the balancer 8010, 8020 ..."""
    fixed = {"postgres": 55432, "redis": 6379, "kafka": 9092, "kafka_controller": 9093}
    fixed |= {"mailpit_smtp": 1025, "mailpit": 8025}  # Mailpit's own defaults
    # Jaeger's own defaults: OTLP/HTTP in, the UI (and query API), the query's gRPC.
    fixed |= {"jaeger_otlp": 4318, "jaeger": 16686, "jaeger_query": 16685}
    fixed |= {s.name: s.default_port for s in SERVICES}
    if name in fixed:
        return fixed[name]
    parts = name.split("_")
    number = int(parts[1])
    if parts[0] == "kafka":
        return 9092 + 2 * (number - 1) + (1 if parts[-1] == "controller" else 0)
    if parts[0] == GATEWAY.name:
        return GATEWAY.default_port + 10 * number
    service = next(s for s in SERVICES if s.name == parts[0])
    return service.default_port + 10 * (number - 1)


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
