"""``clusterkit.routing.Router`` answers and documents a query model as FastAPI's own
``APIRouter`` does, without FastAPI's field-by-field reading of it."""

from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.dependencies import utils as fastapi_utils
from pydantic import BaseModel, Field

from clusterkit.lifecycle import deprecated
from clusterkit.listing import PageQuery
from clusterkit.problems import install_problem_handlers
from clusterkit.routing import Router


class Colour(StrEnum):
    COPPER = "copper"
    SILVER = "silver"


class SearchQuery(PageQuery):
    colour: Colour | None = None
    q: str | None = Field(None, min_length=1, max_length=10)
    share: Decimal | None = Field(None, ge=0, le=100)
    local_only: bool = False
    supplier_id: UUID | None = None
    as_of: datetime | None = None


class TaggedQuery(BaseModel):
    tag: list[str] | None = None  # a list, optional: read by FastAPI's own machinery


async def _role(request: Request) -> str:
    return request.headers.get("x-role", "guest")


def _router(router: APIRouter) -> APIRouter:
    @router.get("/search")
    async def search(query: Annotated[SearchQuery, Query()]) -> dict[str, Any]:
        return query.model_dump(mode="json")

    @router.get("/search-as")
    async def search_as(
        request: Request,
        role: Annotated[str, Depends(_role)],
        query: Annotated[SearchQuery, Query()],
    ) -> dict[str, Any]:
        return {"role": role, "path": request.url.path, **query.model_dump(mode="json")}

    @router.get("/tagged")
    async def tagged(query: Annotated[TaggedQuery, Query()]) -> dict[str, Any]:
        return query.model_dump(mode="json")

    return router


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(_router(APIRouter(prefix="/fastapi")))
    app.include_router(_router(Router(prefix="/ours")))
    return app


QUERIES = [
    "",
    "limit=20",
    "limit=0",
    "limit=201",
    "limit=abc",
    "limit=",
    "limit=5&limit=7",
    "colour=copper&q=cathode&share=42.5&local_only=true",
    "colour=gold",
    "q=",
    "q=" + "x" * 11,
    "share=-1&supplier_id=nope&as_of=yesterday",
    "supplier_id=9d2f6c8e-1f43-4c4e-9b1e-5f6f1c0b8a11&as_of=2026-12-01T10:00:00Z",
    "local_only=maybe",
    "unknown=1&cursor=abc",
    "cursor=" + "c" * 301,
    "tag=a&tag=b",
]


@pytest.fixture
def app() -> FastAPI:
    return _app()


async def _get(app: FastAPI, url: str) -> tuple[int, Any]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get(url, headers={"x-role": "member"})
    return response.status_code, response.json()


@pytest.mark.parametrize("endpoint", ["search", "search-as", "tagged"])
@pytest.mark.parametrize("query", QUERIES)
async def test_an_answer_is_the_same_as_fastapis(app: FastAPI, endpoint: str, query: str) -> None:
    status, body = await _get(app, f"/fastapi/{endpoint}?{query}")
    ours_status, ours = await _get(app, f"/ours/{endpoint}?{query}")
    if endpoint == "search-as" and status == 200:
        body["path"] = body["path"].replace("/fastapi/", "/ours/")
    if status != 200:
        body["instance"] = body["instance"].replace("/fastapi/", "/ours/")
    assert (ours_status, ours) == (status, body)


async def test_a_flat_query_model_is_not_read_field_by_field(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    original = fastapi_utils._request_param_model_to_args

    def spy(field: Any, model: Any, received: Any) -> Any:
        read.append(model.__name__)
        return original(field, model, received)

    monkeypatch.setattr(fastapi_utils, "_request_param_model_to_args", spy)
    assert (await _get(app, "/ours/search?limit=3"))[0] == 200
    assert (await _get(app, "/ours/search-as?limit=3"))[0] == 200
    assert read == []
    assert (await _get(app, "/fastapi/search?limit=3"))[0] == 200
    assert (await _get(app, "/ours/tagged?tag=a"))[0] == 200
    assert read == ["SearchQuery", "TaggedQuery"]


def test_the_document_is_the_same_as_fastapis(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    for endpoint in ("search", "search-as", "tagged"):
        theirs, ours = paths[f"/fastapi/{endpoint}"]["get"], paths[f"/ours/{endpoint}"]["get"]
        assert ours["parameters"] == theirs["parameters"]
        assert len(ours["parameters"]) >= 1
        assert ours["responses"]["422"] == theirs["responses"]["422"]


async def test_a_deprecated_endpoint_says_so_and_reads_its_query_model() -> None:
    app = FastAPI()
    install_problem_handlers(app)
    router = Router(prefix="/old")

    @router.get("/search")
    @deprecated(
        datetime(2026, 1, 1, tzinfo=UTC),
        sunset=datetime(2027, 7, 1, tzinfo=UTC),
        link="https://docs.example/api-lifecycle",
    )
    async def search(query: Annotated[SearchQuery, Query()]) -> dict[str, Any]:
        return query.model_dump(mode="json")

    app.include_router(router)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        good = await client.get("/old/search?limit=7")
        bad = await client.get("/old/search?limit=0")
    assert good.status_code == 200
    assert good.json()["limit"] == 7
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "limit"
    for answer in (good, bad):
        assert answer.headers["Deprecation"].startswith("@")
        assert "Sunset" in answer.headers
    assert app.openapi()["paths"]["/old/search"]["get"]["deprecated"] is True
