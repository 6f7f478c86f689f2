"""Hand-written references for ``./dev bench``: each service's main list and create endpoint
as raw asyncpg + orjson, running the same SQL statements as the service, and nothing else
(no validation models, no SQLAlchemy, no middleware). The bench divides the service's
figures by these.

Started like the services (``uvicorn --factory references:create_app``, one process) with
``REFERENCE_<SERVICE>_DSN`` set to the service's own database login. Kept here, never in
the services: it knows the services' SQL only by having been written from it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg
import orjson
from fastapi import FastAPI, Request, Response

SERVICES = ("membership", "production", "supply")
USD_UZS = Decimal("12650")  # supply's default rate (SUPPLY_USD_UZS_RATE)
SOURCE = "/coppercluster/{}"


def _json(value: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(value, default=str), status, media_type="application/json")


async def _init(connection: asyncpg.Connection) -> None:
    for type_ in ("json", "jsonb"):
        await connection.set_type_codec(
            type_,
            schema="pg_catalog",
            encoder=lambda v: orjson.dumps(v, default=str).decode(),
            decoder=orjson.loads,
        )


async def _outbox(
    connection: asyncpg.Connection, service: str, type_: str, subject: Any, data: Any
) -> None:
    await connection.fetchval(
        f"INSERT INTO {service}.outbox (event_id, topic, type, source, subject, time, "
        "requestid, data) VALUES ($1, $2, $3, $4, $5, now(), $6, $7) RETURNING position",
        uuid.uuid4(),
        f"{service}.events",
        f"uz.coppercluster.{service}.{type_}",
        SOURCE.format(service),
        str(subject),
        uuid.uuid4().hex,
        data,
    )


# -- membership ----------------------------------------------------------------------------

MEMBER_STATUS = (
    "CASE WHEN expelled_at IS NOT NULL THEN $1 WHEN suspended_at IS NOT NULL AND "
    "(suspended_until IS NULL OR suspended_until > now()) THEN $2 ELSE $3 END AS status"
)
MEMBERS = (
    "SELECT id, legal_name, stir, region, sectors, admitted_at, contact, planned_products, "
    "cathode_quota_tpy, suspended_until, suspension_reason, version, "
    f"{MEMBER_STATUS} FROM membership.members ORDER BY legal_name, id LIMIT $4"
)
MEMBER_FIELDS = [
    "id",
    "legal_name",
    "stir",
    "region",
    "sectors",
    "status",
    "admitted_at",
    "contact",
    "planned_products",
    "cathode_quota_tpy",
    "suspended_until",
    "suspension_reason",
    "version",
]
APPLICATION_COLUMNS = (
    "id, legal_name, stir, region, sectors, planned_products, requested_cathode_tpy, contact, "
    "proposal, status, member_id, submitted_at, updated_at, version"
)
# The application and its audit line in one statement, as the service writes them: no
# duplicate-STIR reads first (the open-application index and a NOT EXISTS decide).
SUBMIT_APPLICATION = (
    "WITH changed AS (INSERT INTO membership.applications (id, legal_name, stir, region, "
    "sectors, planned_products, requested_cathode_tpy, contact, proposal, access_token_hash, "
    "status, submitted_at, updated_at, version) SELECT $5, $6, $7::varchar, $8, $9, $10, $11, "
    "$12, $13, $14, $15, now(), now(), $16 WHERE NOT EXISTS (SELECT * FROM membership.members "
    "WHERE stir = $7::varchar AND expelled_at IS NULL) ON CONFLICT (stir) WHERE status IN "
    "('submitted', 'under_review', 'info_requested') DO NOTHING "
    f"RETURNING {APPLICATION_COLUMNS}), "
    "audit AS (INSERT INTO membership.application_transitions (application_id, action, "
    "from_status, to_status, actor, actor_key_id, reason, at) SELECT changed.id, $1, NULL, $2, "
    f"$3, $4, NULL, now() FROM changed) SELECT {APPLICATION_COLUMNS} FROM changed"
)


async def members(request: Request) -> Response:
    limit = int(request.query_params.get("limit", 50))
    async with request.app.state.pools["membership"].acquire() as connection:
        rows = await connection.fetch(MEMBERS, "expelled", "suspended", "active", limit + 1)
    page = [{f: row[f] for f in MEMBER_FIELDS} for row in rows[:limit]]
    more = len(rows) > limit
    return _json({"items": page, "next_cursor": page[-1]["legal_name"] if more else None})


async def apply(request: Request) -> Response:
    body = orjson.loads(await request.body())
    token = secrets.token_urlsafe(32)
    async with (
        request.app.state.pools["membership"].acquire() as connection,
        connection.transaction(),
    ):
        row = await connection.fetchrow(
            SUBMIT_APPLICATION,
            "submit",
            "submitted",
            "applicant",
            None,
            uuid.uuid4(),
            body["legal_name"],
            body["stir"],
            body["region"],
            sorted(set(body["sectors"])),
            body.get("planned_products", []),
            Decimal(body["requested_cathode_tpy"]),
            body["contact"],
            body["proposal"],
            hashlib.sha256(token.encode()).digest(),
            "submitted",
            1,
        )
        assert row is not None, "the bench submits new STIRs only"
        application = dict(row)
        event = {
            k: application[k]
            for k in ("legal_name", "stir", "region", "sectors", "requested_cathode_tpy")
        }
        event |= {"application_id": application["id"], "submitted_at": application["submitted_at"]}
        await _outbox(
            connection, "membership", "application.submitted.v1", application["id"], event
        )
    return _json({**application, "access_token": token}, 201)


# -- production ----------------------------------------------------------------------------

FIGURE_COLUMNS = (
    "id, kind, organisation_id, metric, period, product_category, quantity, unit, note, "
    "reason, revision, recorded_at, recorded_by"
)
LATEST_FIGURES = (
    f"SELECT * FROM (SELECT DISTINCT ON (organisation_id, metric, period, product_category) "
    f"{FIGURE_COLUMNS} FROM production.figures WHERE kind = $1 "
    "ORDER BY organisation_id, metric, period, product_category, revision DESC) AS latest "
    "ORDER BY organisation_id, metric, period, product_category LIMIT $2"
)
# What a report needs to know first, in one statement: the clock, the organisation's
# effective status and whether the period is locked.
REPORT_STATE = (
    "SELECT now() AS now, (SELECT CASE WHEN status = $1 AND suspended_until IS NOT NULL AND "
    "suspended_until <= now() THEN $2 ELSE status END FROM production.organisations "
    "WHERE id = $3) AS status, EXISTS (SELECT * FROM production.period_locks "
    "WHERE period = $4) AS locked"
)
# The latest revision of the key and the next one, found and inserted in one statement.
ADD_REVISION = (
    "WITH numbered AS (SELECT given.period, given.quantity, coalesce(latest.revision, 0) AS "
    "latest_revision, latest.quantity AS previous_quantity FROM unnest($9::date[], "
    "$10::numeric(20, 3)[]) AS given(period, quantity) LEFT JOIN LATERAL (SELECT revision, "
    "quantity FROM production.figures WHERE kind = $1 AND organisation_id = $2 AND metric = $3 "
    "AND product_category = $4 AND period = given.period ORDER BY revision DESC LIMIT 1) "
    "AS latest ON true), added AS (INSERT INTO production.figures (kind, organisation_id, "
    "metric, product_category, unit, note, reason, recorded_by, period, quantity, revision, "
    "recorded_at) SELECT $1, $2, $3, $4, $5, $6, $7, $8, numbered.period, numbered.quantity, "
    "numbered.latest_revision + 1, now() FROM numbered ON CONFLICT DO NOTHING "
    f"RETURNING {FIGURE_COLUMNS}) SELECT added.*, numbered.previous_quantity FROM added "
    "JOIN numbered ON added.period = numbered.period"
)
FIGURE_FIELDS = [
    "organisation_id",
    "metric",
    "period",
    "product_category",
    "quantity",
    "unit",
    "note",
    "reason",
    "revision",
    "recorded_at",
    "recorded_by",
]


def _figure(row: asyncpg.Record) -> dict[str, Any]:
    figure = {f: row[f] for f in FIGURE_FIELDS}
    figure["period"] = row["period"].strftime("%Y-%m")
    figure["product_category"] = row["product_category"] or None
    return figure


async def reports(request: Request) -> Response:
    limit = int(request.query_params.get("limit", 100))
    async with request.app.state.pools["production"].acquire() as connection:
        rows = await connection.fetch(LATEST_FIGURES, "actual", limit + 1)
    page = [_figure(row) for row in rows[:limit]]
    more = len(rows) > limit
    return _json({"items": page, "next_cursor": page[-1]["period"] if more else None})


async def report(request: Request) -> Response:
    body = orjson.loads(await request.body())
    organisation_id = uuid.UUID(body["organisation_id"])
    period = date.fromisoformat(body["period"] + "-01")
    quantity = Decimal(body["quantity"]).quantize(Decimal("0.001"))
    metric, category = body["metric"], body.get("product_category") or ""
    async with (
        request.app.state.pools["production"].acquire() as connection,
        connection.transaction(),
    ):
        await connection.fetchrow(REPORT_STATE, "suspended", "active", organisation_id, period)
        row = await connection.fetchrow(
            ADD_REVISION,
            "actual",
            organisation_id,
            metric,
            category,
            body["unit"],
            body.get("note"),
            body.get("reason"),
            "bench",
            [period],
            [quantity],
        )
        assert row is not None, "the bench reports each key once at a time"
        figure = _figure(row)
        event = {k: figure[k] for k in FIGURE_FIELDS if k not in ("note", "recorded_by")}
        event["previous_quantity"] = row["previous_quantity"]
        type_ = "report.revised.v1" if row["revision"] > 1 else "report.submitted.v1"
        await _outbox(connection, "production", type_, organisation_id, event)
    return _json(figure, 201)


# -- supply --------------------------------------------------------------------------------

ITEM_COLUMNS = (
    "items.id, items.supplier_id, items.name, items.description, items.category, "
    "items.hs_code, items.unit, items.unit_price, items.currency, items.local_content_pct, "
    "items.lead_time_days, items.available_quantity, items.certifications, items.status, "
    "items.created_at, items.updated_at, items.version"
)
PRICE_UZS = "CASE WHEN items.currency = $1 THEN items.unit_price * $2 ELSE items.unit_price END"
ITEMS = (
    f"SELECT {ITEM_COLUMNS}, suppliers.region AS supplier_region, suppliers.is_local AS "
    f"supplier_is_local, {PRICE_UZS} AS sort_key FROM supply.items JOIN supply.suppliers ON "
    "suppliers.id = items.supplier_id WHERE items.status = $3 AND suppliers.status = $4 "
    f"ORDER BY {PRICE_UZS}, items.id LIMIT $5"
)
# The supplier check and the insert in one statement, as the service writes it: no row is
# no such supplier, a row without an item a supplier that is not verified.
LIST_ITEM = (
    "WITH supplier AS (SELECT id, status, legal_name, stir, is_local FROM supply.suppliers "
    "WHERE id = $1), inserted AS (INSERT INTO supply.items (id, name, description, category, "
    "hs_code, unit, unit_price, currency, local_content_pct, lead_time_days, "
    "available_quantity, certifications, supplier_id, status, created_at, updated_at, version) "
    "SELECT $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, supplier.id, $14, now(), now(), "
    f"$15 FROM supplier WHERE supplier.status = $16 RETURNING {ITEM_COLUMNS}) "
    "SELECT supplier.status AS supplier_status, supplier.legal_name AS supplier_legal_name, "
    "supplier.stir AS supplier_stir, supplier.is_local AS supplier_is_local, inserted.* "
    "FROM supplier LEFT JOIN inserted ON true"
)


def _item(row: Any) -> dict[str, Any]:
    item = dict(row)
    item.pop("sort_key", None)
    item["unit_price"] = {"amount": item["unit_price"], "currency": item.pop("currency")}
    return item


async def items(request: Request) -> Response:
    limit = int(request.query_params.get("limit", 50))
    async with request.app.state.pools["supply"].acquire() as connection:
        rows = await connection.fetch(ITEMS, "USD", USD_UZS, "listed", "verified", limit + 1)
    page = [_item(row) for row in rows[:limit]]
    more = len(rows) > limit
    return _json({"items": page, "next_cursor": str(rows[limit - 1]["sort_key"]) if more else None})


async def list_item(request: Request) -> Response:
    body = orjson.loads(await request.body())
    price = body["unit_price"]
    async with request.app.state.pools["supply"].acquire() as connection, connection.transaction():
        row = await connection.fetchrow(
            LIST_ITEM,
            uuid.UUID(body["supplier_id"]),
            uuid.uuid4(),
            body["name"],
            body.get("description", ""),
            body["category"],
            body["hs_code"].replace(".", ""),
            body["unit"],
            Decimal(price["amount"]),
            price["currency"],
            Decimal(body["local_content_pct"]),
            body["lead_time_days"],
            Decimal(body["available_quantity"]),
            body.get("certifications", []),
            "listed",
            1,
            "verified",
        )
        assert row is not None, "the bench lists as a verified supplier"
        assert row["id"] is not None, "the bench lists as a verified supplier"
        found = dict(row)
        supplier = {
            "id": found["supplier_id"],
            "legal_name": found.pop("supplier_legal_name"),
            "stir": found.pop("supplier_stir"),
            "is_local": found.pop("supplier_is_local"),
        }
        found.pop("supplier_status")
        item = _item(found)
        event = {k: v for k, v in item.items() if k not in ("id", "created_at", "updated_at")}
        event |= {"item_id": item["id"], "supplier": supplier, "occurred_at": item["created_at"]}
        await _outbox(connection, "supply", "item.listed.v1", item["id"], event)
    return _json({**item, "supplier_region": None, "supplier_is_local": None}, 201)


def create_app() -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The services' pools: 10 connections each (SERVICE_DATABASE_POOL_SIZE).
        app.state.pools = {
            service: await asyncpg.create_pool(
                os.environ[f"REFERENCE_{service.upper()}_DSN"],
                min_size=10,
                max_size=10,
                init=_init,
            )
            for service in SERVICES
        }
        yield
        for pool in app.state.pools.values():
            await pool.close()

    app = FastAPI(lifespan=lifespan, openapi_url=None)
    app.add_api_route("/healthz", lambda: Response(b"ok"))
    app.add_api_route("/api/v1/membership/members", members)
    app.add_api_route("/api/v1/membership/applications", apply, methods=["POST"])
    app.add_api_route("/api/v1/production/reports", reports)
    app.add_api_route("/api/v1/production/reports", report, methods=["POST"])
    app.add_api_route("/api/v1/supply/items", items)
    app.add_api_route("/api/v1/supply/items", list_item, methods=["POST"])
    return app
