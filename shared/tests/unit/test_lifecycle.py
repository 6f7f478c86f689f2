"""clusterkit.lifecycle: a deprecated operation says so in the OpenAPI and in every answer
(errors too), and the compatibility check finds what breaks a v1 caller and passes what is
only added."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Response
from pydantic import BaseModel

from clusterkit import errors
from clusterkit.lifecycle import Deprecation, LifecycleRoute, breaking_api_changes, deprecated
from clusterkit.problems import install_problem_handlers

AT = datetime(2027, 1, 1, tzinfo=UTC)
SUNSET = datetime(2027, 7, 1, 12, tzinfo=UTC)
DOC = "https://docs.example/api-lifecycle#things-v2"


class Thing(BaseModel):
    name: str


def lifecycle_app() -> FastAPI:
    router = APIRouter(route_class=LifecycleRoute)

    @router.get("/api/v1/things/{name}")
    @deprecated(AT, sunset=SUNSET, link=DOC)
    async def old_thing(name: str, size: int = 1) -> Thing:
        if name == "missing":
            raise errors.NotFound("thing")
        return Thing(name=name)

    @router.post("/api/v1/things", status_code=201)
    @deprecated(AT, link=DOC)
    async def old_create() -> Response:
        return Response(b'{"name": "raw"}', media_type="application/json", status_code=201)

    @router.get("/api/v2/things/{name}")
    async def thing(name: str) -> Thing:
        return Thing(name=name)

    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(router)  # as services include their features' routers
    return app


@pytest.fixture
async def client() -> Any:
    transport = httpx.ASGITransport(app=lifecycle_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        yield c


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/things/copper", 200),
        ("/api/v1/things/missing", 404),  # a domain error's problem
        ("/api/v1/things/copper?size=big", 422),  # a validation error's problem
    ],
)
async def test_every_answer_of_a_deprecated_operation_says_so(
    client: httpx.AsyncClient, path: str, status: int
) -> None:
    response = await client.get(path)
    assert response.status_code == status
    assert response.headers["deprecation"] == f"@{int(AT.timestamp())}"  # RFC 9745
    assert response.headers["sunset"] == "Thu, 01 Jul 2027 12:00:00 GMT"  # RFC 8594
    assert parsedate_to_datetime(response.headers["sunset"]) == SUNSET
    assert response.headers["link"] == f'<{DOC}>; rel="deprecation"; type="text/html"'


async def test_an_answer_made_by_the_endpoint_itself_says_so_too(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/api/v1/things")
    assert response.status_code == 201
    assert response.json() == {"name": "raw"}
    assert response.headers["deprecation"] == f"@{int(AT.timestamp())}"
    assert "sunset" not in response.headers  # none was set


async def test_an_operation_not_deprecated_answers_as_always(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v2/things/copper")
    assert response.status_code == 200
    assert not {"deprecation", "sunset", "link"} & set(response.headers)


def test_the_openapi_marks_the_deprecated_operations_only() -> None:
    paths = lifecycle_app().openapi()["paths"]
    old = paths["/api/v1/things/{name}"]["get"]
    assert old["deprecated"] is True
    assert old["x-sunset"] == SUNSET.isoformat()
    assert old["x-deprecated-at"] == AT.isoformat()
    assert old["externalDocs"]["url"] == DOC
    assert set(old["responses"]["200"]["headers"]) == {"Deprecation", "Sunset", "Link"}
    assert "content" in old["responses"]["200"]  # merged into, not replaced
    create = paths["/api/v1/things"]["post"]
    assert create["deprecated"] is True
    assert set(create["responses"]["201"]["headers"]) == {"Deprecation", "Link"}
    assert "deprecated" not in paths["/api/v2/things/{name}"]["get"]


def test_a_deprecation_needs_time_zones_and_a_sunset_after_it() -> None:
    with pytest.raises(ValueError, match="time zone"):
        Deprecation(at=datetime(2027, 1, 1), link=DOC)
    with pytest.raises(ValueError, match="after"):
        Deprecation(at=SUNSET, sunset=AT, link=DOC)


# Compatibility: a small v1 document and one edit at a time.

REF = "#/components/schemas/"
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "paths": {
        "/api/v1/orders": {
            "get": {
                "parameters": [
                    {"name": "status", "in": "query", "schema": {"enum": ["placed", "shipped"]}},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 200}},
                    {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": REF + "Page"}}}}
                },
            },
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": REF + "OrderIn"}}},
                },
                "responses": {
                    "201": {"content": {"application/json": {"schema": {"$ref": REF + "Order"}}}},
                    "409": {"content": {"application/problem+json": {"schema": {}}}},
                },
            },
        },
        "/api/v1/orders/{order_id}": {
            "get": {
                "parameters": [{"name": "order_id", "in": "path", "required": True}],
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": REF + "Order"}}}}
                },
            }
        },
        "/api/v2/orders": {"get": {"responses": {"200": {"description": "v2 is free"}}}},
    },
    "components": {
        "schemas": {
            "OrderIn": {
                "type": "object",
                "required": ["item"],
                "properties": {
                    "item": {"type": "string", "maxLength": 40},
                    "quantity": {"type": "integer"},
                    "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                },
            },
            "Order": {
                "type": "object",
                "required": ["id", "status", "placed_at"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "status": {"type": "string", "enum": ["placed", "shipped"]},
                    "placed_at": {"type": "string", "format": "date-time"},
                    "lines": {"type": "array", "items": {"$ref": REF + "Order"}},
                    "total": {"type": "number"},
                },
            },
            "Page": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {"type": "array", "items": {"$ref": REF + "Order"}},
                    "next_cursor": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                },
            },
        }
    },
}
Edit = Callable[[dict[str, Any]], object]


def edited(edit: Edit) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    edit(document)
    return document


def op(d: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    operation: dict[str, Any] = d["paths"][path][method]
    return operation


def schema(d: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = d["components"]["schemas"][name]
    return found


def param(d: dict[str, Any], name: str) -> dict[str, Any]:
    params = op(d, "/api/v1/orders", "get")["parameters"]
    found: dict[str, Any] = next(p for p in params if p["name"] == name)
    return found


SUNSET_PASSED = {"deprecated": True, "x-sunset": "2026-01-01T00:00:00+00:00"}
BREAKING: dict[str, tuple[Edit, str]] = {
    "operation removed": (lambda d: d["paths"].pop("/api/v1/orders/{order_id}"), "removed"),
    "path parameter renamed": (
        lambda d: d["paths"].update(
            {"/api/v1/orders/{id}": d["paths"].pop("/api/v1/orders/{order_id}")}
        ),
        "GET /api/v1/orders/{order_id}: operation removed",
    ),
    "deprecated, sunset ahead, removed": (
        lambda d: d["paths"].pop("/api/v1/orders/{order_id}"),
        "operation removed",
    ),
    "parameter removed": (
        lambda d: op(d, "/api/v1/orders", "get")["parameters"].pop(1),
        "query parameter limit: removed",
    ),
    "parameter became required": (
        lambda d: param(d, "status").update(required=True),
        "query parameter status: became required",
    ),
    "new required parameter": (
        lambda d: op(d, "/api/v1/orders", "get")["parameters"].append(
            {"name": "region", "in": "query", "required": True, "schema": {"type": "string"}}
        ),
        "query parameter region: new and required",
    ),
    "parameter enum narrowed": (
        lambda d: param(d, "status")["schema"].update(enum=["placed"]),
        "no longer accepts ['shipped']",
    ),
    "parameter bound narrowed": (
        lambda d: param(d, "limit")["schema"].update(maximum=100),
        "maximum narrowed from 200 to 100",
    ),
    "parameter type changed": (
        lambda d: param(d, "limit")["schema"].update(type="string"),
        "no longer accepts integer",
    ),
    "request field removed": (
        lambda d: schema(d, "OrderIn")["properties"].pop("quantity"),
        "body/quantity: removed",
    ),
    "new required request field": (
        lambda d: (
            schema(d, "OrderIn")["properties"].update(region={"type": "string"}),
            schema(d, "OrderIn")["required"].append("region"),
        ),
        "body/region: new required field",
    ),
    "optional request field became required": (
        lambda d: schema(d, "OrderIn")["required"].append("quantity"),
        "body/quantity: became required",
    ),
    "request field no longer nullable": (
        lambda d: schema(d, "OrderIn")["properties"].update(note={"type": "string"}),
        "body/note: no longer accepts null",
    ),
    "request length narrowed": (
        lambda d: schema(d, "OrderIn")["properties"]["item"].update(maxLength=20),
        "maxLength narrowed",
    ),
    "request body no longer JSON": (
        lambda d: op(d, "/api/v1/orders", "post")["requestBody"].update(
            content={"text/csv": {"schema": {"type": "string"}}}
        ),
        "no longer accepts application/json",
    ),
    "success status changed": (
        lambda d: op(d, "/api/v1/orders", "post")["responses"].update(
            {"200": op(d, "/api/v1/orders", "post")["responses"].pop("201")}
        ),
        "no longer answers 201",
    ),
    "response field removed": (
        lambda d: schema(d, "Order")["properties"].pop("total"),
        "201/total: removed",
    ),
    "response field no longer always present": (
        lambda d: schema(d, "Order")["required"].remove("placed_at"),
        "placed_at: no longer always present",
    ),
    "response field became nullable": (
        lambda d: schema(d, "Order")["properties"].update(
            total={"anyOf": [{"type": "number"}, {"type": "null"}]}
        ),
        "total: may now be null",
    ),
    "response format changed": (
        lambda d: schema(d, "Order")["properties"]["placed_at"].update(format="date"),
        "format changed from date-time to date",
    ),
    "response type widened": (
        lambda d: schema(d, "Order")["properties"]["total"].update(type="string"),
        "total: may now be string",
    ),
    "a field behind a lone allOf removed": (
        lambda d: (
            op(d, "/api/v1/orders/{order_id}", "get")["responses"]["200"]["content"][
                "application/json"
            ].update(schema={"allOf": [{"$ref": REF + "Order"}], "description": "The order"}),
            schema(d, "Order")["properties"].pop("total"),
        ),
        "GET /api/v1/orders/{order_id} 200/total: removed",
    ),
    "a nested, recursive response field removed": (
        lambda d: schema(d, "Order")["properties"].pop("id"),
        "200/items/items/id: removed",
    ),
}


@pytest.mark.parametrize("kind", BREAKING)
def test_what_breaks_a_v1_caller_is_found(kind: str) -> None:
    edit, expected = BREAKING[kind]
    old = DOCUMENT
    if kind == "deprecated, sunset ahead, removed":
        old = edited(
            lambda d: op(d, "/api/v1/orders/{order_id}", "get").update(
                deprecated=True, **{"x-sunset": "2030-01-01T00:00:00+00:00"}
            )
        )
    problems = breaking_api_changes(old, edited(edit), now=datetime(2027, 1, 1, tzinfo=UTC))
    assert any(expected in p for p in problems), problems


COMPATIBLE: dict[str, Edit] = {
    "no change": lambda d: None,
    "operation added": lambda d: d["paths"]["/api/v1/orders"].update(delete={"responses": {}}),
    "optional parameter added": lambda d: op(d, "/api/v1/orders", "get")["parameters"].append(
        {"name": "region", "in": "query", "schema": {"type": "string"}}
    ),
    "parameter no longer required": lambda d: op(d, "/api/v1/orders/{order_id}", "get")[
        "parameters"
    ][0].update(required=False),
    "header parameter name in another case": lambda d: param(d, "If-None-Match").update(
        name="if-none-match"
    ),
    "parameter enum widened": lambda d: param(d, "status")["schema"]["enum"].append("cancelled"),
    "parameter bound widened": lambda d: param(d, "limit")["schema"].update(maximum=500),
    "integer parameter accepts numbers": lambda d: param(d, "limit")["schema"].update(
        type="number"
    ),
    "optional request field added": lambda d: schema(d, "OrderIn")["properties"].update(
        region={"type": "string"}
    ),
    "request field made nullable": lambda d: schema(d, "OrderIn")["properties"].update(
        quantity={"anyOf": [{"type": "integer"}, {"type": "null"}]}
    ),
    "required request field made optional": lambda d: schema(d, "OrderIn")["required"].clear(),
    "response field added": lambda d: schema(d, "Order")["properties"].update(
        currency={"type": "string"}
    ),
    "response field always present now": lambda d: schema(d, "Order")["required"].append("total"),
    "response field no longer nullable": lambda d: schema(d, "Page")["properties"].update(
        next_cursor={"type": "string"}
    ),
    "response enum widened": lambda d: schema(d, "Order")["properties"]["status"]["enum"].append(
        "cancelled"
    ),
    "error response added": lambda d: op(d, "/api/v1/orders", "post")["responses"].update(
        {"422": {"content": {"application/problem+json": {"schema": {}}}}}
    ),
    "error response dropped": lambda d: op(d, "/api/v1/orders", "post")["responses"].pop("409"),
    "schema renamed, same shape": lambda d: (
        d["components"]["schemas"].update(OrderInput=d["components"]["schemas"].pop("OrderIn")),
        op(d, "/api/v1/orders", "post")["requestBody"]["content"]["application/json"].update(
            schema={"$ref": REF + "OrderInput"}
        ),
    ),
    "docs changed": lambda d: (
        op(d, "/api/v1/orders", "get").update(summary="Orders", description="All of them"),
        schema(d, "Order").update(title="An order"),
    ),
    "v2 changed at will": lambda d: d["paths"].pop("/api/v2/orders"),
    "a reference wrapped in a lone allOf": lambda d: op(d, "/api/v1/orders/{order_id}", "get")[
        "responses"
    ]["200"]["content"]["application/json"].update(
        schema={"allOf": [{"$ref": REF + "Order"}], "description": "The order"}
    ),
}


@pytest.mark.parametrize("kind", COMPATIBLE)
def test_what_is_only_added_passes(kind: str) -> None:
    assert breaking_api_changes(DOCUMENT, edited(COMPATIBLE[kind])) == []


def test_an_operation_past_its_sunset_may_go() -> None:
    old = edited(lambda d: op(d, "/api/v1/orders/{order_id}", "get").update(SUNSET_PASSED))
    new = edited(lambda d: d["paths"].pop("/api/v1/orders/{order_id}"))
    assert breaking_api_changes(old, new, now=datetime(2027, 1, 1, tzinfo=UTC)) == []
