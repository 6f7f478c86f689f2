from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_list import CodeList
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/codes/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeList | Problem | None:
    if response.status_code == 200:
        response_200 = CodeList.from_dict(response.json())

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

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodeList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeList | Problem]:
    """A code list with its names

     Each code of the list with its name in the language `Accept-Language` asks for (`uz`, `ru`, `en`;
    q-values; `uz-Latn`, `ru-RU` are `uz`, `ru`; any other: `en`), said in `Content-Language`. Lists:
    `regions`, `sectors`, `product-categories`, `categories`, `metrics`, `units`, `currencies`,
    `application-states`, `member-states`, `supplier-states`, `item-states`, `request-states`, `offer-
    states`, `order-states`.

    Args:
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeList | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeList | Problem | None:
    """A code list with its names

     Each code of the list with its name in the language `Accept-Language` asks for (`uz`, `ru`, `en`;
    q-values; `uz-Latn`, `ru-RU` are `uz`, `ru`; any other: `en`), said in `Content-Language`. Lists:
    `regions`, `sectors`, `product-categories`, `categories`, `metrics`, `units`, `currencies`,
    `application-states`, `member-states`, `supplier-states`, `item-states`, `request-states`, `offer-
    states`, `order-states`.

    Args:
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeList | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeList | Problem]:
    """A code list with its names

     Each code of the list with its name in the language `Accept-Language` asks for (`uz`, `ru`, `en`;
    q-values; `uz-Latn`, `ru-RU` are `uz`, `ru`; any other: `en`), said in `Content-Language`. Lists:
    `regions`, `sectors`, `product-categories`, `categories`, `metrics`, `units`, `currencies`,
    `application-states`, `member-states`, `supplier-states`, `item-states`, `request-states`, `offer-
    states`, `order-states`.

    Args:
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeList | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeList | Problem | None:
    """A code list with its names

     Each code of the list with its name in the language `Accept-Language` asks for (`uz`, `ru`, `en`;
    q-values; `uz-Latn`, `ru-RU` are `uz`, `ru`; any other: `en`), said in `Content-Language`. Lists:
    `regions`, `sectors`, `product-categories`, `categories`, `metrics`, `units`, `currencies`,
    `application-states`, `member-states`, `supplier-states`, `item-states`, `request-states`, `offer-
    states`, `order-states`.

    Args:
        name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeList | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
        )
    ).parsed
