from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_ocds_package import ExportOcdsPackage
from ...models.export_ocds_response_export_ocds_api_v1_supply_export_ocds_get import (
    ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet,
)
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    year: int | None | Unset = UNSET,
    package: ExportOcdsPackage | Unset = ExportOcdsPackage.RELEASE,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_year: int | None | Unset
    if isinstance(year, Unset):
        json_year = UNSET
    else:
        json_year = year
    params["year"] = json_year

    json_package: str | Unset = UNSET
    if not isinstance(package, Unset):
        json_package = package.value

    params["package"] = json_package

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/supply/export/ocds",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem | None:
    if response.status_code == 200:
        response_200 = ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet.from_dict(
            response.json()
        )

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
) -> Response[ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem]:
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
    package: ExportOcdsPackage | Unset = ExportOcdsPackage.RELEASE,
) -> Response[ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem]:
    """The requests for quotation opened in a year as an OCDS 1.1 release or record package (admin,
    procurement)

     One contracting process a request for quotation, with a release per stage it reached
    (tender, award, contract, implementation); numbers as JSON numbers.

    Args:
        year (int | None | Unset): Calendar year (Tashkent time); this year if left out
        package (ExportOcdsPackage | Unset): release: every release of every process; record: a
            record a process, its releases embedded with its compiled release Default:
            ExportOcdsPackage.RELEASE.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem]
    """

    kwargs = _get_kwargs(
        year=year,
        package=package,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    year: int | None | Unset = UNSET,
    package: ExportOcdsPackage | Unset = ExportOcdsPackage.RELEASE,
) -> ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem | None:
    """The requests for quotation opened in a year as an OCDS 1.1 release or record package (admin,
    procurement)

     One contracting process a request for quotation, with a release per stage it reached
    (tender, award, contract, implementation); numbers as JSON numbers.

    Args:
        year (int | None | Unset): Calendar year (Tashkent time); this year if left out
        package (ExportOcdsPackage | Unset): release: every release of every process; record: a
            record a process, its releases embedded with its compiled release Default:
            ExportOcdsPackage.RELEASE.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem
    """

    return sync_detailed(
        client=client,
        year=year,
        package=package,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int | None | Unset = UNSET,
    package: ExportOcdsPackage | Unset = ExportOcdsPackage.RELEASE,
) -> Response[ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem]:
    """The requests for quotation opened in a year as an OCDS 1.1 release or record package (admin,
    procurement)

     One contracting process a request for quotation, with a release per stage it reached
    (tender, award, contract, implementation); numbers as JSON numbers.

    Args:
        year (int | None | Unset): Calendar year (Tashkent time); this year if left out
        package (ExportOcdsPackage | Unset): release: every release of every process; record: a
            record a process, its releases embedded with its compiled release Default:
            ExportOcdsPackage.RELEASE.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem]
    """

    kwargs = _get_kwargs(
        year=year,
        package=package,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    year: int | None | Unset = UNSET,
    package: ExportOcdsPackage | Unset = ExportOcdsPackage.RELEASE,
) -> ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem | None:
    """The requests for quotation opened in a year as an OCDS 1.1 release or record package (admin,
    procurement)

     One contracting process a request for quotation, with a release per stage it reached
    (tender, award, contract, implementation); numbers as JSON numbers.

    Args:
        year (int | None | Unset): Calendar year (Tashkent time); this year if left out
        package (ExportOcdsPackage | Unset): release: every release of every process; record: a
            record a process, its releases embedded with its compiled release Default:
            ExportOcdsPackage.RELEASE.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            year=year,
            package=package,
        )
    ).parsed
