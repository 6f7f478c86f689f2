"""Hostile input through the gateway, to all three services and the gateway's own API: SQL
injection, NUL bytes, over-long strings, deep nesting, huge arrays, invalid UTF-8, crafted
cursors and wrong content types. Each is refused with a 4xx problem+json (never a 5xx, never a
stack trace), and injected SQL is only ever text."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import httpx
import pytest

from .test_thin_slice import APPLICATIONS, MEMBERS_URL, admit, application, bearer

ITEMS = "/api/v1/supply/items"
SUPPLIERS = "/api/v1/supply/suppliers"
REPORTS = "/api/v1/production/reports"
KEYS = "/api/v1/keys"
WEBHOOKS = "/api/v1/webhooks"
EVENTS = "/api/v1/events"
INJECTIONS = (
    "' OR 1=1 --",
    "' OR '1'='1",
    "%' OR 1=1 --",
    "'; DROP TABLE members; --",
    "\\' OR 1=1 --",
    "_",
    "%",
)


def assert_problem(response: httpx.Response) -> None:
    """A 4xx problem+json of the API's own, nothing of the server's insides."""
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:500])
    assert response.headers["content-type"] == "application/problem+json", response.text[:500]
    problem = response.json()
    assert problem["status"] == response.status_code
    assert "Traceback" not in response.text
    assert "sqlalchemy" not in response.text.lower()
    assert "asyncpg" not in response.text.lower()


def key_request() -> dict[str, Any]:
    return {"name": "hostile", "role": "procurement"}


def webhook() -> dict[str, Any]:
    # a closed port on loopback: nothing is ever delivered anywhere
    return {"url": "http://127.0.0.1:9/hostile", "event_types": ["supply.order"]}


def report() -> dict[str, Any]:
    return {
        "organisation_id": str(uuid.uuid4()),
        "metric": "cathode_output",
        "period": "2025-03",
        "quantity": "12.5",
        "unit": "TNE",
    }


def supplier() -> dict[str, Any]:
    return {
        "legal_name": "Hostile Reagents LLC",
        "stir": f"{uuid.uuid4().int % 10**9:09d}",
        "region": "UZ-TO",
        "is_local": True,
        "categories": ["reagent"],
    }


# One JSON endpoint of each service and two of the gateway's own: (path, body, admin?)
JSON_ENDPOINTS = (
    (APPLICATIONS, application("Hostile Cable LLC"), False),
    (REPORTS, report(), True),
    (SUPPLIERS, supplier(), True),
    (KEYS, key_request(), True),
    (WEBHOOKS, webhook(), True),
)
ENDPOINT_IDS = [path for path, _, _ in JSON_ENDPOINTS]


def with_string(body: dict[str, Any], text: str) -> dict[str, Any]:
    """``body`` with its main text field (a name, a report's note, a webhook's URL) set to
    ``text``."""
    if "url" in body:
        return {**body, "url": f"http://127.0.0.1:9/{text}"}
    field = next(f for f in ("legal_name", "name") if f in body) if "metric" not in body else "note"
    return {**body, field: text}


def cursor(*values: Any) -> str:
    """A cursor as the API makes them (base64url of a JSON array), with values of our own."""
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def only_literal_matches(text: str, names: list[str]) -> bool:
    """Every name contains ``text`` as it is: no quote, ``%`` or ``_`` widened the search."""
    return all(text.lower() in name.lower() for name in names)


async def test_sql_injection_in_the_registry_search_is_only_text(
    gateway: httpx.AsyncClient, admin_key: str
) -> None:
    member_id = await admit(gateway, admin_key, "Injection Probe Wire LLC")
    found = await gateway.get(MEMBERS_URL, params={"q": "Injection Probe"})
    assert [m["id"] for m in found.json()["items"]] == [member_id]
    for text in INJECTIONS:
        probe = await gateway.get(MEMBERS_URL, params={"q": f"Injection Probe{text}"})
        assert probe.status_code == 200, probe.text
        assert probe.json()["items"] == [], text
        everyone = await gateway.get(MEMBERS_URL, params={"q": text, "limit": "200"})
        assert everyone.status_code == 200, everyone.text
        names = [m["legal_name"] for m in everyone.json()["items"]]
        assert only_literal_matches(text, names), (text, names)


async def test_sql_injection_in_the_catalogue_search_is_only_text(
    gateway: httpx.AsyncClient, admin_key: str
) -> None:
    admin = bearer(admin_key)
    created = await gateway.post(SUPPLIERS, json=supplier(), headers=admin)
    supplier_id = created.json()["id"]
    verified = await gateway.post(f"{SUPPLIERS}/{supplier_id}/verify", headers=admin)
    assert verified.status_code == 200, verified.text
    item = {
        "supplier_id": supplier_id,
        "name": "Injection probe flotation frother",
        "category": "reagent",
        "hs_code": "3402.42",
        "unit": "KGM",
        "unit_price": {"amount": "1000", "currency": "UZS"},
        "local_content_pct": "80",
        "lead_time_days": 10,
        "available_quantity": "5",
    }
    listed = await gateway.post(ITEMS, json=item, headers=admin)
    assert listed.status_code == 201, listed.text
    found = await gateway.get(ITEMS, params={"q": "Injection probe", "supplier_id": supplier_id})
    assert [i["id"] for i in found.json()["items"]] == [listed.json()["id"]]
    for text in INJECTIONS:
        params = {"q": f"Injection probe{text}", "supplier_id": supplier_id}
        response = await gateway.get(ITEMS, params=params)
        assert response.status_code == 200, response.text
        assert response.json()["items"] == [], params
        for_all = await gateway.get(ITEMS, params={"q": text, "limit": "200"})
        assert for_all.status_code == 200, for_all.text
        texts = [i["name"] + "\n" + i["description"] for i in for_all.json()["items"]]
        assert only_literal_matches(text, texts), (text, texts)


async def test_sql_in_a_body_is_stored_as_text(gateway: httpx.AsyncClient) -> None:
    name = "Robert'); DROP TABLE applications; -- LLC"
    submitted = await gateway.post(APPLICATIONS, json=application(name))
    assert submitted.status_code == 201, submitted.text
    token = {"X-Application-Token": submitted.json()["access_token"]}
    read = await gateway.get(f"{APPLICATIONS}/{submitted.json()['id']}", headers=token)
    assert read.json()["legal_name"] == name


@pytest.mark.parametrize(("path", "body", "as_admin"), JSON_ENDPOINTS, ids=ENDPOINT_IDS)
async def test_nul_bytes_in_a_body_are_422(
    gateway: httpx.AsyncClient, admin_key: str, path: str, body: dict[str, Any], as_admin: bool
) -> None:
    headers = bearer(admin_key) if as_admin else {}
    response = await gateway.post(path, json=with_string(body, "Nul\x00 LLC"), headers=headers)
    assert_problem(response)
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (MEMBERS_URL, {"q": "a\x00b"}),
        (ITEMS, {"q": "a\x00b"}),
        (MEMBERS_URL, {"cursor": cursor("a\x00b", str(uuid.uuid4()))}),
        (REPORTS, {"period_from": "2025-03\x00"}),
    ],
)
async def test_nul_bytes_in_a_query_are_4xx(
    gateway: httpx.AsyncClient, admin_key: str, path: str, params: dict[str, str]
) -> None:
    assert_problem(await gateway.get(path, params=params, headers=bearer(admin_key)))


@pytest.mark.parametrize(("path", "body", "as_admin"), JSON_ENDPOINTS, ids=ENDPOINT_IDS)
async def test_over_long_strings_are_422(
    gateway: httpx.AsyncClient, admin_key: str, path: str, body: dict[str, Any], as_admin: bool
) -> None:
    headers = bearer(admin_key) if as_admin else {}
    response = await gateway.post(path, json=with_string(body, "A" * 100_000), headers=headers)
    assert_problem(response)
    assert response.status_code == 422
    long_query = await gateway.get(MEMBERS_URL, params={"q": "A" * 5_000})
    assert_problem(long_query)


@pytest.mark.parametrize(("path", "body", "as_admin"), JSON_ENDPOINTS, ids=ENDPOINT_IDS)
async def test_deeply_nested_json_is_4xx(
    gateway: httpx.AsyncClient, admin_key: str, path: str, body: dict[str, Any], as_admin: bool
) -> None:
    headers = {"content-type": "application/json", **(bearer(admin_key) if as_admin else {})}
    for nested in (b"[" * 10_000 + b"]" * 10_000, b'{"a":' * 10_000 + b"1" + b"}" * 10_000):
        assert_problem(await gateway.post(path, content=nested, headers=headers))


async def test_huge_arrays_are_422(gateway: httpx.AsyncClient, admin_key: str) -> None:
    admin = bearer(admin_key)
    sectors = {**application("Huge Array LLC"), "sectors": ["cable_wire"] * 100_000}
    assert_problem(await gateway.post(APPLICATIONS, json=sectors))
    categories = {**supplier(), "categories": ["reagent"] * 100_000}
    assert_problem(await gateway.post(SUPPLIERS, json=categories, headers=admin))
    types = {**webhook(), "event_types": ["supply.order"] * 100_000}
    assert_problem(await gateway.post(WEBHOOKS, json=types, headers=admin))
    rows = [report()] * 100_000
    assert_problem(await gateway.post(REPORTS, json=rows, headers=admin))


@pytest.mark.parametrize(("path", "body", "as_admin"), JSON_ENDPOINTS, ids=ENDPOINT_IDS)
async def test_invalid_utf8_in_a_json_body_is_4xx(
    gateway: httpx.AsyncClient, admin_key: str, path: str, body: dict[str, Any], as_admin: bool
) -> None:
    headers = {"content-type": "application/json", **(bearer(admin_key) if as_admin else {})}
    for bad in (b'{"name": "\xff\xfe\xfd"}', b"\xc3\x28", b'{"legal_name": "\xed\xa0\x80"}'):
        assert_problem(await gateway.post(path, content=bad, headers=headers))


@pytest.mark.parametrize(("path", "body", "as_admin"), JSON_ENDPOINTS, ids=ENDPOINT_IDS)
async def test_wrong_content_types_are_4xx(
    gateway: httpx.AsyncClient, admin_key: str, path: str, body: dict[str, Any], as_admin: bool
) -> None:
    auth = bearer(admin_key) if as_admin else {}
    text = httpx.Request("POST", "/", json=body).content
    for content_type in ("text/plain", "application/xml", None):
        headers = {**auth, **({"content-type": content_type} if content_type else {})}
        assert_problem(await gateway.post(path, content=text, headers=headers))
    flat = {k: v for k, v in body.items() if isinstance(v, str)}
    assert_problem(await gateway.post(path, data=flat, headers=auth))
    assert_problem(await gateway.post(path, files={"body": ("body.json", text)}, headers=auth))


@pytest.mark.parametrize(
    ("path", "crafted"),
    [
        (EVENTS, cursor(1.5e19)),
        (EVENTS, cursor(-(2**70))),
        (EVENTS, cursor("1; DROP TABLE events")),
        (MEMBERS_URL, cursor(["nested"], "not-a-uuid")),
        (ITEMS, cursor("1e999999", str(uuid.uuid4()))),
        (ITEMS, cursor("NaN", str(uuid.uuid4()))),
        (ITEMS, cursor("not a price", str(uuid.uuid4()))),
        (KEYS, cursor("99999-01-01T00:00:00", str(uuid.uuid4()))),
    ],
)
async def test_crafted_cursors_are_400(
    gateway: httpx.AsyncClient, admin_key: str, path: str, crafted: str
) -> None:
    response = await gateway.get(path, params={"cursor": crafted}, headers=bearer(admin_key))
    assert_problem(response)
    assert response.status_code == 400


async def test_a_huge_if_match_is_4xx(gateway: httpx.AsyncClient, admin_key: str) -> None:
    member_id = await admit(gateway, admin_key, "If Match Probe LLC")
    response = await gateway.patch(
        f"{MEMBERS_URL}/{member_id}",
        json={"legal_name": "If Match Probe Two LLC"},
        headers={**bearer(admin_key), "If-Match": '"' + "9" * 40 + '"'},
    )
    assert_problem(response)
    assert response.status_code == 412
