from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.figure import Figure
from ...models.metric import Metric
from ...models.problem import Problem
from ...models.product_category import ProductCategory
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    organisation_id: UUID,
    metric: Metric,
    period: str,
    product_category: None | ProductCategory | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_organisation_id = str(organisation_id)
    params["organisation_id"] = json_organisation_id

    json_metric = metric.value
    params["metric"] = json_metric

    params["period"] = period

    json_product_category: None | str | Unset
    if isinstance(product_category, Unset):
        json_product_category = UNSET
    elif isinstance(product_category, ProductCategory):
        json_product_category = product_category.value
    else:
        json_product_category = product_category
    params["product_category"] = json_product_category

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/production/reports/history",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[Figure] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Figure.from_dict(response_200_item_data)

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
) -> Response[Problem | list[Figure]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    organisation_id: UUID,
    metric: Metric,
    period: str,
    product_category: None | ProductCategory | Unset = UNSET,
) -> Response[Problem | list[Figure]]:
    """Every revision of one figure: who, when, why

    Args:
        organisation_id (UUID):
        metric (Metric):
        period (str):
        product_category (None | ProductCategory | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[Figure]]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        metric=metric,
        period=period,
        product_category=product_category,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    organisation_id: UUID,
    metric: Metric,
    period: str,
    product_category: None | ProductCategory | Unset = UNSET,
) -> Problem | list[Figure] | None:
    """Every revision of one figure: who, when, why

    Args:
        organisation_id (UUID):
        metric (Metric):
        period (str):
        product_category (None | ProductCategory | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[Figure]
    """

    return sync_detailed(
        client=client,
        organisation_id=organisation_id,
        metric=metric,
        period=period,
        product_category=product_category,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    organisation_id: UUID,
    metric: Metric,
    period: str,
    product_category: None | ProductCategory | Unset = UNSET,
) -> Response[Problem | list[Figure]]:
    """Every revision of one figure: who, when, why

    Args:
        organisation_id (UUID):
        metric (Metric):
        period (str):
        product_category (None | ProductCategory | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[Figure]]
    """

    kwargs = _get_kwargs(
        organisation_id=organisation_id,
        metric=metric,
        period=period,
        product_category=product_category,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    organisation_id: UUID,
    metric: Metric,
    period: str,
    product_category: None | ProductCategory | Unset = UNSET,
) -> Problem | list[Figure] | None:
    """Every revision of one figure: who, when, why

    Args:
        organisation_id (UUID):
        metric (Metric):
        period (str):
        product_category (None | ProductCategory | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[Figure]
    """

    return (
        await asyncio_detailed(
            client=client,
            organisation_id=organisation_id,
            metric=metric,
            period=period,
            product_category=product_category,
        )
    ).parsed
