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
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from clusterkit.lifecycle import deprecated
from clusterkit.listing import PageQuery
from clusterkit.problems import install_problem_handlers
from clusterkit.routing import Router, request_value


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


async def test_a_path_outside_a_routers_prefix_asks_none_of_its_routes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    original = APIRoute.matches

    def spy(route: APIRoute, scope: Any) -> Any:
        asked.append(route.path)
        return original(route, scope)

    monkeypatch.setattr(APIRoute, "matches", spy)
    app = FastAPI()
    install_problem_handlers(app)
    outer = Router()  # no prefix of its own, as the gateway's API router
    outer.include_router(_router(Router(prefix="/inner")))
    app.include_router(_router(Router(prefix="/first")))
    app.include_router(outer, prefix="/outer")  # a prefix given at inclusion counts too
    app.include_router(_router(Router(prefix="/last")))
    app.include_router(_router(Router(prefix="/things/{thing_id}/parts")))

    expected = SearchQuery(limit=3).model_dump(mode="json")
    assert (await _get(app, "/last/search?limit=3")) == (200, expected)
    assert not [path for path in asked if not path.startswith("/last")]
    asked.clear()
    assert (await _get(app, "/outer/inner/tagged?tag=a"))[0] == 200
    assert asked
    assert not [path for path in asked if path.startswith(("/first", "/last", "/things"))]
    assert (await _get(app, "/things/7/parts/search?limit=2"))[0] == 200  # a parameter in it
    assert (await _get(app, "/first/searchx"))[0] == 404
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.post("/first/search")).status_code == 405  # still a partial match


async def test_a_request_value_is_made_by_the_route_not_by_fastapis_solving(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    solved: list[Any] = []
    original = fastapi_utils._get_cache_key

    def spy(**arguments: Any) -> Any:  # FastAPI keys each dependency it solves
        solved.append(arguments["dependant"].call)
        return original(**arguments)

    monkeypatch.setattr(fastapi_utils, "_get_cache_key", spy)
    made: list[str] = []

    @request_value
    async def who(request: Request) -> str:
        made.append(request.url.path)
        return request.headers.get("x-role", "guest")

    app = FastAPI()
    install_problem_handlers(app)
    router = Router(prefix="/v")

    @router.get("/who")
    async def ask(
        role: Annotated[str, Depends(who)], query: Annotated[SearchQuery, Query()]
    ) -> Any:
        return {"role": role, "limit": query.limit}

    @router.post("/who")
    async def tell(role: Annotated[str, Depends(who)], body: SearchQuery) -> Any:
        return {"role": role, "limit": body.limit}

    @router.get("/role")
    async def role(role: Annotated[str, Depends(_role)]) -> Any:  # not a request value
        return {"role": role}

    app.include_router(router)
    assert await _get(app, "/v/who?limit=4") == (200, {"role": "member", "limit": 4})
    assert made == ["/v/who"]
    assert solved == []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        bad = await client.post("/v/who", json={"limit": 0})
        good = await client.post("/v/who", json={"limit": 9}, headers={"x-role": "admin"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "limit"
    assert good.json() == {"role": "admin", "limit": 9}
    assert await _get(app, "/v/role") == (200, {"role": "member"})
    assert solved == [_role]
    assert "who" not in str(app.openapi()["paths"]["/v/who"]["get"].get("parameters"))


def test_a_request_value_takes_the_request_alone() -> None:
    async def two(request: Request, other: str) -> str:
        return other

    with pytest.raises(AssertionError):
        request_value(two)
