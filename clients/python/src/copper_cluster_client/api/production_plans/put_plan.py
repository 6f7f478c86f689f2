from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.metric import Metric
from ...models.plan import Plan
from ...models.plan_in import PlanIn
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    organisation_id: UUID,
    metric: Metric,
    year: int,
    *,
    body: PlanIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/production/plans/{organisation_id}/{metric}/{year}".format(
            organisation_id=quote(str(organisation_id), safe=""),
            metric=quote(str(metric), safe=""),
            year=quote(str(year), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Plan | Problem | None:
    if response.status_code == 200:
        response_200 = Plan.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

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
) -> Response[Plan | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organisation_id: UUID,
    metric: Metric,
    year: int,
    *,
    client: AuthenticatedClient | Client,
    body: PlanIn,
) -> Response[Plan | Problem]:
    """Set a year's plan (a new revision of each month's target)

    Args:
        organisation_id (UUID):
        metric (Metric):
        year (int):
        body (PlanIn): Monthly targets, or an annual one spread evenly over the months.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Plan | Problem]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        metric=metric,
        year=year,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organisation_id: UUID,
    metric: Metric,
    year: int,
    *,
    client: AuthenticatedClient | Client,
    body: PlanIn,
) -> Plan | Problem | None:
    """Set a year's plan (a new revision of each month's target)

    Args:
        organisation_id (UUID):
        metric (Metric):
        year (int):
        body (PlanIn): Monthly targets, or an annual one spread evenly over the months.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Plan | Problem
    """

    return sync_detailed(
        organisation_id=organisation_id,
        metric=metric,
        year=year,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    organisation_id: UUID,
    metric: Metric,
    year: int,
    *,
    client: AuthenticatedClient | Client,
    body: PlanIn,
) -> Response[Plan | Problem]:
    """Set a year's plan (a new revision of each month's target)

    Args:
        organisation_id (UUID):
        metric (Metric):
        year (int):
        body (PlanIn): Monthly targets, or an annual one spread evenly over the months.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Plan | Problem]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        metric=metric,
        year=year,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organisation_id: UUID,
    metric: Metric,
    year: int,
    *,
    client: AuthenticatedClient | Client,
    body: PlanIn,
) -> Plan | Problem | None:
    """Set a year's plan (a new revision of each month's target)

    Args:
        organisation_id (UUID):
        metric (Metric):
        year (int):
        body (PlanIn): Monthly targets, or an annual one spread evenly over the months.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Plan | Problem
    """

    return (
        await asyncio_detailed(
            organisation_id=organisation_id,
            metric=metric,
            year=year,
            client=client,
            body=body,
        )
    ).parsed
