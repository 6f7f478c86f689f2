"""One trace across the platform, read back from a real Jaeger: the platform started as
``./dev up --tracing`` starts it, an application submitted and approved through the
gateway with the caller's own W3C ``traceparent``, and the approval's trace holding the
gateway's and membership's HTTP spans, the relay's send to Kafka, the member projections of
production and supply, and the webhook delivery (whose receiver gets the same trace id)."""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from aiohttp import web

from clusterkit.testing import eventually
from devstack import Stack
from platform_stack import admin_key_of, gateway_client, running_platform

from .test_thin_slice import APPLICATIONS, application, bearer

MEMBER_ADMITTED = "uz.coppercluster.membership.member.admitted.v1"


@pytest.fixture(scope="module")
def traced(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    settings = {
        # The receiver below listens on loopback, which the SSRF guard refuses by default.
        "GATEWAY_WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "true",
        "GATEWAY_WEBHOOK_RETRY_BASE_SECONDS": "0.2",
    }
    with running_platform(tmp_path_factory.mktemp("traced"), settings, tracing=True) as stack:
        yield stack


def traceparent() -> tuple[str, str]:
    trace_id = secrets.token_hex(16)
    return trace_id, f"00-{trace_id}-{secrets.token_hex(8)}-01"


def kind(span: dict[str, Any]) -> str | None:
    return next((t["value"] for t in span.get("tags", []) if t["key"] == "span.kind"), None)


def service(span: dict[str, Any]) -> str:
    return str(span["process"].get("serviceName"))


def summary(spans: list[dict[str, Any]]) -> list[tuple[str, str | None, str]]:
    return sorted((service(s), kind(s), s["operationName"]) for s in spans)


async def test_one_trace_spans_gateway_service_kafka_both_projections_and_a_webhook(
    traced: Stack,
) -> None:
    components = {c["name"]: c for c in traced.components()}
    assert components["jaeger"]["pid"] is not None
    assert components["jaeger"]["url"] == traced.traces.url
    admin = bearer(admin_key_of(traced))
    received: list[tuple[dict[str, str], dict[str, Any]]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append((dict(request.headers), json.loads(await request.read())))
        return web.Response(status=200)

    receiver = web.Application()
    receiver.router.add_post("/hook", hook)
    runner = web.AppRunner(receiver)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with gateway_client(traced) as gateway:
            created = await gateway.post(
                "/api/v1/webhooks",
                json={"url": f"http://127.0.0.1:{port}/hook", "event_types": ["membership"]},
                headers=admin,
            )
            assert created.status_code == 201, created.text
            submit_trace, submit_parent = traceparent()
            submitted = await gateway.post(
                APPLICATIONS,
                json=application("Traced Cable LLC"),
                headers={"traceparent": submit_parent},
            )
            assert submitted.status_code == 201, submitted.text
            one = f"{APPLICATIONS}/{submitted.json()['id']}"
            started = await gateway.post(f"{one}/start-review", headers=admin)
            assert started.status_code == 200, started.text
            approve_trace, approve_parent = traceparent()
            approved = await gateway.post(
                f"{one}/approve", headers={**admin, "traceparent": approve_parent}
            )
            assert approved.status_code == 200, approved.text
            member_id = approved.json()["member_id"]

        def admitted_delivery() -> dict[str, str] | None:
            return next(
                (
                    headers
                    for headers, body in received
                    if body["type"] == MEMBER_ADMITTED and body["subject"] == member_id
                ),
                None,
            )

        async def delivered() -> bool:
            return admitted_delivery() is not None

        await eventually(delivered, within=60)
    finally:
        await runner.cleanup()

    # The receiver got the approval's trace (as a header, and in the CloudEvent's body).
    headers = admitted_delivery()
    assert headers is not None
    assert headers["traceparent"].split("-")[1] == approve_trace
    body = next(b for _, b in received if b["type"] == MEMBER_ADMITTED)
    assert body["traceparent"].split("-")[1] == approve_trace

    viewer = traced.traces

    def holds_the_whole_path(spans: list[dict[str, Any]]) -> bool:
        seen = {(service(s), kind(s)) for s in spans}
        processed = {
            service(s)
            for s in spans
            if kind(s) == "consumer" and s["operationName"] == f"process {MEMBER_ADMITTED}"
        }
        delivery = any(
            service(s) == "gateway" and s["operationName"] == "webhook delivery" for s in spans
        )
        return (
            {("gateway", "server"), ("membership", "server"), ("membership", "producer")} <= seen
            and {"production", "supply"} <= processed
            and delivery
        )

    spans: list[dict[str, Any]] = []

    async def whole() -> bool:
        nonlocal spans
        spans = await asyncio.to_thread(viewer.trace, approve_trace)
        return holds_the_whole_path(spans)

    try:
        await eventually(whole, within=60, every=1)
    except TimeoutError:
        pytest.fail(f"the approval's trace is incomplete: {summary(spans)}")
    # All of it is one tree: every span but the gateway's first has its parent in the trace
    # (the caller's span, named by our traceparent, is the root's parent).
    ids = {s["spanID"] for s in spans}
    orphans = [
        s
        for s in spans
        if not any(
            r["spanID"] in ids for r in s.get("references", []) if r["refType"] == "CHILD_OF"
        )
    ]
    assert [service(s) for s in orphans] == ["gateway"], summary(orphans)
    # The webhook delivery sent the trace on: its HTTP client span is in the trace too.
    assert any(service(s) == "gateway" and kind(s) == "client" for s in spans)

    # The submit's own trace: gateway, membership, the send, its webhook delivery.
    async def submit_traced() -> bool:
        found = await asyncio.to_thread(viewer.trace, submit_trace)
        return {("gateway", "server"), ("membership", "server"), ("membership", "producer")} <= {
            (service(s), kind(s)) for s in found
        } and any(s["operationName"] == "webhook delivery" for s in found)

    await eventually(submit_traced, within=30, every=1)
    assert set(await asyncio.to_thread(viewer.services)) >= {
        "gateway",
        "membership",
        "production",
        "supply",
    }


async def test_tracing_on_does_not_change_answers(traced: Stack) -> None:
    """The proxy passes the answer as it is; the trace headers are not echoed to callers."""
    async with httpx.AsyncClient(base_url=traced.url("gateway"), timeout=15) as gateway:
        ready = await gateway.get("/readyz")
        assert ready.status_code == 200, ready.text
        listed = await gateway.get("/api/v1/production/organisations")
        assert listed.status_code == 200, listed.text
        assert "traceparent" not in listed.headers
