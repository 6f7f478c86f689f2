"""``/api/v1/supply/{suppliers|requests|offers}/{id}/documents``: upload (multipart
``file`` and ``kind``; a certificate also its particulars), list, download."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import File, Form, Request, UploadFile, status
from pydantic import ValidationError
from starlette.responses import Response, StreamingResponse

from clusterkit.app import ReadDep, WriteDep, answer, settings_of
from clusterkit.documents import receive
from clusterkit.errors import InvalidFields
from clusterkit.routing import Router
from supply.documents import rules, service
from supply.documents.schemas import Certificate, Document, Documents
from supply.settings import SupplySettings
from supply.tables import documents

router = Router(prefix="/api/v1/supply", tags=["documents"])
OWNERS = {"suppliers": "supplier", "requests": "request", "offers": "offer"}
# (annotations are read in the module's namespace: nothing of _mount's may be named there)
KIND = "; ".join(f"a {owner}: {', '.join(kinds)}" for owner, kinds in rules.KINDS.items())


def _certificate(
    kind: str | None,
    number: str | None,
    issuer: str | None,
    issued_on: date | None,
    expires_on: date | None,
    local_content_percent: Decimal | None,
) -> Certificate | None:
    if kind != rules.CERTIFICATE:
        return None
    rules.ensure_certificate(
        number=number,
        issuer=issuer,
        issued_on=issued_on,
        expires_on=expires_on,
        local_content_percent=local_content_percent,
    )
    try:
        return Certificate(
            number=number or "",
            issuer=issuer or "",
            issued_on=issued_on or date.min,
            expires_on=expires_on or date.min,
            local_content_percent=local_content_percent or Decimal(0),
        )
    except ValidationError as invalid:
        raise InvalidFields(
            *((str(error["loc"][0]), error["msg"]) for error in invalid.errors())
        ) from None


def _mount(path: str, owner: str) -> None:
    """The three operations of one owner's documents."""
    kinds = rules.KINDS[owner]

    @router.post(
        f"/{path}/{{owner_id}}/documents",
        status_code=status.HTTP_201_CREATED,
        response_model=Document,
        summary=f"Attach a document to a {owner}: {', '.join(kinds)}",
        name=f"attach_{owner}_document",
    )
    async def attach_document(
        request: Request,
        owner_id: uuid.UUID,
        write: WriteDep,
        file: Annotated[UploadFile | None, File(description="The document.")] = None,
        kind: Annotated[str | None, Form(description=KIND)] = None,
        number: Annotated[str | None, Form(description="A certificate's number")] = None,
        issuer: Annotated[str | None, Form(description="Who issued the certificate")] = None,
        issued_on: Annotated[date | None, Form()] = None,
        expires_on: Annotated[date | None, Form()] = None,
        local_content_percent: Annotated[Decimal | None, Form(ge=0, le=100)] = None,
    ) -> Response:
        limit = settings_of(request, SupplySettings).document_max_bytes
        received = await receive(file, kind, allowed=kinds, max_bytes=limit)
        certificate = _certificate(
            kind, number, issuer, issued_on, expires_on, local_content_percent
        )
        attached = Document.model_validate(
            await write(
                service.attach,
                owner=owner,
                owner_id=owner_id,
                received=received,
                certificate=certificate,
            )
        )
        location = f"{request.url.path}/{attached.id}"
        return answer(attached, status_code=201, headers={"Location": location})

    @router.get(
        f"/{path}/{{owner_id}}/documents",
        response_model=Documents,
        summary=f"A {owner}'s documents",
        name=f"list_{owner}_documents",
    )
    async def list_documents(owner_id: uuid.UUID, read: ReadDep) -> Response:
        items = await service.listed(read, caller=read.caller, owner=owner, owner_id=owner_id)
        return answer(Documents.model_validate({"items": items}))

    @router.get(
        f"/{path}/{{owner_id}}/documents/{{document_id}}",
        response_class=StreamingResponse,
        summary=f"Download one of a {owner}'s documents",
        name=f"download_{owner}_document",
    )
    async def download_document(
        owner_id: uuid.UUID,
        document_id: uuid.UUID,
        read: ReadDep,
    ) -> StreamingResponse:
        found = await service.one(
            read, caller=read.caller, owner=owner, owner_id=owner_id, document_id=document_id
        )
        return documents.download(read, found)


for path, owner in OWNERS.items():
    _mount(path, owner)
