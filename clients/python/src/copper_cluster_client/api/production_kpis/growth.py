import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.growth_row import GrowthRow
from ...models.metric import Metric
from ...models.problem import Problem
from ...models.rollup import Rollup
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    year: int,
    rollup: Rollup | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["year"] = year

    json_rollup: str | Unset = UNSET
    if not isinstance(rollup, Unset):
        json_rollup = rollup.value

    params["rollup"] = json_rollup

    json_organisation_id: None | str | Unset
    if isinstance(organisation_id, Unset):
        json_organisation_id = UNSET
    elif isinstance(organisation_id, UUID):
        json_organisation_id = str(organisation_id)
    else:
        json_organisation_id = organisation_id
    params["organisation_id"] = json_organisation_id

    json_metric: None | str | Unset
    if isinstance(metric, Unset):
        json_metric = UNSET
    elif isinstance(metric, Metric):
        json_metric = metric.value
    else:
        json_metric = metric
    params["metric"] = json_metric

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/production/kpis/growth",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[GrowthRow] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = GrowthRow.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[GrowthRow]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    rollup: Rollup | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> Response[Problem | list[GrowthRow]]:
    """Each period against the same period a year earlier

    Args:
        year (int):
        rollup (Rollup | Unset):
        organisation_id (None | Unset | UUID):
        metric (Metric | None | Unset):
        as_of (datetime.datetime | None | Unset):
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[GrowthRow]]
    """

    kwargs = _get_kwargs(
        year=year,
        rollup=rollup,
        organisation_id=organisation_id,
        metric=metric,
        as_of=as_of,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    rollup: Rollup | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> Problem | list[GrowthRow] | None:
    """Each period against the same period a year earlier

    Args:
        year (int):
        rollup (Rollup | Unset):
        organisation_id (None | Unset | UUID):
        metric (Metric | None | Unset):
        as_of (datetime.datetime | None | Unset):
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[GrowthRow]
    """

    return sync_detailed(
        client=client,
        year=year,
        rollup=rollup,
        organisation_id=organisation_id,
        metric=metric,
        as_of=as_of,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    rollup: Rollup | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> Response[Problem | list[GrowthRow]]:
    """Each period against the same period a year earlier

    Args:
        year (int):
        rollup (Rollup | Unset):
        organisation_id (None | Unset | UUID):
        metric (Metric | None | Unset):
        as_of (datetime.datetime | None | Unset):
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[GrowthRow]]
    """

    kwargs = _get_kwargs(
        year=year,
        rollup=rollup,
        organisation_id=organisation_id,
        metric=metric,
        as_of=as_of,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    year: int,
    rollup: Rollup | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    format_: None | str | Unset = UNSET,
) -> Problem | list[GrowthRow] | None:
    """Each period against the same period a year earlier

    Args:
        year (int):
        rollup (Rollup | Unset):
        organisation_id (None | Unset | UUID):
        metric (Metric | None | Unset):
        as_of (datetime.datetime | None | Unset):
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[GrowthRow]
    """

    return (
        await asyncio_detailed(
            client=client,
            year=year,
            rollup=rollup,
            organisation_id=organisation_id,
            metric=metric,
            as_of=as_of,
            format_=format_,
        )
    ).parsed
