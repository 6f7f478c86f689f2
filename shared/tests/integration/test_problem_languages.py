"""The problems the request middleware and the probes answer speak the language asked for,
as every other problem does: a bad internal token (401), the database away (503), an
unexpected error (500), a draining instance (``/readyz`` 503), and pydantic's field errors."""

# ruff: noqa: RUF001 (Russian and Uzbek text: Cyrillic letters and U+02BB are meant)
from __future__ import annotations

from collections.abc import AsyncIterator
from uuid import UUID

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from clusterkit.app import ServiceRuntime
from clusterkit.database import Database
from clusterkit.infra.kafka import KafkaBroker
from clusterkit.infra.process import free_port

from .conftest import Schema
from .test_service_app import assert_problem, build_app, token

RU = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}
UZ = {"Accept-Language": "uz-Latn-UZ"}

extra = APIRouter(prefix="/api/v1/kit")


@extra.get("/things/{thing_id}")
async def one(thing_id: UUID) -> dict[str, str]:
    return {"id": str(thing_id)}


def client_of(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://kit")


@pytest.fixture
async def app(schema: Schema, kafka_broker: KafkaBroker) -> FastAPI:
    return build_app(schema, kafka_broker, routers=[extra])


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_of(app) as client:
        yield client


def said(response: httpx.Response, status: int, language: str) -> tuple[object, object]:
    body = assert_problem(response, status)
    assert response.headers["content-language"] == language
    return body["title"], body.get("detail")


async def test_a_bad_internal_token_is_401_in_the_language_asked_for(
    client: httpx.AsyncClient,
) -> None:
    thing = {"id": "t1", "n": 1}
    garbage = {"X-Internal-Token": "garbage"}
    ru = await client.post("/api/v1/kit/things", json=thing, headers={**garbage, **RU})
    assert said(ru, 401, "ru") == (
        "Требуется авторизация",
        "Обращайтесь к этому сервису через шлюз.",
    )
    assert ru.json()["type"] == "https://coppercluster.uz/problems/unauthenticated"
    uz = await client.post("/api/v1/kit/things", json=thing, headers=UZ)  # no token at all
    assert said(uz, 401, "uz") == (
        "Avtorizatsiya talab qilinadi",
        "Bu xizmatga shlyuz orqali murojaat qiling.",
    )
    english = await client.post("/api/v1/kit/things", json=thing, headers=garbage)
    assert said(english, 401, "en") == ("Unauthorized", "Call this service through the gateway.")


async def test_an_unexpected_error_is_500_in_the_language_asked_for(
    client: httpx.AsyncClient,
) -> None:
    ru = await client.get("/api/v1/kit/boom", headers={**token(), **RU})
    assert said(ru, 500, "ru") == ("Внутренняя ошибка сервера", None)
    assert "passwd" not in ru.text
    uz = await client.get("/api/v1/kit/boom", headers={**token(), **UZ})
    assert said(uz, 500, "uz") == ("Serverning ichki xatosi", None)


async def test_the_database_away_is_503_in_the_language_asked_for(
    schema: Schema, kafka_broker: KafkaBroker
) -> None:
    nowhere = Database(f"postgresql+asyncpg://kit:pw@127.0.0.1:{free_port()}/kit", pool_size=1)
    async with client_of(build_app(schema, kafka_broker, database=nowhere)) as client:
        thing = {"id": "t3", "n": 1}
        ru = await client.post("/api/v1/kit/things", json=thing, headers={**token(), **RU})
        assert said(ru, 503, "ru") == (
            "Сервис недоступен",
            "База данных сейчас недоступна; повторите попытку чуть позже.",
        )
        assert ru.headers["retry-after"]
        uz = await client.post("/api/v1/kit/things", json=thing, headers={**token(), **UZ})
        assert said(uz, 503, "uz") == (
            "Xizmat mavjud emas",
            "Maʼlumotlar bazasi hozir mavjud emas; birozdan keyin qayta urinib koʻring.",
        )
        ready = await client.get("/readyz", headers=RU)
        assert said(ready, 503, "ru") == ("Сервис недоступен", "Не готов: недоступно — postgres.")
        assert ready.json()["checks"]["postgres"].startswith("unavailable")
        ready_uz = await client.get("/readyz", headers=UZ)
        assert said(ready_uz, 503, "uz")[1] == "Tayyor emas: postgres ishlamayapti."
    await nowhere.dispose()


async def test_a_draining_instance_says_so_in_the_language_asked_for(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: ServiceRuntime = app.state.runtime
    runtime.drain.active = True  # what SIGTERM does (tests/faults sends the real signal)
    ru = await client.get("/readyz", headers=RU)
    assert said(ru, 503, "ru") == (
        "Сервис недоступен",
        "Остановка: завершаются текущие запросы, новые не принимаются.",
    )
    assert ru.json()["type"] == "https://coppercluster.uz/problems/draining"
    uz = await client.get("/readyz", headers=UZ)
    assert said(uz, 503, "uz") == (
        "Xizmat mavjud emas",
        "Toʻxtatilmoqda: joriy soʻrovlar yakunlanmoqda, yangilari qabul qilinmaydi.",
    )
    english = await client.get("/readyz")
    assert said(english, 503, "en")[1] == (
        "Shutting down: finishing the requests in hand, taking no new ones."
    )


async def test_field_errors_are_in_the_language_asked_for(client: httpx.AsyncClient) -> None:
    too_long = {"id": "x" * 21, "n": 1}
    ru = await client.post("/api/v1/kit/things", json=too_long, headers={**token(), **RU})
    assert said(ru, 422, "ru")[0] == "Запрос неверен"
    assert [(e["type"], e["message"]) for e in ru.json()["errors"]] == [
        ("string_too_long", "Максимальное число символов: 20.")
    ]
    uz = await client.get("/api/v1/kit/things/not-a-uuid", headers={**token(), **UZ})
    assert said(uz, 422, "uz")[0] == "Soʻrov notoʻgʻri"
    assert [(e["field"], e["type"], e["message"]) for e in uz.json()["errors"]] == [
        ("thing_id", "uuid_parsing", "Toʻgʻri id (UUID) kiriting.")
    ]
    ru_uuid = await client.get("/api/v1/kit/things/not-a-uuid", headers={**token(), **RU})
    assert ru_uuid.json()["errors"][0]["message"] == "Введите правильный id (UUID)."
    uz_long = await client.post("/api/v1/kit/things", json=too_long, headers={**token(), **UZ})
    assert uz_long.json()["errors"][0]["message"] == "Koʻpi bilan 20 ta belgi kiriting."
