import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.metric import Metric
from ...models.page_figure import PageFigure
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    period_from: None | str | Unset = UNSET,
    period_to: None | str | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
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

    json_period_from: None | str | Unset
    if isinstance(period_from, Unset):
        json_period_from = UNSET
    else:
        json_period_from = period_from
    params["period_from"] = json_period_from

    json_period_to: None | str | Unset
    if isinstance(period_to, Unset):
        json_period_to = UNSET
    else:
        json_period_to = period_to
    params["period_to"] = json_period_to

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/production/plans",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageFigure | Problem | None:
    if response.status_code == 200:
        response_200 = PageFigure.from_dict(response.json())

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
) -> Response[PageFigure | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    period_from: None | str | Unset = UNSET,
    period_to: None | str | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
) -> Response[PageFigure | Problem]:
    """The latest monthly targets, or what was known at `as_of` (CSV or XLSX with `format`)

     A target is a month's planned quantity (a plan's revision): filtered as reports are,
    and seen by whom sees the organisation's reports.

    Args:
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        organisation_id (None | Unset | UUID):
        metric (Metric | None | Unset):
        period_from (None | str | Unset):
        period_to (None | str | Unset):
        as_of (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageFigure | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        format_=format_,
        organisation_id=organisation_id,
        metric=metric,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    period_from: None | str | Unset = UNSET,
    period_to: None | str | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
) -> PageFigure | Problem | None:
    """The latest monthly targets, or what was known at `as_of` (CSV or XLSX with `format`)

     A target is a month's planned quantity (a plan's revision): filtered as reports are,
    and seen by whom sees the organisation's reports.

    Args:
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        organisation_id (None | Unset | UUID):
        metric (Metric | None | Unset):
        period_from (None | str | Unset):
        period_to (None | str | Unset):
        as_of (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageFigure | Problem
    """

    return sync_detailed(
        client=client,
        limit=limit,
        cursor=cursor,
        format_=format_,
        organisation_id=organisation_id,
        metric=metric,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    period_from: None | str | Unset = UNSET,
    period_to: None | str | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
) -> Response[PageFigure | Problem]:
    """The latest monthly targets, or what was known at `as_of` (CSV or XLSX with `format`)

     A target is a month's planned quantity (a plan's revision): filtered as reports are,
    and seen by whom sees the organisation's reports.

    Args:
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        organisation_id (None | Unset | UUID):
        metric (Metric | None | Unset):
        period_from (None | str | Unset):
        period_to (None | str | Unset):
        as_of (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageFigure | Problem]
    """

    kwargs = _get_kwargs(
        limit=limit,
        cursor=cursor,
        format_=format_,
        organisation_id=organisation_id,
        metric=metric,
        period_from=period_from,
        period_to=period_to,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    limit: int | Unset = 100,
    cursor: None | str | Unset = UNSET,
    format_: None | str | Unset = UNSET,
    organisation_id: None | Unset | UUID = UNSET,
    metric: Metric | None | Unset = UNSET,
    period_from: None | str | Unset = UNSET,
    period_to: None | str | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
) -> PageFigure | Problem | None:
    """The latest monthly targets, or what was known at `as_of` (CSV or XLSX with `format`)

     A target is a month's planned quantity (a plan's revision): filtered as reports are,
    and seen by whom sees the organisation's reports.

    Args:
        limit (int | Unset):  Default: 100.
        cursor (None | str | Unset): The `next_cursor` of the page before (opaque).
        format_ (None | str | Unset): `csv` or `xlsx`: the whole filtered result as a file (not
            one page; `limit` and `cursor` do not apply); `json` (the default) the page. `Accept:
            text/csv` or the XLSX media type asks the same; this wins.
        organisation_id (None | Unset | UUID):
        metric (Metric | None | Unset):
        period_from (None | str | Unset):
        period_to (None | str | Unset):
        as_of (datetime.datetime | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageFigure | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            cursor=cursor,
            format_=format_,
            organisation_id=organisation_id,
            metric=metric,
            period_from=period_from,
            period_to=period_to,
            as_of=as_of,
        )
    ).parsed
