from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.category import Category
from ...models.page_item import PageItem
from ...models.problem import Problem
from ...models.region import Region
from ...models.sort import Sort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    category: Category | None | Unset = UNSET,
    hs: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_local_content: float | None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    local_only: bool | Unset = False,
    supplier_id: None | Unset | UUID = UNSET,
    sort: Sort | Unset = UNSET,
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

    json_category: None | str | Unset
    if isinstance(category, Unset):
        json_category = UNSET
    elif isinstance(category, Category):
        json_category = category.value
    else:
        json_category = category
    params["category"] = json_category

    json_hs: None | str | Unset
    if isinstance(hs, Unset):
        json_hs = UNSET
    else:
        json_hs = hs
    params["hs"] = json_hs

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_min_local_content: float | None | str | Unset
    if isinstance(min_local_content, Unset):
        json_min_local_content = UNSET
    else:
        json_min_local_content = min_local_content
    params["min_local_content"] = json_min_local_content

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    elif isinstance(region, Region):
        json_region = region.value
    else:
        json_region = region
    params["region"] = json_region

    params["local_only"] = local_only

    json_supplier_id: None | str | Unset
    if isinstance(supplier_id, Unset):
        json_supplier_id = UNSET
    elif isinstance(supplier_id, UUID):
        json_supplier_id = str(supplier_id)
    else:
        json_supplier_id = supplier_id
    params["supplier_id"] = json_supplier_id

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/supply/items",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageItem | Problem | None:
    if response.status_code == 200:
        response_200 = PageItem.from_dict(response.json())

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
) -> Response[PageItem | Problem]:
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
    category: Category | None | Unset = UNSET,
    hs: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_local_content: float | None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    local_only: bool | Unset = False,
    supplier_id: None | Unset | UUID = UNSET,
    sort: Sort | Unset = UNSET,
) -> Response[PageItem | Problem]:
    """Search the catalogue (no key needed; CSV or XLSX with `format`)

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        category (Category | None | Unset):
        hs (None | str | Unset): HS code prefix
        q (None | str | Unset): Text in name or description
        min_local_content (float | None | str | Unset):
        region (None | Region | Unset): The supplier's region
        local_only (bool | Unset):  Default: False.
        supplier_id (None | Unset | UUID):
        sort (Sort | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageItem | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        format_=format_,
        category=category,
        hs=hs,
        q=q,
        min_local_content=min_local_content,
        region=region,
        local_only=local_only,
        supplier_id=supplier_id,
        sort=sort,
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
    category: Category | None | Unset = UNSET,
    hs: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_local_content: float | None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    local_only: bool | Unset = False,
    supplier_id: None | Unset | UUID = UNSET,
    sort: Sort | Unset = UNSET,
) -> PageItem | Problem | None:
    """Search the catalogue (no key needed; CSV or XLSX with `format`)

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        category (Category | None | Unset):
        hs (None | str | Unset): HS code prefix
        q (None | str | Unset): Text in name or description
        min_local_content (float | None | str | Unset):
        region (None | Region | Unset): The supplier's region
        local_only (bool | Unset):  Default: False.
        supplier_id (None | Unset | UUID):
        sort (Sort | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageItem | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        format_=format_,
        category=category,
        hs=hs,
        q=q,
        min_local_content=min_local_content,
        region=region,
        local_only=local_only,
        supplier_id=supplier_id,
        sort=sort,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    category: Category | None | Unset = UNSET,
    hs: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_local_content: float | None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    local_only: bool | Unset = False,
    supplier_id: None | Unset | UUID = UNSET,
    sort: Sort | Unset = UNSET,
) -> Response[PageItem | Problem]:
    """Search the catalogue (no key needed; CSV or XLSX with `format`)

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        category (Category | None | Unset):
        hs (None | str | Unset): HS code prefix
        q (None | str | Unset): Text in name or description
        min_local_content (float | None | str | Unset):
        region (None | Region | Unset): The supplier's region
        local_only (bool | Unset):  Default: False.
        supplier_id (None | Unset | UUID):
        sort (Sort | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageItem | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        format_=format_,
        category=category,
        hs=hs,
        q=q,
        min_local_content=min_local_content,
        region=region,
        local_only=local_only,
        supplier_id=supplier_id,
        sort=sort,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    category: Category | None | Unset = UNSET,
    hs: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    min_local_content: float | None | str | Unset = UNSET,
    region: None | Region | Unset = UNSET,
    local_only: bool | Unset = False,
    supplier_id: None | Unset | UUID = UNSET,
    sort: Sort | Unset = UNSET,
) -> PageItem | Problem | None:
    """Search the catalogue (no key needed; CSV or XLSX with `format`)

    Args:
        limit (int | Unset): How many items, at most (1-200). Default: 50.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        category (Category | None | Unset):
        hs (None | str | Unset): HS code prefix
        q (None | str | Unset): Text in name or description
        min_local_content (float | None | str | Unset):
        region (None | Region | Unset): The supplier's region
        local_only (bool | Unset):  Default: False.
        supplier_id (None | Unset | UUID):
        sort (Sort | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageItem | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            format_=format_,
            category=category,
            hs=hs,
            q=q,
            min_local_content=min_local_content,
            region=region,
            local_only=local_only,
            supplier_id=supplier_id,
            sort=sort,
        )
    ).parsed
