"""Apache Kafka (KRaft, each node broker and controller) from Maven Central jars, run with
the machine's Java 17: one node (:class:`KafkaBroker`) or a cluster of three voters
(:class:`KafkaCluster`).

The jars are fetched once by ``mvn dependency:copy-dependencies`` from ``deploy/kafka/pom.xml``
into a cache outside the repository (``$COPPER_CACHE`` or ``~/.cache/copper-cluster``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from clusterkit.infra.process import pid_alive, port_open, read_pid, spawn, stop, wait_until

KAFKA_VERSION = "3.9.1"


def min_insync_replicas(replication: int) -> int:
    """Copies a write needs before it is acknowledged: 2 of 3 in a cluster (one node may be
    away without stopping writes, and no acknowledged write is on one disk only), 1 alone."""
    return 1 if replication < 3 else 2


def cache_dir() -> Path:
    return Path(os.environ.get("COPPER_CACHE", Path.home() / ".cache" / "copper-cluster"))


def jars_folder(pom: Path) -> Path:
    """Where :func:`ensure_jars` keeps the jars of ``pom``'s Kafka version."""
    version = re.search(r"kafka_2\.13</artifactId><version>([^<]+)<", pom.read_text())
    return cache_dir() / f"kafka-{version.group(1) if version else KAFKA_VERSION}" / "libs"


def kafka_jars_cached(pom: Path) -> bool:
    """Whether :func:`ensure_jars` will find the jars already downloaded."""
    return (jars_folder(pom) / ".complete").exists()


def ensure_jars(pom: Path) -> Path:
    """Download Kafka's jars once; return the folder holding them."""
    libs = jars_folder(pom)
    marker = libs / ".complete"
    if marker.exists():
        return libs
    if shutil.which("mvn") is None or shutil.which("java") is None:
        raise RuntimeError("Kafka needs Java 17 and Maven (mvn) on PATH")
    tmp = libs.with_name("libs.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    result = subprocess.run(
        [
            "mvn",
            "-B",
            "-q",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            f"-DoutputDirectory={tmp}",
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mvn could not fetch Kafka's jars:\n{result.stdout[-3000:]}")
    shutil.rmtree(libs, ignore_errors=True)
    tmp.rename(libs)
    marker.touch()
    return libs


LOG4J = """log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
"""


@dataclass(frozen=True)
class Voter:
    node_id: int
    controller_port: int


class KafkaBroker:
    """One KRaft node. Alone (the default) it is its own quorum and keeps one copy of each
    partition; in a :class:`KafkaCluster` it names every voter and keeps ``replication``
    copies, ``min_insync`` of them needed for a write to be acknowledged."""

    def __init__(
        self,
        state_dir: Path,
        libs: Path,
        port: int,
        controller_port: int,
        *,
        node_id: int = 1,
        voters: Sequence[Voter] = (),
        cluster_id: str | None = None,
    ):
        self.state_dir = state_dir
        self.libs = libs
        self.port = port
        self.controller_port = controller_port
        self.node_id = node_id
        self.voters = list(voters) or [Voter(node_id, controller_port)]
        self.cluster_id = cluster_id
        self.data_dir = state_dir / "kafka-data"
        self.config = state_dir / "kafka-server.properties"
        self.log4j = state_dir / "kafka-log4j.properties"
        self.log_file = state_dir / "logs" / "kafka.log"
        self.pid_file = state_dir / "kafka.pid"

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def replication(self) -> int:
        return len(self.voters)

    @property
    def min_insync(self) -> int:
        return min_insync_replicas(self.replication)

    def _java(self, main: str, *args: str) -> list[str]:
        return [
            "java",
            f"-Dlog4j.configuration=file:{self.log4j}",
            "-cp",
            f"{self.libs}/*",
            main,
            *args,
        ]

    def _write_config(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        voters = ",".join(f"{v.node_id}@127.0.0.1:{v.controller_port}" for v in self.voters)
        rf, isr = self.replication, self.min_insync
        self.config.write_text(f"""process.roles=broker,controller
node.id={self.node_id}
controller.quorum.voters={voters}
listeners=PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{self.port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={self.data_dir}
num.partitions=3
default.replication.factor={rf}
min.insync.replicas={isr}
offsets.topic.replication.factor={rf}
offsets.topic.num.partitions={1 if rf == 1 else 3}
transaction.state.log.replication.factor={rf}
transaction.state.log.min.isr={isr}
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
unclean.leader.election.enable=false
""")
        self.log4j.write_text(LOG4J)

    def _new_cluster_id(self) -> str:
        return (
            subprocess.run(
                self._java("kafka.tools.StorageTool", "random-uuid"),
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )

    def _format(self) -> None:
        if (self.data_dir / "meta.properties").exists():
            return
        cluster_id = self.cluster_id or self._new_cluster_id()
        subprocess.run(
            self._java(
                "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(self.config)
            ),
            check=True,
            capture_output=True,
            text=True,
        )

    def running(self) -> bool:
        return read_pid(self.pid_file) is not None and port_open(self.port)

    def _started(self) -> bool:
        try:
            return "Kafka Server started" in self.log_file.read_text(errors="replace")[-20000:]
        except FileNotFoundError:
            return False

    def start(self, *, timeout: float = 90.0) -> None:
        if self.running():
            return
        self.wait_started(self.launch(), timeout=timeout)

    def launch(self) -> int:
        """Start the process without waiting for it (a cluster's nodes start together: none
        is ready before a majority of voters is up)."""
        self._write_config()
        self._format()
        # Mark where this start's log begins, so readiness is read from this start only.
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        if self.log_file.exists():
            self.log_file.rename(self.log_file.with_suffix(".previous.log"))
        argv = [
            "java",
            "-Xms256m",
            "-Xmx512m",
            "-XX:+UseG1GC",
            f"-Dlog4j.configuration=file:{self.log4j}",
            f"-Dkafka.logs.dir={self.state_dir / 'logs'}",
            "-cp",
            f"{self.libs}/*",
            "kafka.Kafka",
            str(self.config),
        ]
        return spawn(argv, log_file=self.log_file, pid_file=self.pid_file)

    def wait_started(self, pid: int, *, timeout: float = 90.0) -> None:
        wait_until(
            lambda: self._started() and port_open(self.port),
            timeout=timeout,
            what=f"Kafka node {self.node_id}",
            alive=lambda: pid_alive(pid),
            log_file=self.log_file,
        )

    def stop(self) -> None:
        stop(self.pid_file, timeout=30)

    def kill(self) -> None:
        """SIGKILL, as a crash would (fault tests)."""
        stop(self.pid_file, timeout=0, sig=signal.SIGKILL)


class KafkaCluster:
    """KRaft nodes, each broker and controller, all of them voters, one cluster id; node
    ``n`` lives in ``state_dir / f"kafka-{n}"`` on its own two ports."""

    def __init__(self, state_dir: Path, libs: Path, ports: Sequence[tuple[int, int]]):
        """``ports``: each node's (client port, controller port), node 1 first."""
        self.state_dir = state_dir
        voters = [Voter(n, controller) for n, (_, controller) in enumerate(ports, start=1)]
        self.id_file = state_dir / "kafka-cluster.id"
        self.nodes = [
            KafkaBroker(
                state_dir / f"kafka-{n}",
                libs,
                port,
                controller,
                node_id=n,
                voters=voters,
            )
            for n, (port, controller) in enumerate(ports, start=1)
        ]

    @property
    def bootstrap_servers(self) -> str:
        return ",".join(node.bootstrap_servers for node in self.nodes)

    def node(self, node_id: int) -> KafkaBroker:
        return self.nodes[node_id - 1]

    def start(self, *, timeout: float = 120.0) -> None:
        # Every node is formatted with the one cluster id, chosen at the first start.
        if not self.id_file.exists():
            self.state_dir.mkdir(parents=True, exist_ok=True)
            self.id_file.write_text(self.nodes[0]._new_cluster_id())
        for node in self.nodes:
            node.cluster_id = self.id_file.read_text().strip()
        launched = {node: node.launch() for node in self.nodes if not node.running()}
        for node, pid in launched.items():
            node.wait_started(pid, timeout=timeout)

    def stop(self) -> None:
        """All nodes at once: one by one, the last would wait for a quorum that is gone."""
        with ThreadPoolExecutor(max_workers=len(self.nodes)) as pool:
            list(pool.map(KafkaBroker.stop, self.nodes))
