"""pytest plugin: session-wide real Postgres and Kafka (see ``clusterkit.testing``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from clusterkit.infra.kafka import KafkaBroker, ensure_jars
from clusterkit.infra.postgres import PostgresCluster
from clusterkit.infra.process import free_port
from clusterkit.kafka import ensure_topics
from clusterkit.testing.helpers import unique


def _find_pom(start: Path) -> Path:
    configured = os.environ.get("COPPER_KAFKA_POM")
    if configured:
        return Path(configured)
    for folder in (start, *start.parents):
        pom = folder / "deploy" / "kafka" / "pom.xml"
        if pom.exists():
            return pom
    raise RuntimeError("deploy/kafka/pom.xml not found; set COPPER_KAFKA_POM")


@pytest.fixture(scope="session")
def infra_state_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="copper-test-"))
    path.chmod(0o755)  # the postgres system user must reach its data folder when we are root
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_cluster(infra_state_dir: Path) -> Iterator[PostgresCluster]:
    """A private PostgreSQL cluster for this run."""
    cluster = PostgresCluster(infra_state_dir / "postgres", free_port())
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(cluster.data_dir.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def kafka_broker(infra_state_dir: Path, request: pytest.FixtureRequest) -> Iterator[KafkaBroker]:
    """A real Kafka broker (KRaft) for this run."""
    libs = ensure_jars(_find_pom(Path(str(request.config.rootpath))))
    broker = KafkaBroker(infra_state_dir / "kafka", libs, free_port(), free_port())
    try:
        broker.start()
        yield broker
    finally:
        broker.stop()


@pytest.fixture
async def kafka_topic(kafka_broker: KafkaBroker) -> str:
    """A fresh topic (3 partitions) for one test."""
    name = unique("test-topic")
    await ensure_topics(kafka_broker.bootstrap_servers, [name])
    return name
