"""An application's documents through the HTTP API: upload (multipart), list, download,
and what is refused: too large (413), not what it claims or a program (415), missing parts
(422), someone else's (403/404), anonymous callers (401, learning nothing)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from typing import Any

import httpx

from ..conftest import URL, submission

PDF = b"%PDF-1.7\n" + b"business plan " * 5000 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


async def submitted(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], stir: str
) -> tuple[str, dict[str, str]]:
    """A submitted application and its applicant's headers (its token, as forwarded)."""
    anonymous = as_role("anonymous")
    created = await client.post(URL, json=submission(stir=stir), headers=anonymous)
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body["id"], {**anonymous, "X-Application-Token": body["access_token"]}


def upload(kind: str | None, content: bytes | None, content_type: str, name: str) -> Any:
    files = {"file": (name, content, content_type)} if content is not None else None
    data = {"kind": kind} if kind is not None else None
    return {"files": files, "data": data}


async def test_the_applicant_attaches_lists_and_downloads_its_documents(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    application_id, token = await submitted(client, as_role, "306000001")
    documents = f"{URL}/{application_id}/documents"

    created = await client.post(
        documents, headers=token, **upload("business_plan", PDF, "application/pdf", "plan.pdf")
    )
    assert created.status_code == 201, created.text
    document = created.json()
    assert document["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert document["size"] == len(PDF)
    assert document["content_type"] == "application/pdf"
    assert document["kind"] == "business_plan"
    assert created.headers["Location"] == f"{documents}/{document['id']}"
    # A DOCX sent as "I do not know" is taken as what its content is.
    word = await client.post(
        documents,
        headers=as_role("admin"),
        **upload("business_plan", docx(), "application/octet-stream", "plan.docx"),
    )
    assert word.status_code == 201, word.text
    assert word.json()["content_type"].endswith("wordprocessingml.document")

    listed = await client.get(documents, headers=token)
    # (in upload order; both were uploaded in the test's one transaction, at one time)
    assert {item["id"] for item in listed.json()["items"]} == {document["id"], word.json()["id"]}
    downloaded = await client.get(f"{documents}/{document['id']}", headers=as_role("admin"))
    assert downloaded.status_code == 200
    assert downloaded.content == PDF
    assert downloaded.headers["content-type"] == "application/pdf"
    assert "plan.pdf" in downloaded.headers["content-disposition"]


async def test_what_is_refused_is_a_problem_naming_why(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    application_id, token = await submitted(client, as_role, "306000002")
    documents = f"{URL}/{application_id}/documents"
    cases = [
        (upload("licence", PNG, "application/pdf", "licence.pdf"), 415),  # not what it claims
        (upload("licence", ELF, "application/octet-stream", "licence"), 415),  # a program
        (
            upload("licence", docx(), "application/octet-stream", "x.docx"),
            415,
        ),  # not a licence type
        (upload("licence", None, "application/pdf", "x"), 422),  # no file
        (upload(None, PDF, "application/pdf", "x.pdf"), 422),  # no kind
        (upload("passport", PDF, "application/pdf", "x.pdf"), 422),  # unknown kind
        (upload("licence", b"", "application/pdf", "x.pdf"), 422),  # empty
    ]
    for body, status in cases:
        answer = await client.post(documents, headers=token, **body)
        assert answer.status_code == status, (body["data"], answer.text)
        assert answer.headers["content-type"] == "application/problem+json"

    big = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    too_large = await client.post(
        documents, headers=token, **upload("business_plan", big, "application/pdf", "big.pdf")
    )
    assert too_large.status_code == 413
    assert (await client.get(documents, headers=token)).json()["items"] == []


async def test_only_who_may_read_the_application_sees_its_documents(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]]
) -> None:
    application_id, token = await submitted(client, as_role, "306000003")
    _, other_token = await submitted(client, as_role, "306000004")
    documents = f"{URL}/{application_id}/documents"
    created = await client.post(
        documents, headers=token, **upload("licence", PNG, "image/png", "licence.png")
    )
    assert created.status_code == 201, created.text
    one = f"{documents}/{created.json()['id']}"

    for path in (documents, one):
        assert (await client.get(path, headers=as_role("anonymous"))).status_code == 401
        assert (await client.get(path, headers=other_token)).status_code == 403
        assert (await client.get(path, headers=as_role("member"))).status_code == 401
    # Anonymous callers learn nothing of an application that does not exist either.
    unknown = f"{URL}/00000000-0000-4000-8000-000000000000/documents"
    assert (await client.get(unknown, headers=as_role("anonymous"))).status_code == 401
    assert (await client.get(unknown, headers=as_role("admin"))).status_code == 404
    assert (
        await client.get(f"{documents}/00000000-0000-4000-8000-000000000000", headers=token)
    ).status_code == 404
    refused = await client.post(
        documents, headers=other_token, **upload("licence", PNG, "image/png", "x.png")
    )
    assert refused.status_code == 403
