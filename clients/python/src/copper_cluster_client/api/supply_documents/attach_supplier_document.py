from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.body_attach_supplier_document_api_v1_supply_suppliers_owner_id_documents_post import (
    BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost,
)
from ...models.problem import Problem
from ...models.supply_document import SupplyDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    owner_id: UUID,
    *,
    body: BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/supply/suppliers/{owner_id}/documents".format(
            owner_id=quote(str(owner_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SupplyDocument | None:
    if response.status_code == 201:
        response_201 = SupplyDocument.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 502:
        response_502 = Problem.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Problem.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SupplyDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    owner_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset = UNSET,
) -> Response[Problem | SupplyDocument]:
    """Attach a document to a supplier: local_production_certificate

    Args:
        owner_id (UUID):
        body (BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SupplyDocument]
    """

    kwargs = _get_kwargs(
        owner_id=owner_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    owner_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset = UNSET,
) -> Problem | SupplyDocument | None:
    """Attach a document to a supplier: local_production_certificate

    Args:
        owner_id (UUID):
        body (BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SupplyDocument
    """

    return sync_detailed(
        owner_id=owner_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    owner_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset = UNSET,
) -> Response[Problem | SupplyDocument]:
    """Attach a document to a supplier: local_production_certificate

    Args:
        owner_id (UUID):
        body (BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SupplyDocument]
    """

    kwargs = _get_kwargs(
        owner_id=owner_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    owner_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset = UNSET,
) -> Problem | SupplyDocument | None:
    """Attach a document to a supplier: local_production_certificate

    Args:
        owner_id (UUID):
        body (BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SupplyDocument
    """

    return (
        await asyncio_detailed(
            owner_id=owner_id,
            client=client,
            body=body,
        )
    ).parsed
