"""Documents through the gateway: a 15 MB business plan streamed through to membership and
back, byte for byte; a file over the 20 MB limit refused (413) before the service sees it."""

from __future__ import annotations

import hashlib

import httpx

from .test_thin_slice import APPLICATIONS, application

PLAN = b"%PDF-1.7\n" + b"business plan line\n" * (15 * 1024 * 1024 // 19) + b"%%EOF\n"


async def test_a_large_document_goes_through_and_back_and_a_too_large_one_does_not(
    gateway: httpx.AsyncClient,
) -> None:
    submitted = await gateway.post(APPLICATIONS, json=application("Documents Cable LLC"))
    assert submitted.status_code == 201, submitted.text
    token = {"X-Application-Token": submitted.json()["access_token"]}
    documents = f"{APPLICATIONS}/{submitted.json()['id']}/documents"

    created = await gateway.post(
        documents,
        data={"kind": "business_plan"},
        files={"file": ("plan.pdf", PLAN, "application/pdf")},
        headers=token,
        timeout=60,
    )
    assert created.status_code == 201, created.text
    assert created.json()["sha256"] == hashlib.sha256(PLAN).hexdigest()
    downloaded = await gateway.get(f"{documents}/{created.json()['id']}", headers=token, timeout=60)
    assert downloaded.status_code == 200
    assert hashlib.sha256(downloaded.content).hexdigest() == created.json()["sha256"]

    too_large = b"%PDF-1.7\n" + b"0" * (21 * 1024 * 1024)
    refused = await gateway.post(
        documents,
        data={"kind": "business_plan"},
        files={"file": ("big.pdf", too_large, "application/pdf")},
        headers=token,
        timeout=60,
    )
    assert refused.status_code == 413
    assert refused.headers["content-type"] == "application/problem+json"
    anonymous = await gateway.get(documents)
    assert anonymous.status_code == 401
