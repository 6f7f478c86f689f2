# ruff: noqa: RUF001 (Russian and Uzbek text: Cyrillic letters and U+02BB are meant)
"""What the gateway answers itself, in the request's language: the proxy's 429, 413 and 502
(``Accept-Language``, else the ``api_language`` setting), and the dashboard's own calls: its
apply form counts in the API's submit bucket for the client a trusted balancer names, and
its reads go to each instance of a service in turn, past one that is down."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest
from aiohttp import web

from clusterkit.database import Database
from clusterkit.infra.process import free_port
from gateway.dashboard.client import Services
from gateway.main import Gateway, create_app

from ..conftest import proxy_settings, serving

BALANCER = "10.0.0.5"


def _echo(name: str) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def echo(request: web.Request) -> web.StreamResponse:
        await request.read()
        return web.json_response({"instance": name, "path": request.path_qs})

    return echo


@pytest.fixture
async def upstreams() -> AsyncIterator[dict[str, str]]:
    """Two stand-in instances (``a``, ``b``) that say who answered."""
    async with serving(_echo("a")) as a, serving(_echo("b")) as b:
        yield {"a": a, "b": b}


Make = Callable[..., Gateway]


@pytest.fixture
async def make(upstreams: dict[str, str], db: Database) -> AsyncIterator[Make]:
    made: list[Gateway] = []

    def gateway(**settings: Any) -> Gateway:
        app = create_app(
            proxy_settings(
                membership_urls=[upstreams["a"], upstreams["b"]],
                production_url=upstreams["a"],
                burst_per_anonymous_client=3,
                rate_anonymous_submit=0.01,
                trusted_proxies=[f"{BALANCER}/32"],
                max_body_bytes=100,
                **settings,
            ),
            database=db,
        )
        made.append(app)
        return app

    yield gateway
    for app in made:
        await app.proxy.close()


def client_of(app: Gateway, address: str = "10.7.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://gateway")


async def test_the_proxys_429_is_in_the_language_asked_for(make: Make) -> None:
    async with client_of(make()) as client:
        for _ in range(3):
            assert (await client.get("/api/v1/production/x")).status_code == 200
        refused = await client.get("/api/v1/production/x", headers={"Accept-Language": "ru-RU"})
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["content-language"] == "ru"
    problem = refused.json()
    assert problem["type"].endswith("/rate-limited")  # the code is the same in every language
    assert problem["title"] == "Слишком много запросов"
    seconds = refused.headers["retry-after"]
    assert problem["detail"] == f"Слишком много запросов (anonymous); повторите через {seconds} с."


async def test_the_proxys_own_problems_follow_the_language_and_the_setting(make: Make) -> None:
    async with client_of(make()) as client:
        unreachable = await client.get("/api/v1/supply/items", headers={"Accept-Language": "uz"})
        large = await client.post(
            "/api/v1/production/reports", content=b"x" * 500, headers={"Accept-Language": "ru"}
        )
        english = await client.get("/api/v1/supply/items")
    assert (unreachable.status_code, unreachable.headers["content-language"]) == (502, "uz")
    assert unreachable.json()["detail"] == "Taʼminot xizmati mavjud emas."
    assert (large.status_code, large.headers["content-language"]) == (413, "ru")
    assert large.json()["detail"] == "Тело запроса больше 100 байт."
    assert english.headers["content-language"] == "en"  # the API's default
    assert english.json()["detail"] in (
        "The supply service is not reachable.",
        "The supply service is failing; not calling it for now.",
    )
    async with client_of(make(api_language="ru")) as client:
        said = await client.get("/api/v1/supply/items")  # no Accept-Language: the setting
    assert said.headers["content-language"] == "ru"
    assert said.json()["detail"] == "Сервис снабжения недоступен."


async def test_the_apply_form_counts_in_the_apis_submit_bucket_of_the_real_client(
    make: Make,
) -> None:
    app = make()
    forwarded = {"X-Forwarded-For": "203.0.113.7"}
    async with client_of(app, BALANCER) as balancer:
        for _ in range(2):  # the API's anonymous submits, from the client behind the balancer
            submitted = await balancer.post(
                "/api/v1/membership/applications", json={}, headers=forwarded
            )
            assert submitted.status_code == 200
        refused = await balancer.post(
            "/apply", data={"legal_name": "X"}, headers={**forwarded, "Accept-Language": "en"}
        )
        other = await balancer.post(
            "/apply", data={"legal_name": "X"}, headers={"X-Forwarded-For": "203.0.113.8"}
        )
    assert refused.status_code == 429
    assert "Too many applications from this address" in refused.text
    assert other.status_code != 429  # another client behind the same balancer


async def test_the_dashboards_reads_go_to_each_instance_in_turn(
    make: Make, upstreams: dict[str, str]
) -> None:
    app = make()
    services = Services(app.proxy)
    seen = [(await services.get("membership", "/who"))["instance"] for _ in range(4)]
    assert sorted(seen) == ["a", "a", "b", "b"]
    # One instance down (nothing listens): the call it refuses goes to the other, and its
    # breaker keeps it aside.
    down = next(i for i in app.proxy.services["membership"].instances if i.url == upstreams["b"])
    down.url = f"http://127.0.0.1:{free_port()}"
    answers = [(await services.get("membership", "/who"))["instance"] for _ in range(4)]
    assert answers == ["a"] * 4
    assert not down.breaker.allow()
