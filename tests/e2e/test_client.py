"""The typed client (clients/python) against the running platform: the document it is
generated from is the one the gateway serves, and the example's calls work through the
gateway (the registry across its pages, a submit repeated with one Idempotency-Key making
one application, problems read as problems, the async calls alike)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from uuid import UUID

import cluster_client_example as example
import httpx
import pytest
from client_codegen import merged_openapi
from copper_cluster import ApiError, Cluster, aitems, items
from copper_cluster_client.api.membership_applications import (
    approve,
    list_applications,
    start_review,
    submit_application,
)
from copper_cluster_client.api.membership_members import list_members
from copper_cluster_client.api.supply_members import list_members as supply_members
from copper_cluster_client.models.application import Application
from copper_cluster_client.models.application_status import ApplicationStatus
from copper_cluster_client.models.page_member import PageMember
from copper_cluster_client.models.problem import Problem

from clusterkit.testing import eventually
from devstack import Stack


def new_stir() -> str:
    return str(100_000_000 + uuid.uuid4().int % 899_999_999)


@pytest.fixture
async def cluster(stack: Stack, admin_key: str) -> AsyncIterator[Cluster]:
    async with Cluster(stack.url("gateway"), api_key=admin_key) as admin:
        yield admin


def admit(cluster: Cluster, name: str) -> UUID:
    submitted = example.submit(cluster, example.application(new_stir(), name))
    assert isinstance(start_review.sync(submitted.id, client=cluster.client), Application)
    approved = approve.sync(submitted.id, client=cluster.client)
    assert isinstance(approved, Application), approved
    assert isinstance(approved.member_id, UUID)
    return approved.member_id


async def test_the_served_openapi_is_the_one_the_client_is_generated_from(
    gateway: httpx.AsyncClient,
) -> None:
    served = (await gateway.get("/openapi.json")).json()
    offline = merged_openapi()
    assert served.keys() == offline.keys()
    assert served["paths"].keys() == offline["paths"].keys()
    assert served["components"] == offline["components"]
    assert served == offline


def test_the_registry_is_listed_across_its_pages(cluster: Cluster) -> None:
    admitted = {admit(cluster, f"Paged Wire {n} LLC") for n in range(5)}
    first = list_members.sync(client=cluster.client, limit=2)
    assert isinstance(first, PageMember)
    assert len(first.items) == 2
    assert isinstance(first.next_cursor, str)  # more than one page
    members = example.registry(cluster, page_size=2)
    ids = [m.id for m in members]
    assert admitted <= set(ids)
    assert len(ids) == len(set(ids))  # no page repeated
    assert ids == [m.id for m in example.registry(cluster, page_size=200)]


def test_a_submit_repeated_with_one_key_makes_one_application(cluster: Cluster) -> None:
    stir, key = new_stir(), f"client-e2e-{uuid.uuid4()}"
    body = example.application(stir, "Once Only Wire LLC")
    first = example.submit(cluster, body, idempotency_key=key)
    again = example.submit(cluster, body, idempotency_key=key)
    assert again.id == first.id
    assert again.access_token == first.access_token
    # Without a key of the caller's, the client gives the call one: a new application
    # for another company, and the same company's second one is refused as such.
    other = example.submit(cluster, example.application(new_stir(), "Other Wire LLC"))
    assert other.id != first.id
    refused = submit_application.sync(client=cluster.client, body=body)
    assert isinstance(refused, Problem)
    assert refused.status == 409
    same_stir = [
        a.id
        for a in items(
            lambda cursor: list_applications.sync(
                client=cluster.client, status=ApplicationStatus.SUBMITTED, cursor=cursor
            )
        )
        if a.stir == stir
    ]
    assert same_stir == [first.id]


def test_a_refused_call_reads_as_its_problem(stack: Stack) -> None:
    with Cluster(stack.url("gateway")) as anonymous:
        unknown = approve.sync(uuid.uuid4(), client=anonymous.client)
        assert isinstance(unknown, Problem)
        assert unknown.status == 404
        assert unknown.type_.endswith("/not-found")
        with pytest.raises(ApiError) as raised:
            list(
                items(lambda cursor: list_applications.sync(client=anonymous.client, cursor=cursor))
            )
        assert raised.value.problem is not None
        assert raised.value.problem.status in (401, 403)


async def test_the_async_calls_page_alike(cluster: Cluster) -> None:
    member_id = admit(cluster, "Async Wire LLC")

    async def projected() -> bool:
        ids = [
            m.id
            async for m in aitems(
                lambda cursor: supply_members.asyncio(client=cluster.client, limit=2, cursor=cursor)
            )
        ]
        return member_id in ids

    await eventually(projected, within=30)


def test_the_example_runs_as_written(
    stack: Stack,
    admin_key: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COPPER_API_KEY", admin_key)
    example.main(["example", stack.url("gateway")])
    printed = capsys.readouterr().out
    assert " members, e.g. " in printed
    first, repeat = printed.split("application ")[1].split(" (submitted); the repeat: ")
    assert first == repeat.strip()
