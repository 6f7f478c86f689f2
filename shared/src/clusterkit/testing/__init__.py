"""Test support: real PostgreSQL and Kafka for integration and end-to-end tests.

The pytest plugin (``plugin.py``, registered as the ``clusterkit`` entry point) starts a
private Postgres cluster and a Kafka broker once per run on free ports and stops them at
the end, pass or fail. Nothing is skipped: if either cannot start, the run fails.
"""

from clusterkit.testing.fixtures import AsRole, service_fixtures
from clusterkit.testing.helpers import (
    TestDatabase,
    bind_rollback_database,
    eventually,
    internal_token_headers,
    migrate,
    outbox_events,
    read_events,
    read_rows,
    service_client,
    unique,
)

__all__ = [
    "AsRole",
    "TestDatabase",
    "bind_rollback_database",
    "eventually",
    "internal_token_headers",
    "migrate",
    "outbox_events",
    "read_events",
    "read_rows",
    "service_client",
    "service_fixtures",
    "unique",
]
