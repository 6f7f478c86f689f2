"""The local platform without Docker: ``./dev up | down | status | logs | restart``.

Starts a private PostgreSQL 15 cluster and Apache Kafka (KRaft) in a state folder
(``.state/`` or ``$COPPER_STATE``), provisions one schema and role per service, runs each
service's migrations, starts the four services and issues an admin API key. With
``--brokers 3 --instances 2`` Kafka is a three-node cluster, each service and the gateway
run twice, HAProxy balances the gateways on the gateway port and Redis holds their shared
rate limits. Every step is idempotent: a second ``up`` reuses what already runs; ``down``
stops exactly the processes recorded in the state folder (its mode in ``stack.json``, a pid
file per process).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from parts import DATABASE, TOPIC_PARTITIONS, TOPICS, Parts, _http_ok, stop_all
from topology import BACKENDS, GATEWAY, ROOT, SERVICES, Mode, Service, step

from clusterkit.infra.process import read_pid

__all__ = [
    "DATABASE",
    "SERVICES",
    "TOPICS",
    "TOPIC_PARTITIONS",
    "Mode",
    "Service",
    "Stack",
    "_http_ok",
]


class Stack(Parts):
    """The platform in ``state_dir``: ``up``, ``down``, ``restart``, ``components``."""

    def components(self) -> list[dict[str, Any]]:
        """Every component of the recorded mode, running or not, in start order: ``name``,
        ``pid`` (None: not running), ``port``, ``url`` where it has one; brokers ``node_id``."""
        found: list[dict[str, Any]] = [
            {
                "name": "postgres",
                "pid": read_pid(self.postgres.pid_file),
                "port": self.postgres.port,
            }
        ]
        brokers = self.brokers()
        for broker in brokers:
            found.append(
                {
                    "name": "kafka" if len(brokers) == 1 else f"kafka-{broker.node_id}",
                    "node_id": broker.node_id,
                    "pid": read_pid(broker.pid_file),
                    "port": broker.port,
                    "controller_port": broker.controller_port,
                }
            )
        mail = self.mail
        found.append(
            {
                "name": "mailpit",
                "pid": mail.pid,
                "port": mail.ui_port,
                "smtp_port": mail.smtp_port,
                "url": mail.url,
            }
        )
        if self.tracing:
            traces = self.traces
            found.append(
                {
                    "name": "jaeger",
                    "pid": traces.pid,
                    "port": traces.ui_port,
                    "otlp_port": traces.otlp_port,
                    "url": traces.url,
                }
            )
        if self.mode.balanced:
            redis = self.redis()
            found.append(
                {
                    "name": "redis",
                    "pid": read_pid(redis.pid_file),
                    "port": redis.port,
                    "url": redis.url,
                }
            )
        for service in SERVICES:
            for instance in self.instances(service):
                found.append(
                    {
                        "name": instance.name,
                        "service": service.name,
                        "instance": instance.number,
                        "pid": read_pid(self.pid_file(service, instance.number)),
                        "port": self.port(instance.port_name),
                        "url": self.instance_url(instance),
                    }
                )
        if self.mode.balanced:
            balancer = self.balancer()
            found.append(
                {
                    "name": "balancer",
                    "pid": read_pid(balancer.pid_file),
                    "port": balancer.port,
                    "url": balancer.url,
                }
            )
        return found

    def running(self) -> list[str]:
        return [c["name"] for c in self.components() if c["pid"] is not None]

    def up(self, *, demo: bool = True) -> None:
        started = time.monotonic()
        mode = self.mode
        as_cluster = f" {mode.describe()}" if mode != Mode() else ""
        print(f"Copper Cluster Platform: starting{as_cluster} (state in {self.state_dir})")
        self._save(self.config)  # the mode, so down, status and restart know what runs
        step(f"postgres :{self.port('postgres')}")(self.postgres.start)
        brokers = ",".join(str(b.port) for b in self.brokers())
        what = "KRaft" if mode.brokers == 1 else f"KRaft, {mode.brokers} voters"
        step(f"kafka :{brokers} ({what})")(self.start_kafka)
        mail = self.mail
        step(f"mailpit :{mail.smtp_port} (SMTP), :{mail.ui_port} (web)")(mail.start)
        if self.tracing:
            traces = self.traces
            step(f"jaeger :{traces.otlp_port} (OTLP), :{traces.ui_port} (web)")(traces.start)
        if mode.balanced:
            step(f"redis :{self.port('redis')}")(self.redis().start)
        step(f"database '{DATABASE}', schemas, roles")(self.provision)
        copies = f"({mode.brokers} copies) " if mode.brokers > 1 else ""
        step(f"topics {copies}" + ", ".join(TOPICS))(self.create_topics)
        for service in SERVICES:
            step(f"migrate {service.name}")(functools.partial(self.migrate, service))
        for service in SERVICES:
            ports = ",".join(str(self.port(i.port_name)) for i in self.instances(service))
            step(f"{service.name} :{ports}")(functools.partial(self.start_service, service))
        if mode.balanced:
            balancer = self.balancer()
            step(f"balancer (HAProxy) :{balancer.port}")(balancer.start)
            for instance in self.instances(GATEWAY):
                balancer.wait_up(instance.name)
        key = step("admin API key")(self.admin_key)
        if demo:
            from demo import load_demo_data

            step("demo data")(lambda: load_demo_data(self.url("gateway"), key))
        gateway = self.url("gateway")
        print(f"\nReady in {time.monotonic() - started:.1f}s.")
        door = " (the balancer)" if mode.balanced else ""
        print(f"  gateway      {gateway}{door}   (API under {gateway}/api/v1/)")
        print(f"  readiness    {gateway}/readyz")
        print(f"  mail         {self.mail.url}   (Mailpit: every notice the platform sent)")
        if self.tracing:
            print(f"  traces       {self.traces.url}   (Jaeger: every request's trace)")
        for service in BACKENDS:
            urls = " ".join(self.instance_url(i) for i in self.instances(service))
            print(f"  {service.name:<12} {urls}   (direct; only with the gateway's internal token)")
        print(f"  admin key    {key}")
        print(f"               (also in {self.state_dir / 'admin.key'})")
        print(f"  logs         ./dev logs [component]   ({self.logs})")
        print("  status       ./dev status [--json]")

    def down(self) -> None:
        # The balancer first (no new requests), then every service instance at once (each
        # drains and finishes in-flight work), then what they use.
        if self.mode.balanced and self.balancer().stop():
            print("  stopped balancer")
        files = [
            (instance.name, self.pid_file(service, instance.number))
            for service in reversed(SERVICES)
            for instance in self.instances(service)
        ]
        for (name, _), stopped in zip(files, stop_all([f for _, f in files]), strict=True):
            if stopped:
                print(f"  stopped {name}")
        if self.mode.balanced and read_pid(self.redis().pid_file):
            self.redis().stop()
            print("  stopped redis")
        if self.mail.pid:
            self.mail.stop()
            print("  stopped mailpit")
        if (self.tracing or (self.state_dir / "jaeger").exists()) and self.traces.pid:
            self.traces.stop()
            print("  stopped jaeger")
        brokers = [b.node_id for b in self.brokers() if read_pid(b.pid_file)]
        if brokers:
            if self.mode.brokers == 1:
                self.kafka().stop()
            else:
                self.kafka_cluster().stop()
            print("  stopped kafka" + (f" nodes {brokers}" if self.mode.brokers > 1 else ""))
        if read_pid(self.postgres.pid_file):
            self.postgres.stop()
            print("  stopped postgres")

    def status(self, *, as_json: bool = False) -> int:
        components = self.components()
        if as_json:
            mode = {"brokers": self.mode.brokers, "instances": self.mode.instances}
            print(json.dumps({"state": str(self.state_dir), **mode, "components": components}))
        else:
            for c in components:
                state = f"running (pid {c['pid']})" if c["pid"] else "stopped"
                print(f"  {c['name']:<14} :{c['port']:<6} {state}")
        return 1 if any(c["pid"] is None for c in components) else 0


def _service(name: str) -> Service:
    return next(s for s in SERVICES if s.name == name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./dev", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("up", help="start everything (idempotent)")
    up.add_argument("--no-demo", action="store_true", help="do not load demo data")
    up.add_argument("--brokers", type=int, default=1, help="Kafka nodes (3: a cluster)")
    up.add_argument("--instances", type=int, default=1, help="instances of each service")
    up.add_argument(
        "--tracing", action="store_true", help="also run Jaeger; the services export traces to it"
    )
    sub.add_parser("down", help="stop what 'up' started")
    status = sub.add_parser("status", help="what runs")
    status.add_argument("--json", action="store_true", help="as JSON, every component")
    restart = sub.add_parser("restart", help="rolling restart of a service, one at a time")
    restart.add_argument("service", choices=[s.name for s in SERVICES])
    logs = sub.add_parser("logs", help="follow the logs")
    logs.add_argument("component", nargs="?", help="postgres, kafka, a service or an instance")
    args = parser.parse_args(argv)
    state = Path(os.environ.get("COPPER_STATE", ROOT / ".state")).resolve()
    if args.command == "up":
        wanted = Mode(brokers=args.brokers, instances=args.instances)
        stack = Stack(state)
        if stack.mode != wanted and stack.running():
            print(
                f"the stack in {state} runs as {stack.mode.describe()}: "
                "./dev down first to start it as " + wanted.describe(),
                file=sys.stderr,
            )
            return 1
        if stack.tracing != args.tracing and stack.running():
            print(
                f"the stack in {state} runs with tracing {'on' if stack.tracing else 'off'}: "
                "./dev down first to change it",
                file=sys.stderr,
            )
            return 1
        Stack(state, mode=wanted, tracing=args.tracing).up(demo=not args.no_demo)
        return 0
    stack = Stack(state)
    if args.command == "down":
        stack.down()
    elif args.command == "status":
        return stack.status(as_json=args.json)
    elif args.command == "restart":
        if not stack.running():
            print("nothing runs; ./dev up first", file=sys.stderr)
            return 1
        stack.restart(_service(args.service))
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
