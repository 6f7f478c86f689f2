"""Reporting deadlines through the HTTP API: the month's status with due dates and states,
returning a report for revision, the on-time KPI, and the reminder job's turns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import httpx
from sqlalchemy import BigInteger, bindparam, func, select, update

from clusterkit.auth import Caller
from clusterkit.database import Database
from clusterkit.jobs import lock_id
from clusterkit.sql import Query
from clusterkit.testing import TestDatabase
from clusterkit.unit_of_work import Transactions, UnitOfWork
from production import events as ev
from production.reporting.service import REMINDERS, send_reminders
from production.settings import ProductionSettings
from production.tables import outbox, revisions

from ..conftest import AMMC, FORGET_MEMBERS, add_member, published, run

REPORTS = "/api/v1/production/reports"
STATUS = "/api/v1/production/reporting/status"
ON_TIME = "/api/v1/production/kpis/on-time-reporting"
SETTINGS = ProductionSettings(environment="test", run_workers=False)
# The test's transaction has one clock: a report is moved to the day it was "sent".
RECORDED_ON = Query(
    update(revisions)
    .where(revisions.c.organisation_id == bindparam("organisation_id"))
    .values(recorded_at=bindparam("recorded_at"))
)


async def recorded_on(db: Database, organisation_id: str, moment: str) -> None:
    await run(
        db, RECORDED_ON, organisation_id=organisation_id, recorded_at=datetime.fromisoformat(moment)
    )


def report(organisation_id: str, period: str, quantity: str = "100") -> dict[str, Any]:
    return {
        "organisation_id": organisation_id,
        "metric": "product_output",
        "product_category": "cable_wire",
        "period": period,
        "quantity": quantity,
        "unit": "KMT",
    }


async def reported(
    client: httpx.AsyncClient,
    as_role: Callable[..., dict[str, str]],
    organisation_id: str,
    period: str,
    quantity: str = "100",
) -> dict[str, Any]:
    answer = await client.post(
        REPORTS, json=report(organisation_id, period, quantity), headers=as_role("admin")
    )
    assert answer.status_code == 201, answer.text
    body: dict[str, Any] = answer.json()
    return body


def by_name(page: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["legal_name"]: item for item in page["items"]}


async def test_the_status_gives_each_active_organisation_its_due_date_and_state(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    await run(db, FORGET_MEMBERS)
    early = await add_member(db, "Early Cable LLC")
    late = await add_member(db, "Late Pipes LLC")
    await add_member(db, "Suspended Wire LLC", status="suspended")
    await reported(client, as_role, early, "2025-03")
    await reported(client, as_role, late, "2025-03")
    await recorded_on(db, early, "2025-04-10T18:59:00+00:00")
    # 19:00 UTC on the 10th is already the 11th in Tashkent (UTC+5): late.
    await recorded_on(db, late, "2025-04-10T19:00:00+00:00")

    answer = await client.get(STATUS, params={"period": "2025-03"}, headers=as_role("admin"))
    assert answer.status_code == 200, answer.text
    rows = by_name(answer.json())
    assert set(rows) == {
        "Early Cable LLC",
        "Late Pipes LLC",
        "JSC Almalyk MMC",
    }  # not the suspended
    assert rows["Early Cable LLC"]["state"] == "on_time"
    assert rows["Early Cable LLC"]["reported_on"] == "2025-04-10"
    assert rows["Late Pipes LLC"]["state"] == "late"
    assert rows["Late Pipes LLC"]["reported_on"] == "2025-04-11"
    assert rows["JSC Almalyk MMC"]["state"] == "missing"
    assert rows["JSC Almalyk MMC"]["reported_on"] is None
    assert {row["due_date"] for row in rows.values()} == {"2025-04-10"}
    assert answer.json()["next_cursor"] is None

    first = await client.get(
        STATUS, params={"period": "2025-03", "limit": 2}, headers=as_role("admin")
    )
    rest = await client.get(
        STATUS,
        params={"period": "2025-03", "cursor": first.json()["next_cursor"]},
        headers=as_role("admin"),
    )
    assert [item["legal_name"] for item in first.json()["items"] + rest.json()["items"]] == [
        "Early Cable LLC",
        "JSC Almalyk MMC",
        "Late Pipes LLC",
    ]


async def test_a_key_sees_its_own_organisation_and_bad_periods_are_refused(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    member = await add_member(db, "Own Status LLC")
    own = await client.get(STATUS, params={"period": "2025-03"}, headers=as_role("member", member))
    assert [item["organisation_id"] for item in own.json()["items"]] == [member]
    anonymous = await client.get(STATUS, params={"period": "2025-03"}, headers=as_role("anonymous"))
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    for period in ("2025-13", "March", ""):
        bad = await client.get(STATUS, params={"period": period}, headers=as_role("admin"))
        assert bad.status_code == 422, (period, bad.text)
    missing = await client.get(STATUS, headers=as_role("admin"))
    assert missing.status_code == 422


async def test_an_admin_returns_a_report_until_it_is_revised(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    await run(db, FORGET_MEMBERS)
    member = await add_member(db, "Returned Cable LLC")
    figure = await reported(client, as_role, member, "2025-03")
    path = f"{REPORTS}/{figure['id']}/return"
    body = {"reason": "The figure does not match the weighbridge record."}

    refused = await client.post(path, json=body, headers=as_role("member", member))
    assert refused.status_code == 403
    returned = await client.post(path, json=body, headers=as_role("admin"))
    assert returned.status_code == 200, returned.text
    assert returned.json()["report_id"] == figure["id"]
    assert returned.json()["reason"] == body["reason"]
    again = await client.post(path, json=body, headers=as_role("admin"))
    assert again.status_code == 409
    assert again.json()["type"].endswith("report-returned")

    status = await client.get(STATUS, params={"period": "2025-03"}, headers=as_role("admin"))
    assert by_name(status.json())["Returned Cable LLC"]["state"] == "returned"

    [event] = [data for type_, _, data in await published(db) if type_ == ev.REPORT_RETURNED]
    assert event["organisation_id"] == member
    assert event["report_id"] == figure["id"]
    assert event["reason"] == body["reason"]
    assert event["period"] == "2025-03"

    await reported(client, as_role, member, "2025-03", quantity="110")  # the member revises
    status = await client.get(STATUS, params={"period": "2025-03"}, headers=as_role("admin"))
    assert by_name(status.json())["Returned Cable LLC"]["state"] in {"on_time", "late"}
    stale = await client.post(path, json=body, headers=as_role("admin"))
    assert stale.status_code == 409
    assert stale.json()["type"].endswith("report-revised")
    unknown = await client.post(f"{REPORTS}/999999999/return", json=body, headers=as_role("admin"))
    assert unknown.status_code == 404
    empty = await client.post(path, json={"reason": ""}, headers=as_role("admin"))
    assert empty.status_code == 422


async def test_the_on_time_kpi_counts_the_months_already_due(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    await run(db, FORGET_MEMBERS)
    member = await add_member(db, "Punctual LLC")
    await reported(client, as_role, member, "2025-01")
    await recorded_on(db, member, "2025-02-03T08:00:00+00:00")
    answer = await client.get(ON_TIME, params={"year": 2025}, headers=as_role("admin"))
    assert answer.status_code == 200, answer.text
    kpi = answer.json()
    assert kpi["cluster"]["due"] == 24  # two active organisations, twelve months each
    assert kpi["cluster"]["on_time"] == 1
    assert kpi["cluster"]["missing"] == 23
    punctual = next(row for row in kpi["organisations"] if row["legal_name"] == "Punctual LLC")
    assert punctual["on_time"] == 1
    assert punctual["due"] == 12
    assert punctual["share"] == "0.0833"

    anonymous = await client.get(ON_TIME, params={"year": 2025}, headers=as_role("anonymous"))
    assert anonymous.json()["cluster"] == kpi["cluster"]
    assert anonymous.json()["organisations"] == []
    own = await client.get(ON_TIME, params={"year": 2025}, headers=as_role("member", member))
    assert [row["legal_name"] for row in own.json()["organisations"]] == ["Punctual LLC"]
    future = await client.get(ON_TIME, params={"year": 2099}, headers=as_role("admin"))
    nothing_due = {"due": 0, "on_time": 0, "late": 0, "missing": 0, "share": None}
    assert future.json()["cluster"] == nothing_due


async def test_reminders_go_to_who_has_not_reported_once_each(
    client: httpx.AsyncClient, as_role: Callable[..., dict[str, str]], db: Database
) -> None:
    await run(db, FORGET_MEMBERS)
    reporter = await add_member(db, "Reported LLC")
    silent = await add_member(db, "Silent LLC")
    await reported(client, as_role, reporter, "2025-03")
    write = Transactions(db, outbox, Caller(role="admin", key_id="job:report-reminders"))

    assert await write(send_reminders, settings=SETTINGS, today=date(2025, 4, 6)) == 0
    assert await write(send_reminders, settings=SETTINGS, today=date(2025, 4, 7)) == 2
    assert await write(send_reminders, settings=SETTINGS, today=date(2025, 4, 8)) == 0  # sent
    assert await write(send_reminders, settings=SETTINGS, today=date(2025, 4, 10)) == 2
    assert await write(send_reminders, settings=SETTINGS, today=date(2025, 4, 11)) == 0

    due = [data for type_, _, data in await published(db) if type_ == ev.REPORT_DUE]
    assert sorted((event["organisation_id"], event["reminder"]) for event in due) == sorted(
        [(silent, "due_soon"), (AMMC, "due_soon"), (silent, "due_today"), (AMMC, "due_today")]
    )
    assert {event["due_date"] for event in due} == {"2025-04-10"}
    assert reporter not in {event["organisation_id"] for event in due}


HOLD_LOCK = Query(select(func.pg_advisory_xact_lock(bindparam("lock_id", type_=BigInteger))))


async def test_a_turn_is_skipped_while_another_instance_runs_one(
    platform_database: TestDatabase,
) -> None:
    """Two instances' turns at once (real transactions on two connections): the one that
    finds the job's lock taken does nothing."""
    database = Database(platform_database.url("production"), pool_size=2)
    write = Transactions(database, outbox, REMINDERS.caller)
    assert lock_id("report-reminders") != lock_id("certificate-expiry")

    async def other_instance_turn(uow: UnitOfWork) -> int | None:
        await uow.value(HOLD_LOCK, lock_id=lock_id(REMINDERS.name))
        return await REMINDERS.run_once(write, SETTINGS)

    try:
        assert await write(other_instance_turn) is None
        assert await REMINDERS.run_once(write, SETTINGS) is not None  # the lock is free again
    finally:
        await database.dispose()
