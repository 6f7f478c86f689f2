"""Small Kafka helpers: topic creation and a reachability probe."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.client import AIOKafkaClient
from aiokafka.errors import TopicAlreadyExistsError


async def ensure_topics(
    bootstrap_servers: str,
    topics: Iterable[str],
    *,
    partitions: int = 3,
    replication: int = 1,
    min_insync: int | None = None,
) -> None:
    """Create the topics that do not exist yet (the broker does not auto-create them), with
    ``replication`` copies of each partition and, when given, ``min_insync`` of them needed
    for a write with ``acks=all`` to be acknowledged (in a three-node cluster: 3 and 2)."""
    configs = {} if min_insync is None else {"min.insync.replicas": str(min_insync)}
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(
                name,
                num_partitions=partitions,
                replication_factor=replication,
                topic_configs=configs,
            )
            for name in topics
            if name not in existing
        ]
        if missing:
            # Another process may create one between the list and the create.
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(missing)
    finally:
        await admin.close()


class KafkaProbe:
    """Answers "is Kafka reachable now?" for ``/readyz``, reusing one metadata client."""

    def __init__(self, bootstrap_servers: str, *, timeout: float = 2.0):
        self.bootstrap_servers = bootstrap_servers
        self.timeout = timeout
        self._client: AIOKafkaClient | None = None

    async def check(self) -> None:
        """Raise if no broker answers a metadata request within the timeout."""
        try:
            if self._client is None:
                client = AIOKafkaClient(
                    bootstrap_servers=self.bootstrap_servers, request_timeout_ms=2000
                )
                self._client = client
                await asyncio.wait_for(client.bootstrap(), self.timeout)
            await asyncio.wait_for(self._client.fetch_all_metadata(), self.timeout)
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.close()
