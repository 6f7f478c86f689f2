from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.category import Category
from ...models.page_supplier import PageSupplier
from ...models.problem import Problem
from ...models.region import Region
from ...models.supplier_status import SupplierStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    category: Category | None | Unset = UNSET,
    is_local: bool | None | Unset = UNSET,
    status: None | SupplierStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    else:
        json_format_ = format_
    params["format"] = json_format_

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    elif isinstance(region, Region):
        json_region = region.value
    else:
        json_region = region
    params["region"] = json_region

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    elif isinstance(category, Category):
        json_category = category.value
    else:
        json_category = category
    params["category"] = json_category

    json_is_local: bool | None | Unset
    if isinstance(is_local, Unset):
        json_is_local = UNSET
    else:
        json_is_local = is_local
    params["is_local"] = json_is_local

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, SupplierStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/supply/suppliers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageSupplier | Problem | None:
    if response.status_code == 200:
        response_200 = PageSupplier.from_dict(response.json())

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

    if response.status_code == 406:
        response_406 = Problem.from_dict(response.json())

        return response_406

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
) -> Response[PageSupplier | Problem]:
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
    format_: None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    category: Category | None | Unset = UNSET,
    is_local: bool | None | Unset = UNSET,
    status: None | SupplierStatus | Unset = UNSET,
) -> Response[PageSupplier | Problem]:
    """Suppliers: verified ones for everybody, every status for admins (CSV or XLSX with `format`)

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        region (None | Region | Unset):
        category (Category | None | Unset):
        is_local (bool | None | Unset):
        status (None | SupplierStatus | Unset): admins only

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSupplier | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        format_=format_,
        region=region,
        category=category,
        is_local=is_local,
        status=status,
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
    format_: None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    category: Category | None | Unset = UNSET,
    is_local: bool | None | Unset = UNSET,
    status: None | SupplierStatus | Unset = UNSET,
) -> PageSupplier | Problem | None:
    """Suppliers: verified ones for everybody, every status for admins (CSV or XLSX with `format`)

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        region (None | Region | Unset):
        category (Category | None | Unset):
        is_local (bool | None | Unset):
        status (None | SupplierStatus | Unset): admins only

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSupplier | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        format_=format_,
        region=region,
        category=category,
        is_local=is_local,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    category: Category | None | Unset = UNSET,
    is_local: bool | None | Unset = UNSET,
    status: None | SupplierStatus | Unset = UNSET,
) -> Response[PageSupplier | Problem]:
    """Suppliers: verified ones for everybody, every status for admins (CSV or XLSX with `format`)

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        region (None | Region | Unset):
        category (Category | None | Unset):
        is_local (bool | None | Unset):
        status (None | SupplierStatus | Unset): admins only

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSupplier | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        format_=format_,
        region=region,
        category=category,
        is_local=is_local,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    category: Category | None | Unset = UNSET,
    is_local: bool | None | Unset = UNSET,
    status: None | SupplierStatus | Unset = UNSET,
) -> PageSupplier | Problem | None:
    """Suppliers: verified ones for everybody, every status for admins (CSV or XLSX with `format`)

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        region (None | Region | Unset):
        category (Category | None | Unset):
        is_local (bool | None | Unset):
        status (None | SupplierStatus | Unset): admins only

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSupplier | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            format_=format_,
            region=region,
            category=category,
            is_local=is_local,
            status=status,
        )
    ).parsed
