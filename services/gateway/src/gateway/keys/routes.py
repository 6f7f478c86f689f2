"""``/api/v1/keys``: admins issue and revoke API keys (the key is shown once)."""

from __future__ import annotations

from uuid import UUID

from fastapi import Request, Response

from clusterkit.app import ReadDep, WriteDep
from clusterkit.listing import PageDep
from clusterkit.pagination import Page
from clusterkit.routing import Router
from gateway.keys import service
from gateway.keys.access import KeyAdminDep
from gateway.keys.queries import KEYS
from gateway.keys.schemas import ApiKey, IssuedApiKey, KeyRequest
from gateway.keys.verifier import KeyVerifier

router = Router(prefix="/api/v1/keys", tags=["keys"])


@router.post("", status_code=201, response_model=IssuedApiKey, summary="Issue an API key (admin)")
async def create_key(body: KeyRequest, caller: KeyAdminDep, write: WriteDep) -> IssuedApiKey:
    issued = await write(
        service.issue_key,
        name=body.name,
        role=body.role,
        organisation_id=body.organisation_id,
        expires_at=body.expires_at,
    )
    return IssuedApiKey.model_validate(issued)


@router.get("", response_model=Page[ApiKey], summary="API keys, newest first (admin)")
async def list_keys(caller: KeyAdminDep, read: ReadDep, page: PageDep) -> Response:
    return await KEYS.page(read, page)


@router.delete(
    "/{key_id}",
    status_code=204,
    summary="Revoke an API key (admin); takes effect on every gateway within the key cache time",
)
async def revoke_key(
    key_id: UUID, request: Request, caller: KeyAdminDep, write: WriteDep
) -> Response:
    key_hash = await write(service.revoke_key, key_id=key_id)
    verifier: KeyVerifier = request.app.state.keys
    verifier.forget(key_hash)
    return Response(status_code=204)
