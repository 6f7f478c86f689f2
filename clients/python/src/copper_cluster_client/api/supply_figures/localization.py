from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.localization import Localization
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    year: int | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_year: int | None | Unset
    if isinstance(year, Unset):
        json_year = UNSET
    else:
        json_year = year
    params["year"] = json_year

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/supply/stats/localization",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Localization | Problem | None:
    if response.status_code == 200:
        response_200 = Localization.from_dict(response.json())

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
) -> Response[Localization | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> Response[Localization | Problem]:
    """Members' supply purchases from local vs non-local suppliers, in UZS (no key needed)

     Orders placed in the year and not cancelled; USD lines at each order's own rate. As a
    file: a row per product category, then the year's.

    Args:
        year (int | None | Unset): Calendar year (Tashkent time); this year if left out
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Localization | Problem]
    """

    kwargs = _get_kwargs(
        year=year,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    year: int | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> Localization | Problem | None:
    """Members' supply purchases from local vs non-local suppliers, in UZS (no key needed)

     Orders placed in the year and not cancelled; USD lines at each order's own rate. As a
    file: a row per product category, then the year's.

    Args:
        year (int | None | Unset): Calendar year (Tashkent time); this year if left out
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Localization | Problem
    """

    return sync_detailed(
        client=client,
        year=year,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> Response[Localization | Problem]:
    """Members' supply purchases from local vs non-local suppliers, in UZS (no key needed)

     Orders placed in the year and not cancelled; USD lines at each order's own rate. As a
    file: a row per product category, then the year's.

    Args:
        year (int | None | Unset): Calendar year (Tashkent time); this year if left out
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Localization | Problem]
    """

    kwargs = _get_kwargs(
        year=year,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    year: int | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> Localization | Problem | None:
    """Members' supply purchases from local vs non-local suppliers, in UZS (no key needed)

     Orders placed in the year and not cancelled; USD lines at each order's own rate. As a
    file: a row per product category, then the year's.

    Args:
        year (int | None | Unset): Calendar year (Tashkent time); this year if left out
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Localization | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            year=year,
            format_=format_,
        )
    ).parsed
