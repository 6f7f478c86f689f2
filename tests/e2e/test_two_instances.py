"""Two instances of the production service on the same schema and topics: every membership
event is applied once (consumer group + inbox) and every production event is published once
(SKIP LOCKED + advisory lock in the relay)."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import func, select

from clusterkit.auth import Caller, InternalTokens
from clusterkit.infra.process import free_port, read_pid, spawn, stop, wait_until
from clusterkit.testing import eventually, read_events, read_rows
from devstack import SERVICES, Stack, _http_ok
from production.tables import inbox, organisations

from .test_thin_slice import admit


@pytest.fixture
def second_production(stack: Stack) -> Iterator[str]:
    """Another production process, same settings as the first, on its own port."""
    service = next(s for s in SERVICES if s.name == "production")
    port = free_port()
    pid_file = stack.state_dir / "production-2.pid"
    log_file = stack.logs / "production-2.log"
    spawn(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "production.main:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
        ],
        log_file=log_file,
        pid_file=pid_file,
        env=stack.service_env(service),
    )
    url = f"http://127.0.0.1:{port}"
    wait_until(
        lambda: _http_ok(f"{url}/readyz"),
        timeout=60,
        what="production-2",
        alive=lambda: read_pid(pid_file) is not None,
        log_file=log_file,
    )
    yield url
    stop(pid_file)


async def test_two_instances_apply_and_publish_each_event_once(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack, second_production: str
) -> None:
    # 1. membership events, consumed by a group of two production instances
    members = set(
        await asyncio.gather(*(admit(gateway, admin_key, f"Twin {i} LLC") for i in range(12)))
    )
    url = stack.database_url("production")

    async def all_projected() -> bool:
        found = await read_rows(
            url,
            select(func.count()).select_from(organisations).where(organisations.c.id.in_(members)),
        )
        return bool(found[0][0] == len(members))

    await eventually(all_projected, within=60)
    duplicates = await read_rows(
        url,
        select(func.count()).select_from(
            select(inbox.table.c.event_id)
            .group_by(inbox.table.c.event_id)
            .having(func.count() > 1)
            .subquery()
        ),
    )
    assert duplicates[0][0] == 0

    # 2. production events written through both instances, relayed by both
    token = InternalTokens(stack.config["internal_token_secret"]).mint(
        Caller(role="admin"), audience="production"
    )
    instances = [stack.url("production"), second_production]
    async with httpx.AsyncClient(headers={"X-Internal-Token": token}) as client:

        async def report(i: int, member: str) -> str:
            body = {
                "organisation_id": member,
                "metric": "copper_processed",
                "period": f"2024-{i % 12 + 1:02d}",
                "quantity": str(100 + i),
                "unit": "TNE",
            }
            response = await client.post(f"{instances[i % 2]}/api/v1/production/reports", json=body)
            assert response.status_code == 201, response.text
            return member

        reported = await asyncio.gather(*(report(i, m) for i, m in enumerate(sorted(members))))
    events = await read_events(
        stack.kafka_bootstrap, "production.events", at_least=len(reported), within=60, settle=3
    )
    submitted = Counter(
        e.data["organisation_id"]
        for e in events
        if e.type.endswith("report.submitted.v1") and e.data["organisation_id"] in members
    )
    assert set(submitted) == members
    assert max(submitted.values()) == 1
    assert len({e.id for e in events}) == len(events)  # no event published twice
