"""Membership through the gateway with real keys: idempotent submit, duplicates, ETag
concurrency, role checks, and events that match their published contracts."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import httpx

from clusterkit.testing import read_events
from devstack import SERVICES, Stack
from membership.events import contracts

from .test_thin_slice import APPLICATIONS, MEMBERS_URL, admit, application, bearer


def issue_key(stack: Stack, role: str, organisation_id: str | None = None) -> str:
    """A key made with the gateway's command-line tool, as an operator would."""
    argv = [sys.executable, "-m", "gateway.cli", "create", "--name", f"e2e {role}", "--role", role]
    if organisation_id:
        argv += ["--organisation-id", organisation_id]
    gateway = next(s for s in SERVICES if s.name == "gateway")
    done = subprocess.run(
        argv, env=stack.service_env(gateway), check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


async def test_a_retried_submit_with_the_same_key_creates_one_application(
    gateway: httpx.AsyncClient,
) -> None:
    body = application("Retry Wire LLC")
    headers = {"Idempotency-Key": "e2e-retry-1"}
    first, second = await asyncio.gather(
        gateway.post(APPLICATIONS, json=body, headers=headers),
        gateway.post(APPLICATIONS, json=body, headers=headers),
    )
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    duplicate = await gateway.post(APPLICATIONS, json=body)
    assert duplicate.status_code == 409
    assert duplicate.json()["existing"] == f"{APPLICATIONS}/{first.json()['id']}"


async def test_member_keys_edit_only_their_own_entry_with_if_match(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    mine = await admit(gateway, admin_key, "Keyholder Cable LLC")
    theirs = await admit(gateway, admin_key, "Neighbour Cable LLC")
    key = await asyncio.to_thread(issue_key, stack, "member", mine)
    contact = {"name": "New Contact", "email": "new@keyholder.uz", "phone": "+998 71 000 11 22"}

    own = await gateway.get(f"{MEMBERS_URL}/{mine}", headers=bearer(key))
    assert own.json()["contact"]["email"] == "t@example.uz"
    other = await gateway.get(f"{MEMBERS_URL}/{theirs}", headers=bearer(key))
    assert "contact" not in other.json()

    etag = own.headers["etag"]
    no_match = await gateway.patch(
        f"{MEMBERS_URL}/{mine}", json={"contact": contact}, headers=bearer(key)
    )
    assert no_match.status_code == 428
    done = await gateway.patch(
        f"{MEMBERS_URL}/{mine}",
        json={"contact": contact},
        headers={**bearer(key), "If-Match": etag},
    )
    assert done.status_code == 200, done.text
    stale = await gateway.patch(
        f"{MEMBERS_URL}/{mine}",
        json={"contact": contact},
        headers={**bearer(key), "If-Match": etag},
    )
    assert stale.status_code == 412
    assert stale.json()["current_version"] == int(done.headers["etag"].strip('"'))
    foreign = await gateway.patch(
        f"{MEMBERS_URL}/{theirs}",
        json={"contact": contact},
        headers={**bearer(key), "If-Match": '"1"'},
    )
    assert foreign.status_code == 403
    review = await gateway.get(APPLICATIONS, headers=bearer(key))
    assert review.status_code == 403


async def test_every_membership_event_on_kafka_fits_its_contract(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    await admit(gateway, admin_key, "Contract Check LLC")
    events = await read_events(stack.kafka_bootstrap, "membership.events", at_least=3)
    assert events
    for event in events:
        contracts.validate(event.type, dict(event.data))
        assert event.source == contracts.source
