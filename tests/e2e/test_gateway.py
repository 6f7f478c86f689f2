"""The gateway in front of the real services: one merged OpenAPI document, local docs,
aggregated readiness, problem+json for what it refuses."""

from __future__ import annotations

import httpx
from openapi_spec_validator import validate

from devstack import SERVICES, Stack


async def test_the_merged_openapi_has_every_service_operation_and_is_valid_3_1(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    merged = (await gateway.get("/openapi.json")).json()
    validate(merged)
    assert merged["openapi"].startswith("3.1")
    assert "x-unavailable-services" not in merged["info"]
    operations = {(method, path) for path, ops in merged["paths"].items() for method in ops}
    async with httpx.AsyncClient() as client:
        for service in SERVICES[:-1]:
            own = (await client.get(f"{stack.url(service.name)}/openapi.json")).json()
            expected = {(m, p) for p, ops in own["paths"].items() for m in ops}
            assert expected, service.name
            assert expected <= operations, service.name
    assert ("post", "/api/v1/keys") in operations
    assert ("post", "/api/v1/membership/applications/{application_id}/approve") in operations
    assert merged["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"


async def test_swagger_ui_is_served_without_a_cdn(gateway: httpx.AsyncClient) -> None:
    page = await gateway.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower()
    for asset in ("/docs/static/swagger-ui-bundle.js", "/docs/static/swagger-ui.css"):
        response = await gateway.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 10_000


async def test_unknown_paths_and_bad_keys_are_problems(gateway: httpx.AsyncClient) -> None:
    unknown = await gateway.get("/api/v1/warehouse/items")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == "application/problem+json"
    bad_key = await gateway.get(
        "/api/v1/membership/members", headers={"Authorization": "Bearer ccp_not-a-key"}
    )
    assert bad_key.status_code == 401
    assert bad_key.json()["request_id"] == bad_key.headers["x-request-id"]
