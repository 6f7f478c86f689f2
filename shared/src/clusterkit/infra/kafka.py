"""An Apache Kafka broker (KRaft, combined broker and controller, one node) from Maven
Central jars, run with the machine's Java 17.

The jars are fetched once by ``mvn dependency:copy-dependencies`` from ``deploy/kafka/pom.xml``
into a cache outside the repository (``$COPPER_CACHE`` or ``~/.cache/copper-cluster``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

from clusterkit.infra.process import pid_alive, port_open, read_pid, spawn, stop, wait_until

KAFKA_VERSION = "3.9.1"


def cache_dir() -> Path:
    return Path(os.environ.get("COPPER_CACHE", Path.home() / ".cache" / "copper-cluster"))


def _jars_folder(pom: Path) -> Path:
    version = re.search(r"kafka_2\.13</artifactId><version>([^<]+)<", pom.read_text())
    return cache_dir() / f"kafka-{version.group(1) if version else KAFKA_VERSION}" / "libs"


def kafka_jars_cached(pom: Path) -> bool:
    """Whether :func:`ensure_jars` will find the jars already downloaded."""
    return (_jars_folder(pom) / ".complete").exists()


def ensure_jars(pom: Path) -> Path:
    """Download Kafka's jars once; return the folder holding them."""
    libs = _jars_folder(pom)
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


class KafkaBroker:
    def __init__(self, state_dir: Path, libs: Path, port: int, controller_port: int):
        self.state_dir = state_dir
        self.libs = libs
        self.port = port
        self.controller_port = controller_port
        self.data_dir = state_dir / "kafka-data"
        self.config = state_dir / "kafka-server.properties"
        self.log4j = state_dir / "kafka-log4j.properties"
        self.log_file = state_dir / "logs" / "kafka.log"
        self.pid_file = state_dir / "kafka.pid"

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

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
        self.config.write_text(f"""process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{self.controller_port}
listeners=PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:{self.port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={self.data_dir}
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
""")
        self.log4j.write_text(LOG4J)

    def _format(self) -> None:
        if (self.data_dir / "meta.properties").exists():
            return
        cluster_id = (
            subprocess.run(
                self._java("kafka.tools.StorageTool", "random-uuid"),
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
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
        pid = spawn(argv, log_file=self.log_file, pid_file=self.pid_file)
        wait_until(
            lambda: self._started() and port_open(self.port),
            timeout=timeout,
            what="Kafka",
            alive=lambda: pid_alive(pid),
            log_file=self.log_file,
        )

    def stop(self) -> None:
        stop(self.pid_file, timeout=30)

    def kill(self) -> None:
        """SIGKILL, as a crash would (fault tests)."""
        stop(self.pid_file, timeout=0, sig=signal.SIGKILL)
