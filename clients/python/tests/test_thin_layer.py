"""The thin layer over the generated client, against httpx's MockTransport: retries (which
calls, on what, how long apart), the Idempotency-Key on creates, the API key, and the
iterator over cursor pages."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
from copper_cluster import (
    ApiError,
    Cluster,
    OperationDeprecated,
    Retry,
    RetryTransport,
    aitems,
    items,
)
from copper_cluster.retries import AsyncRetryTransport, retry_after
from copper_cluster_client.api.membership_applications import approve, submit_application
from copper_cluster_client.api.membership_members import list_members
from copper_cluster_client.models.application_submission import ApplicationSubmission
from copper_cluster_client.models.contact import Contact
from copper_cluster_client.models.page_member import PageMember
from copper_cluster_client.models.region import Region
from copper_cluster_client.models.sector import Sector
from copper_cluster_client.models.submitted_application import SubmittedApplication
from fastapi import APIRouter, FastAPI

from clusterkit.lifecycle import LifecycleRoute, deprecated

URL = "http://cluster.test"
QUICK = Retry(attempts=4, backoff=0.0)
PROBLEM = {"type": "about:blank", "title": "Service Unavailable", "status": 503}
MEMBER = {
    "legal_name": "Olmaliq Kabel Zavodi LLC",
    "stir": "313678905",
    "region": "UZ-TO",
    "sectors": ["cable_wire"],
    "status": "active",
    "admitted_at": "2026-01-05T10:00:00Z",
}
SUBMITTED = {
    **MEMBER,
    "id": str(uuid.uuid4()),
    "planned_products": [],
    "requested_cathode_tpy": "14000",
    "contact": {"name": "D. Karimov", "email": "info@kabel.uz", "phone": "+998 70 123 45 67"},
    "proposal": "Power cables.",
    "status": "submitted",
    "submitted_at": "2026-01-05T10:00:00Z",
    "updated_at": "2026-01-05T10:00:00Z",
    "version": 1,
    "access_token": "cca_x",
}


class Recorder:
    """A MockTransport handler answering ``answers`` in turn (the last one repeated)."""

    def __init__(self, *answers: httpx.Response | Exception):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


def cluster(handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> Cluster:
    return Cluster(URL, transport=httpx.MockTransport(handler), retry=QUICK, **kwargs)


def submission() -> ApplicationSubmission:
    return ApplicationSubmission(
        legal_name="Olmaliq Kabel Zavodi LLC",
        stir="313678905",
        region=Region.UZ_TO,
        sectors=[Sector.CABLE_WIRE],
        requested_cathode_tpy="14000",
        contact=Contact(name="D. Karimov", email="info@kabel.uz", phone="+998 70 123 45 67"),
        proposal="Power cables.",
    )


def page(*members: dict[str, Any], next_cursor: str | None = None) -> httpx.Response:
    body = [{**m, "id": str(uuid.uuid4())} for m in members]
    return httpx.Response(200, json={"items": body, "next_cursor": next_cursor})


def test_a_get_is_retried_on_503_and_sends_the_api_key() -> None:
    answers = Recorder(httpx.Response(503, json=PROBLEM), page(MEMBER))
    with cluster(answers, api_key="ccp_test") as c:
        answer = list_members.sync(client=c.client)
    assert isinstance(answer, PageMember)
    assert len(answers.requests) == 2
    assert {r.headers["authorization"] for r in answers.requests} == {"Bearer ccp_test"}


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_each_retryable_status_is_retried_until_the_attempts_run_out(status: int) -> None:
    answers = Recorder(httpx.Response(status, json={**PROBLEM, "status": status}))
    with cluster(answers) as c:
        response = list_members.sync_detailed(client=c.client)
    assert response.status_code == status
    assert len(answers.requests) == QUICK.attempts


@pytest.mark.parametrize("status", [400, 404, 409, 500])
def test_other_statuses_are_not_retried(status: int) -> None:
    answers = Recorder(httpx.Response(status, json={**PROBLEM, "status": status}))
    with cluster(answers) as c:
        list_members.sync_detailed(client=c.client)
    assert len(answers.requests) == 1


def test_a_create_gets_an_idempotency_key_and_its_retries_send_the_same_one() -> None:
    answers = Recorder(
        httpx.Response(502, json=PROBLEM),
        httpx.ConnectError("reset"),
        httpx.Response(201, json=SUBMITTED),
    )
    with cluster(answers) as c:
        answer = submit_application.sync(client=c.client, body=submission())
    assert isinstance(answer, SubmittedApplication)
    keys = {r.headers["idempotency-key"] for r in answers.requests}
    assert len(answers.requests) == 3
    assert len(keys) == 1
    assert uuid.UUID(keys.pop())


def test_each_create_gets_a_key_of_its_own_and_a_given_key_is_kept() -> None:
    answers = Recorder(httpx.Response(201, json=SUBMITTED))
    with cluster(answers) as c:
        submit_application.sync(client=c.client, body=submission())
        submit_application.sync(client=c.client, body=submission())
        submit_application.sync(client=c.client, body=submission(), idempotency_key="mine-1")
    keys = [r.headers["idempotency-key"] for r in answers.requests]
    assert keys[0] != keys[1]
    assert keys[2] == "mine-1"


def test_a_post_without_a_key_is_never_repeated() -> None:
    answers = Recorder(httpx.Response(503, json=PROBLEM))
    with cluster(answers) as c:
        approve.sync_detailed(uuid.uuid4(), client=c.client)
    assert len(answers.requests) == 1
    assert "idempotency-key" not in answers.requests[0].headers
    failing = Recorder(httpx.ConnectError("refused"))
    with cluster(failing) as c, pytest.raises(httpx.ConnectError):
        approve.sync_detailed(uuid.uuid4(), client=c.client)
    assert len(failing.requests) == 1


def test_connection_errors_are_retried_and_the_last_one_is_raised() -> None:
    failing = Recorder(httpx.ConnectError("refused"))
    with cluster(failing) as c, pytest.raises(httpx.ConnectError):
        list_members.sync(client=c.client)
    assert len(failing.requests) == QUICK.attempts


def transport(answers: Recorder, retry: Retry, slept: list[float]) -> httpx.Client:
    return httpx.Client(
        base_url=URL,
        transport=RetryTransport(httpx.MockTransport(answers), retry, sleep=slept.append),
    )


def test_the_waits_back_off_and_honour_retry_after() -> None:
    slept: list[float] = []
    answers = Recorder(
        httpx.Response(503),
        httpx.Response(503),
        httpx.Response(429, headers={"Retry-After": "3"}),
        httpx.Response(200),
    )
    with transport(answers, Retry(attempts=5, backoff=1.0, max_delay=10.0), slept) as client:
        assert client.get("/api/v1/membership/members").status_code == 200
    assert 0.5 <= slept[0] <= 1.0  # backoff * 2**0, half of it random
    assert 1.0 <= slept[1] <= 2.0  # backoff * 2**1
    assert slept[2] == 3.0


def test_a_retry_after_longer_than_the_longest_wait_is_answered_at_once() -> None:
    slept: list[float] = []
    answers = Recorder(httpx.Response(503, headers={"Retry-After": "120"}), httpx.Response(200))
    with transport(answers, Retry(max_delay=10.0), slept) as client:
        assert client.get("/api/v1/membership/members").status_code == 503
    assert slept == []
    assert len(answers.requests) == 1


def test_retry_after_as_seconds_or_an_http_date() -> None:
    assert retry_after("7") == 7.0
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 28 <= (retry_after(later) or 0) <= 30
    assert retry_after(format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)) == 0.0
    assert retry_after("soon") is None
    assert retry_after(None) is None


def test_items_walks_every_page_with_its_cursor() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        if cursor is None:
            return page(MEMBER, MEMBER, next_cursor="c2")
        if cursor == "c2":
            return page(MEMBER, MEMBER, next_cursor="c3")
        return page(MEMBER)

    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params.get("cursor"))
        return answer(request)

    with cluster(handler) as c:
        members = list(
            items(lambda cursor: list_members.sync(client=c.client, limit=2, cursor=cursor))
        )
    assert len(members) == 5
    assert seen == [None, "c2", "c3"]
    assert all(m.region is Region.UZ_TO for m in members)


def test_items_raises_the_problem_of_a_refused_page() -> None:
    refused = Recorder(
        httpx.Response(403, json={"type": "x", "title": "Forbidden", "status": 403, "detail": "no"})
    )
    with cluster(refused) as c, pytest.raises(ApiError, match="403 Forbidden: no") as raised:
        list(items(lambda cursor: list_members.sync(client=c.client, cursor=cursor)))
    assert raised.value.problem is not None
    assert raised.value.problem.status == 403


async def test_the_async_calls_retry_and_page_alike() -> None:
    answers = Recorder(
        httpx.Response(503, json=PROBLEM),
        page(MEMBER, next_cursor="c2"),
        httpx.Response(504, json=PROBLEM),
        page(MEMBER, MEMBER),
    )
    async with Cluster(
        URL, async_transport=httpx.MockTransport(answers), retry=QUICK, api_key="ccp_a"
    ) as c:
        members = [
            m
            async for m in aitems(
                lambda cursor: list_members.asyncio(client=c.client, cursor=cursor)
            )
        ]
    assert len(members) == 3
    assert len(answers.requests) == 4
    assert answers.requests[0].headers["authorization"] == "Bearer ccp_a"


async def test_an_async_create_is_retried_with_its_key() -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    answers = Recorder(
        httpx.Response(503, headers={"Retry-After": "1"}), httpx.Response(201, json=SUBMITTED)
    )
    retrying = AsyncRetryTransport(httpx.MockTransport(answers), sleep=sleep)
    async with httpx.AsyncClient(base_url=URL, transport=retrying) as client:
        response = await client.post("/api/v1/supply/requests", json={})
    assert response.status_code == 201
    assert slept == [1.0]
    assert len({r.headers["idempotency-key"] for r in answers.requests}) == 1


def test_the_import_streams_its_rows_once_and_reads_its_summary() -> None:
    answers = Recorder(httpx.Response(200, json={"rows": 2, "applied": 2, "seconds": 0.1}))
    with cluster(answers, api_key="ccp_i") as c:
        summary = c.import_reports(iter([b"organisation_id,metric\n", b"x,y\n"]))
    assert (summary.rows, summary.applied) == (2, 2)
    sent = answers.requests[0]
    assert sent.url.path == "/api/v1/production/reports/import"
    assert sent.headers["content-type"] == "text/csv"
    assert sent.content == b"organisation_id,metric\nx,y\n"
    refused = Recorder(
        httpx.Response(
            503,
            json=PROBLEM,
            headers={"content-type": "application/problem+json"},
        )
    )
    with cluster(refused) as c, pytest.raises(ApiError, match="503"):
        c.import_reports(b"", content_type="application/x-ndjson")
    assert len(refused.requests) == 1  # an import is never repeated


def test_an_answer_of_a_deprecated_operation_warns_with_its_sunset_and_page() -> None:
    headers = {
        "Deprecation": "@1798761600",
        "Sunset": "Thu, 01 Jul 2027 12:00:00 GMT",
        "Link": '<https://docs.example/v2>; rel="deprecation"',
    }
    answers = Recorder(httpx.Response(200, json={"items": []}, headers=headers))
    with (
        cluster(answers) as c,
        pytest.warns(OperationDeprecated, match="after Thu, 01 Jul 2027") as caught,
    ):
        list_members.sync(client=c.client)
    assert "GET /api/v1/membership/members is deprecated" in str(caught[0].message)
    assert "https://docs.example/v2" in str(caught[0].message)


async def test_the_platforms_deprecation_headers_reach_the_caller_as_a_warning() -> None:
    """clusterkit.lifecycle on one side, the client on the other (no network between)."""
    router = APIRouter(route_class=LifecycleRoute)

    @router.get("/api/v1/things")
    @deprecated(
        datetime(2027, 1, 1, tzinfo=UTC),
        sunset=datetime(2027, 7, 1, tzinfo=UTC),
        link="https://docs.example/things-v2",
    )
    async def things() -> dict[str, list[str]]:
        return {"items": []}

    app = FastAPI()
    app.include_router(router)
    async with Cluster(URL, async_transport=httpx.ASGITransport(app=app)) as c:
        with pytest.warns(OperationDeprecated, match="after Thu, 01 Jul 2027 00:00:00 GMT"):
            response = await c.async_http.get("/api/v1/things")
    assert response.json() == {"items": []}
