"""``/api/v1/membership/applications/{id}/documents``: upload (multipart ``file`` and
``kind``), list, download."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import File, Form, Request, UploadFile, status
from starlette.responses import Response, StreamingResponse

from clusterkit.app import ReadDep, WriteDep, answer, settings_of
from clusterkit.documents import receive
from clusterkit.routing import Router
from membership.applications.routes import ApplicationToken
from membership.documents import service
from membership.documents.rules import KINDS
from membership.documents.schemas import Document, Documents
from membership.settings import MembershipSettings
from membership.tables import documents

router = Router(
    prefix="/api/v1/membership/applications/{application_id}/documents", tags=["documents"]
)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Document,
    summary="Attach a document: business_plan, licence or registration_certificate",
)
async def attach_document(
    request: Request,
    application_id: UUID,
    write: WriteDep,
    file: Annotated[UploadFile | None, File(description="The document.")] = None,
    kind: Annotated[str | None, Form(description=", ".join(KINDS))] = None,
    token: ApplicationToken = None,
) -> Response:
    limit = settings_of(request, MembershipSettings).document_max_bytes
    received = await receive(file, kind, allowed=KINDS, max_bytes=limit)
    attached = Document.model_validate(
        await write(service.attach, application_id=application_id, token=token, received=received)
    )
    location = f"{request.url.path}/{attached.id}"
    return answer(attached, status_code=201, headers={"Location": location})


@router.get("", response_model=Documents, summary="The application's documents")
async def list_documents(
    application_id: UUID, read: ReadDep, token: ApplicationToken = None
) -> Response:
    items = await service.listed(
        read, caller=read.caller, application_id=application_id, token=token
    )
    return answer(Documents.model_validate({"items": items}))


@router.get(
    "/{document_id}",
    response_class=StreamingResponse,
    summary="Download a document (its bytes, in the type it was sniffed as)",
)
async def download_document(
    application_id: UUID,
    document_id: UUID,
    read: ReadDep,
    token: ApplicationToken = None,
) -> StreamingResponse:
    found = await service.one(
        read,
        caller=read.caller,
        application_id=application_id,
        document_id=document_id,
        token=token,
    )
    return documents.download(read, found)
