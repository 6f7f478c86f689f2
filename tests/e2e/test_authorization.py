"""Who may do what, through the gateway, for every role the platform knows: anonymous, an
applicant (its access token), member A, member B, supplier X, supplier Y, procurement and
admin. Each operation answers 2xx to the roles it names and 401/403/404 to everyone else;
no answer carries another organisation's private fields; and no key or token is ever
written to a log."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from clusterkit.testing import eventually
from devstack import Stack

from .test_membership import issue_key
from .test_supply import offer, register_supplier
from .test_thin_slice import APPLICATIONS, MEMBERS_URL, admit, application, bearer, projected

ROLES = (
    "anonymous",
    "applicant",
    "member_a",
    "member_b",
    "supplier_x",
    "supplier_y",
    "procurement",
    "admin",
)
KEY_ROLES = frozenset(ROLES) - {"anonymous", "applicant"}
SUPPLY = "/api/v1/supply"
PRODUCTION = "/api/v1/production"


@dataclass
class World:
    """Two members, two suppliers, an application, and the supply and production records
    that belong to some of them."""

    headers: dict[str, dict[str, str]]
    ids: dict[str, str]
    secrets: list[str] = field(default_factory=list)


async def build_world(gateway: httpx.AsyncClient, admin_key: str, stack: Stack) -> World:
    admin = bearer(admin_key)
    a = await admit(gateway, admin_key, "Matrix Cable A LLC")
    b = await admit(gateway, admin_key, "Matrix Pipe B LLC")
    await eventually(lambda: projected(gateway, admin_key, {a, b}), within=45)
    submitted = await gateway.post(APPLICATIONS, json=application("Matrix Applicant LLC"))
    token = submitted.json()["access_token"]
    x, x_key = await register_supplier(gateway, admin, stack, "Matrix Reagent X LLC", True)
    y, y_key = await register_supplier(gateway, admin, stack, "Matrix Reagent Y LLC", True)
    keys = {
        "member_a": await asyncio.to_thread(issue_key, stack, "member", a),
        "member_b": await asyncio.to_thread(issue_key, stack, "member", b),
        "procurement": await asyncio.to_thread(issue_key, stack, "procurement"),
    }
    headers = {
        "anonymous": {},
        "applicant": {"X-Application-Token": token},
        "member_a": bearer(keys["member_a"]),
        "member_b": bearer(keys["member_b"]),
        "supplier_x": x_key,
        "supplier_y": y_key,
        "procurement": bearer(keys["procurement"]),
        "admin": admin,
    }
    line = {
        "hs_code": "2807",
        "description": "Sulfuric acid",
        "category": "reagent",
        "quantity": "30",
        "unit": "TNE",
    }
    needed_by = (date.today() + timedelta(days=20)).isoformat()
    request = (
        await gateway.post(
            f"{SUPPLY}/requests",
            json={"lines": [line], "needed_by": needed_by, "delivery_region": "UZ-TO"},
            headers=headers["member_a"],
        )
    ).json()
    offer_x = await gateway.post(
        f"{SUPPLY}/requests/{request['id']}/offers",
        json=offer(request, "1000000"),
        headers=headers["supplier_x"],
    )
    offer_y = await gateway.post(
        f"{SUPPLY}/requests/{request['id']}/offers",
        json=offer(request, "990000"),
        headers=headers["supplier_y"],
    )
    # A second request whose offer is accepted: an order between A and X.
    ordered = (
        await gateway.post(
            f"{SUPPLY}/requests",
            json={"lines": [line], "needed_by": needed_by, "delivery_region": "UZ-TO"},
            headers=headers["member_a"],
        )
    ).json()
    accepted_offer = await gateway.post(
        f"{SUPPLY}/requests/{ordered['id']}/offers",
        json=offer(ordered, "1000000"),
        headers=headers["supplier_x"],
    )
    order = await gateway.post(
        f"{SUPPLY}/offers/{accepted_offer.json()['id']}/accept", headers=headers["member_a"]
    )
    assert order.status_code == 201, order.text
    report = await gateway.post(
        f"{PRODUCTION}/reports",
        json={
            "organisation_id": a,
            "metric": "copper_processed",
            "period": "2025-05",
            "product_category": "cable_wire",
            "quantity": "100",
            "unit": "TNE",
        },
        headers=headers["member_a"],
    )
    assert report.status_code == 201, report.text
    hook = await gateway.post(
        "/api/v1/webhooks",
        json={"url": "http://127.0.0.1:9/never", "event_types": ["supply"]},
        headers=headers["procurement"],
    )
    assert hook.status_code == 201, hook.text
    ids = {
        "a": a,
        "b": b,
        "x": x,
        "y": y,
        "application": submitted.json()["id"],
        "request": request["id"],
        "offer_x": offer_x.json()["id"],
        "offer_y": offer_y.json()["id"],
        "order": order.json()["id"],
        "webhook": hook.json()["id"],
    }
    secrets = [
        admin_key,
        token,
        *keys.values(),
        hook.json()["secret"],
        x_key["Authorization"].split()[1],
        y_key["Authorization"].split()[1],
    ]
    return World(headers, ids, secrets)


# (method, path, body, roles answered 2xx). Every other role must get 401, 403 or 404.
# Writes list only denied roles' outcomes: an allowed write would change the world.
EVERYONE = frozenset(ROLES)


def reads(ids: dict[str, str]) -> list[tuple[str, frozenset[str]]]:
    return [
        (f"{MEMBERS_URL}", EVERYONE),
        (f"{MEMBERS_URL}/{ids['a']}", EVERYONE),
        (f"{APPLICATIONS}", frozenset({"admin"})),
        (f"{APPLICATIONS}/{ids['application']}", frozenset({"admin", "applicant"})),
        (f"{APPLICATIONS}/{ids['application']}/history", frozenset({"admin", "applicant"})),
        (f"{PRODUCTION}/organisations", EVERYONE),
        (f"{PRODUCTION}/metrics", EVERYONE),
        (f"{PRODUCTION}/reports?organisation_id={ids['a']}", frozenset({"admin", "member_a"})),
        (f"{PRODUCTION}/kpis/deep-processing?year=2025", EVERYONE),
        (
            f"{PRODUCTION}/reporting/status?period=2025-06",
            frozenset({"admin", "member_a", "member_b"}),
        ),
        (f"{PRODUCTION}/kpis/on-time-reporting?year=2025", EVERYONE),
        (f"{SUPPLY}/suppliers", EVERYONE),
        (f"{SUPPLY}/suppliers/{ids['x']}", EVERYONE),
        (f"{SUPPLY}/items", EVERYONE),
        (f"{SUPPLY}/stats/localization", EVERYONE),
        (
            f"{SUPPLY}/requests/{ids['request']}",
            frozenset({"member_a", "supplier_x", "supplier_y", "procurement", "admin"}),
        ),
        (
            f"{SUPPLY}/requests/{ids['request']}/offers",
            frozenset({"member_a", "supplier_x", "supplier_y", "procurement", "admin"}),
        ),
        (
            f"{SUPPLY}/offers/{ids['offer_x']}",
            frozenset({"member_a", "supplier_x", "procurement", "admin"}),
        ),
        (
            f"{SUPPLY}/orders/{ids['order']}",
            frozenset({"member_a", "supplier_x", "procurement", "admin"}),
        ),
        (f"{SUPPLY}/export/ocds", frozenset({"procurement", "admin"})),
        (f"{SUPPLY}/members", frozenset({"admin"})),
        ("/api/v1/keys", frozenset({"admin"})),
        ("/api/v1/events?limit=1", KEY_ROLES),
        ("/api/v1/webhooks", frozenset({"procurement", "admin"})),
        (f"/api/v1/webhooks/{ids['webhook']}", frozenset({"procurement", "admin"})),
    ]


def writes(ids: dict[str, str]) -> list[tuple[str, Any, frozenset[str]]]:
    soon = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    return [
        (f"{APPLICATIONS}/{ids['application']}/start-review", None, frozenset({"admin"})),
        (f"{MEMBERS_URL}/{ids['a']}/suspend", {"reason": "matrix"}, frozenset({"admin"})),
        (
            f"{PRODUCTION}/reports",
            {
                "organisation_id": ids["a"],
                "metric": "copper_processed",
                "period": "2025-06",
                "product_category": "cable_wire",
                "quantity": "1",
                "unit": "TNE",
            },
            frozenset({"admin", "member_a"}),
        ),
        (
            f"{SUPPLY}/suppliers",
            {
                "legal_name": "Matrix Z LLC",
                "stir": "123123123",
                "region": "UZ-TO",
                "is_local": True,
                "categories": ["reagent"],
            },
            frozenset({"admin"}),
        ),
        (f"{SUPPLY}/suppliers/{ids['y']}/suspend", None, frozenset({"admin"})),
        (
            f"{SUPPLY}/requests",
            {
                "lines": [
                    {
                        "hs_code": "2807",
                        "description": "acid",
                        "category": "reagent",
                        "quantity": "1",
                        "unit": "TNE",
                    }
                ],
                "needed_by": (date.today() + timedelta(days=9)).isoformat(),
                "delivery_region": "UZ-TO",
            },
            frozenset({"member_a", "member_b"}),
        ),
        (
            f"{SUPPLY}/requests/{ids['request']}/cancel",
            {"reason": "matrix"},
            frozenset({"member_a", "admin"}),
        ),
        (
            f"{SUPPLY}/requests/{ids['request']}/offers",
            {
                "currency": "UZS",
                "valid_until": soon,
                "lines": [
                    {
                        "line_no": 1,
                        "unit_price": "1",
                        "quantity": "30",
                        "unit": "TNE",
                        "delivery_date": date.today().isoformat(),
                    }
                ],
            },
            frozenset({"supplier_x", "supplier_y"}),
        ),
        (f"{SUPPLY}/offers/{ids['offer_x']}/accept", None, frozenset({"member_a"})),
        (f"{SUPPLY}/offers/{ids['offer_x']}/withdraw", None, frozenset({"supplier_x"})),
        (f"{SUPPLY}/orders/{ids['order']}/confirm", None, frozenset({"supplier_x"})),
        (
            f"{SUPPLY}/orders/{ids['order']}/cancel",
            {"reason": "matrix"},
            frozenset({"member_a", "supplier_x", "admin"}),
        ),
        ("/api/v1/keys", {"name": "matrix", "role": "admin"}, frozenset({"admin"})),
        ("/api/v1/webhooks", {"url": "http://127.0.0.1:9/x"}, frozenset({"procurement", "admin"})),
    ]


DENIED = {401, 403, 404}
PRIVATE_MEMBER_FIELDS = ("contact", "cathode_quota_tpy")


async def test_every_operation_answers_each_role_as_it_should_and_nothing_leaks(
    gateway: httpx.AsyncClient, admin_key: str, stack: Stack
) -> None:
    world = await build_world(gateway, admin_key, stack)
    wrong: list[str] = []
    for path, allowed in reads(world.ids):
        for role in ROLES:
            got = await gateway.get(path, headers=world.headers[role])
            ok = 200 <= got.status_code < 300
            if ok != (role in allowed) or (not ok and got.status_code not in DENIED):
                wrong.append(f"GET {path} as {role}: {got.status_code}")
            elif not ok and role == "anonymous" and got.status_code != 401:
                wrong.append(f"GET {path} as anonymous: {got.status_code}, not 401")
    for path, body, allowed in writes(world.ids):
        for role in sorted(set(ROLES) - allowed):
            got = await gateway.post(path, json=body, headers=world.headers[role])
            if got.status_code not in DENIED:
                wrong.append(f"POST {path} as {role}: {got.status_code} {got.text[:120]}")
    assert not wrong, "\n".join(wrong)

    # What an allowed reader sees of others: member B reads A without its private fields; a
    # supplier sees only its own offer; the registry shows contacts to no one but admin/A.
    for role in ("anonymous", "member_b", "supplier_x", "procurement"):
        one = (
            await gateway.get(f"{MEMBERS_URL}/{world.ids['a']}", headers=world.headers[role])
        ).json()
        listed = (
            await gateway.get(MEMBERS_URL, params={"limit": 200}, headers=world.headers[role])
        ).json()["items"]
        others = [m for m in listed if not (role == "member_b" and m["id"] == world.ids["b"])]
        for seen in [one, *others]:
            assert not set(PRIVATE_MEMBER_FIELDS) & seen.keys(), (role, seen)
    own = (
        await gateway.get(f"{MEMBERS_URL}/{world.ids['a']}", headers=world.headers["member_a"])
    ).json()
    assert "contact" in own
    for supplier, other in (("supplier_x", "y"), ("supplier_y", "x")):
        offers = await gateway.get(
            f"{SUPPLY}/requests/{world.ids['request']}/offers", headers=world.headers[supplier]
        )
        assert {o["supplier_id"] for o in offers.json()["items"]} == {world.ids[supplier[-1]]}, (
            other
        )
    for role, organisation in (("member_b", "b"), ("supplier_y", "y")):
        feed = await gateway.get(
            "/api/v1/events", params={"limit": 500}, headers=world.headers[role]
        )
        for event in feed.json()["items"]:
            assert world.ids[organisation] in json.dumps(event["data"]), event["type"]

    # Keys, tokens and secrets never reach a log; nor does a forwarded internal token.
    leaks = []
    for log in stack.logs.glob("*.log"):
        text = log.read_text(errors="replace")
        leaks += [f"{log.name}: {s[:8]}…" for s in world.secrets if s in text]
        if "eyJhbGciOi" in text:
            leaks.append(f"{log.name}: an internal token")
    assert not leaks, leaks
    assert any(stack.logs.glob("*.log"))
