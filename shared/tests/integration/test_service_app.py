"""A service built with create_service_app: auth, problems, request ids, health, metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, Field
from sqlalchemy import insert, select

from clusterkit.app import WriteDep, create_service_app
from clusterkit.auth import Caller, CallerDep, InternalTokens
from clusterkit.database import Database
from clusterkit.events import CloudEvent
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.infra.process import free_port
from clusterkit.settings import ServiceSettings
from clusterkit.sql import SQL, Query, parameters
from clusterkit.unit_of_work import UnitOfWork

from .conftest import Schema

SECRET = "integration-test-secret-integration"


class Thing(BaseModel):
    id: str = Field(min_length=1, max_length=20)
    n: int = Field(ge=0)


def build(
    schema: Schema, broker: KafkaBroker, database: Database | None = None
) -> httpx.AsyncClient:
    app = build_app(schema, broker, database)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://kit")


def build_app(
    schema: Schema,
    broker: KafkaBroker,
    database: Database | None = None,
    routers: Sequence[APIRouter] = (),
) -> FastAPI:
    router = APIRouter(prefix="/api/v1/kit")
    add = Query(insert(schema.things).values(**parameters(schema.things, ["id", "n"])))

    async def create_thing(uow: UnitOfWork, thing: Thing) -> None:
        await uow.execute(add, id=thing.id, n=thing.n)
        uow.publish(
            CloudEvent(
                type="uz.coppercluster.kit.thing.created.v1",
                source="/kit",
                subject=thing.id,
                data={"n": thing.n, "by": uow.caller.role},
            )
        )

    @router.post("/things", status_code=201)
    async def create(body: Thing, write: WriteDep, caller: CallerDep) -> dict[str, str]:
        await write(create_thing, body)
        return {"id": body.id}

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    settings = ServiceSettings(
        environment="test",
        run_workers=False,
        kafka_bootstrap_servers=broker.bootstrap_servers,
        internal_token_secret=SECRET,
        database_url=schema.url,
    )  # type: ignore[arg-type]
    return create_service_app(
        name="kit",
        title="kit",
        settings=settings,
        routers=[router, *routers],
        outbox=schema.outbox,
        database=database or schema.database,
    )


def token(audience: str = "kit", role: str = "member") -> dict[str, str]:
    minted = InternalTokens(SECRET).mint(
        Caller(role=role, organisation_id="o1"),  # type: ignore[arg-type]
        audience=audience,
    )
    return {"X-Internal-Token": minted}


@pytest.fixture
async def client(schema: Schema, kafka_broker: KafkaBroker) -> AsyncIterator[httpx.AsyncClient]:
    async with build(schema, kafka_broker) as client:
        yield client


def assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert body["request_id"] == response.headers["x-request-id"]
    return body


async def test_without_the_gateway_token_a_call_is_401(client: httpx.AsyncClient) -> None:
    thing = {"id": "t1", "n": 1}
    assert_problem(await client.post("/api/v1/kit/things", json=thing), 401)
    assert_problem(
        await client.post(
            "/api/v1/kit/things", json=thing, headers={"X-Internal-Token": "garbage"}
        ),
        401,
    )
    other_service = token(audience="supply")
    assert_problem(await client.post("/api/v1/kit/things", json=thing, headers=other_service), 401)
    # probes stay open for the orchestrator
    assert (await client.get("/healthz")).status_code == 200


async def test_a_write_stores_row_and_event_with_the_request_id(
    client: httpx.AsyncClient, schema: Schema
) -> None:
    response = await client.post(
        "/api/v1/kit/things",
        json={"id": "t2", "n": 5},
        headers={**token(), "X-Request-ID": "req-abc-123"},
    )
    assert response.status_code == 201, response.text
    assert response.headers["x-request-id"] == "req-abc-123"
    outbox = schema.outbox.table
    async with schema.database.connection() as connection:
        rows = await SQL(connection).fetch(Query(select(outbox)))
    assert len(rows) == 1
    assert rows[0]["requestid"] == "req-abc-123"
    assert rows[0]["subject"] == "t2"
    assert rows[0]["data"] == {"n": 5, "by": "member"}


async def test_bad_input_is_422_naming_every_field(client: httpx.AsyncClient) -> None:
    body = assert_problem(
        await client.post("/api/v1/kit/things", json={"id": "", "n": "x"}, headers=token()), 422
    )
    assert {e["field"] for e in body["errors"]} == {"id", "n"}  # type: ignore[union-attr]
    malformed = await client.post(
        "/api/v1/kit/things",
        content=b'{"id": ',
        headers={**token(), "content-type": "application/json"},
    )
    assert assert_problem(malformed, 422)["errors"][0]["type"] == "json_invalid"  # type: ignore[index]
    assert_problem(await client.get("/api/v1/kit/nowhere", headers=token()), 404)
    assert_problem(await client.put("/api/v1/kit/things", headers=token()), 405)


async def test_an_unexpected_error_is_a_bare_500_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/kit/boom", headers=token())
    body = assert_problem(response, 500)
    assert "passwd" not in response.text
    assert "Traceback" not in response.text
    assert set(body) == {"type", "title", "status", "instance", "request_id"}


async def test_database_unreachable_is_503_and_readyz_names_postgres(
    schema: Schema, kafka_broker: KafkaBroker
) -> None:
    nowhere = Database(f"postgresql+asyncpg://kit:pw@127.0.0.1:{free_port()}/kit", pool_size=1)
    async with build(schema, kafka_broker, database=nowhere) as client:
        write = await client.post("/api/v1/kit/things", json={"id": "t3", "n": 1}, headers=token())
        body = assert_problem(write, 503)
        assert write.headers["retry-after"]
        ready = await client.get("/readyz")
        body = assert_problem(ready, 503)
        checks = body["checks"]
        assert checks["kafka"] == "ok"  # type: ignore[index]
        assert checks["postgres"].startswith("unavailable")  # type: ignore[index]
    await nowhere.dispose()


async def test_readyz_and_metrics(client: httpx.AsyncClient) -> None:
    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"status": "ready", "checks": {"postgres": "ok", "kafka": "ok"}}
    await client.post("/api/v1/kit/things", json={"id": "t4", "n": 1}, headers=token())
    text = (await client.get("/metrics")).text
    assert 'http_requests_total{method="POST",route="/api/v1/kit/things",status="201"}' in text
    assert "outbox_backlog{" in text
    assert "outbox_oldest_unpublished_age_seconds{" in text
