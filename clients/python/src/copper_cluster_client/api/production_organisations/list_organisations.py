from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_organisations_kind_type_0 import ListOrganisationsKindType0
from ...models.list_organisations_status_type_0 import ListOrganisationsStatusType0
from ...models.page_organisation import PageOrganisation
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    kind: ListOrganisationsKindType0 | None | Unset = UNSET,
    status: ListOrganisationsStatusType0 | None | Unset = UNSET,
    stir: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ListOrganisationsKindType0):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListOrganisationsStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_stir: None | str | Unset
    if isinstance(stir, Unset):
        json_stir = UNSET
    else:
        json_stir = stir
    params["stir"] = json_stir

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/production/organisations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageOrganisation | Problem | None:
    if response.status_code == 200:
        response_200 = PageOrganisation.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[PageOrganisation | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    kind: ListOrganisationsKindType0 | None | Unset = UNSET,
    status: ListOrganisationsStatusType0 | None | Unset = UNSET,
    stir: None | str | Unset = UNSET,
) -> Response[PageOrganisation | Problem]:
    """Organisations that report production

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        kind (ListOrganisationsKindType0 | None | Unset):
        status (ListOrganisationsStatusType0 | None | Unset):
        stir (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageOrganisation | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        kind=kind,
        status=status,
        stir=stir,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    kind: ListOrganisationsKindType0 | None | Unset = UNSET,
    status: ListOrganisationsStatusType0 | None | Unset = UNSET,
    stir: None | str | Unset = UNSET,
) -> PageOrganisation | Problem | None:
    """Organisations that report production

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        kind (ListOrganisationsKindType0 | None | Unset):
        status (ListOrganisationsStatusType0 | None | Unset):
        stir (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageOrganisation | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        kind=kind,
        status=status,
        stir=stir,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    kind: ListOrganisationsKindType0 | None | Unset = UNSET,
    status: ListOrganisationsStatusType0 | None | Unset = UNSET,
    stir: None | str | Unset = UNSET,
) -> Response[PageOrganisation | Problem]:
    """Organisations that report production

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        kind (ListOrganisationsKindType0 | None | Unset):
        status (ListOrganisationsStatusType0 | None | Unset):
        stir (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageOrganisation | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        kind=kind,
        status=status,
        stir=stir,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    kind: ListOrganisationsKindType0 | None | Unset = UNSET,
    status: ListOrganisationsStatusType0 | None | Unset = UNSET,
    stir: None | str | Unset = UNSET,
) -> PageOrganisation | Problem | None:
    """Organisations that report production

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        kind (ListOrganisationsKindType0 | None | Unset):
        status (ListOrganisationsStatusType0 | None | Unset):
        stir (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageOrganisation | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            kind=kind,
            status=status,
            stir=stir,
        )
    ).parsed
