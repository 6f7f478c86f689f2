"""The registry and the applications as CSV and XLSX, read back with ``csv`` and openpyxl:
the whole filtered result (not a page), the formula guard, numeric and date cells, the
same access as the JSON, 406 for an unknown format, and the OpenAPI's media types."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import text, update

from clusterkit import export
from clusterkit.database import Database
from clusterkit.export import XLSX_MEDIA as XLSX
from clusterkit.i18n import gettext
from clusterkit.testing import AsRole
from clusterkit.testing.files import assert_documents_export, named
from clusterkit.testing.files import csv_rows as read_csv
from clusterkit.testing.files import xlsx_rows as read_xlsx
from membership.tables import members

from ..conftest import MEMBERS, URL, Applicant, run

INJECTION = '=HYPERLINK("http://evil.example","Open")'
STATES = "application-states"

# ``n`` approved applications and their members ('Export 0001' ...), every other one in
# Samarqand, straight into the test's transaction.
FILL = """
WITH applications AS (
    INSERT INTO membership.applications (
        id, legal_name, stir, region, sectors, planned_products, requested_cathode_tpy,
        contact, proposal, status, access_token_hash, member_id, submitted_at, updated_at,
        version)
    SELECT gen_random_uuid(), 'Export ' || lpad(i::text, 4, '0'), '8' || lpad(i::text, 8, '0'),
           CASE WHEN i % 2 = 0 THEN 'UZ-SA' ELSE 'UZ-TO' END, ARRAY['cable_wire'], '[]'::jsonb,
           100, '{"name": "A", "email": "a@b.uz", "phone": "+998 71 000 00 00"}'::jsonb,
           'export', 'approved', sha256(i::text::bytea), gen_random_uuid(), now(), now(), 1
    FROM generate_series(1, :n) AS i
    RETURNING id, member_id, legal_name, stir, region, sectors, planned_products, contact
)
INSERT INTO membership.members (
    id, application_id, legal_name, stir, region, sectors, planned_products, contact,
    cathode_quota_tpy, admitted_at, updated_at, version)
SELECT member_id, id, legal_name, stir, region, sectors, planned_products, contact, 250.5,
       now(), now(), 1
FROM applications
"""


async def fill(db: Database, n: int) -> None:
    await run(db, text(FILL).bindparams(n=n))


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports read 100 rows per statement: a few hundred rows are several batches."""
    monkeypatch.setattr(export, "BATCH", 100)


@pytest.mark.usefixtures("small_batches")
async def test_the_registry_as_csv_is_every_filtered_member_public_fields_only(
    client: httpx.AsyncClient, as_role: AsRole, db: Database, applicant: Applicant
) -> None:
    await fill(db, 450)
    await applicant.reach("under_review")
    assert (await applicant.act("approve", {"cathode_quota_tpy": "10"})).status_code == 200
    await run(db, update(members).where(members.c.stir == "305112233").values(legal_name=INJECTION))
    response = await client.get(f"{MEMBERS}?format=csv&limit=5", headers=as_role())
    header, *rows = read_csv(response)
    assert header == [
        "Member id",
        "Legal name",
        "STIR (taxpayer number)",
        "Region",
        "Sectors",
        "Status",
        "Admitted at (UTC)",
    ]
    assert len(rows) == 451  # the whole registry, not a page (limit does not apply)
    injected = next(r for r in rows if r[2] == "305112233")
    assert injected[1] == "'" + INJECTION  # the guard: a spreadsheet shows it as text
    assert injected[4] == named("sectors", "cable_wire", "fittings")
    filled = [r[1] for r in rows if r is not injected]  # in the registry's order, once each
    assert filled == [f"Export {n:04d}" for n in range(1, 451)]
    today = date.today().isoformat()
    assert response.headers["content-disposition"] == (
        f'attachment; filename="members-{today}.csv"'
    )
    by_accept = await client.get(
        f"{MEMBERS}?region=UZ-SA", headers={**as_role(), "Accept": "text/csv"}
    )
    samarqand = read_csv(by_accept)[1:]
    assert len(samarqand) == 225
    assert {r[3] for r in samarqand} == {named("regions", "UZ-SA")} == {"Samarkand Region"}


async def test_the_registry_as_xlsx_for_an_admin_has_private_fields_in_typed_cells(
    client: httpx.AsyncClient, as_role: AsRole, db: Database
) -> None:
    await fill(db, 3)
    response = await client.get(
        f"{MEMBERS}?q=Export 0002", headers={**as_role("admin"), "Accept": XLSX}
    )
    header, *rows = read_xlsx(response)
    assert header[7:12] == (
        "Contact name",
        "Contact email",
        "Contact phone",
        "Planned products (HS code, description)",
        "Cathode quota (t/year)",
    )
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Legal name"] == "Export 0002"
    assert row["STIR (taxpayer number)"] == "800000002"  # text: its leading digit kept
    assert row["Cathode quota (t/year)"] == 250.5  # a number a spreadsheet sums
    assert row["Contact phone"] == "+998 71 000 00 00"  # text, never a formula
    admitted = row["Admitted at (UTC)"]
    assert isinstance(admitted, datetime)
    assert abs(admitted - datetime.now(UTC).replace(tzinfo=None)).total_seconds() < 600
    json = await client.get(f"{MEMBERS}?q=Export 0002", headers=as_role("admin"))
    assert json.headers["content-type"] == "application/json"  # JSON stays the default
    assert Decimal(json.json()["items"][0]["cathode_quota_tpy"]) == Decimal("250.5")


async def test_an_unknown_format_is_406_problem_json(
    client: httpx.AsyncClient, as_role: AsRole
) -> None:
    for path in (MEMBERS, URL):
        response = await client.get(f"{path}?format=pdf", headers=as_role("admin"))
        assert response.status_code == 406
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["type"] == "https://coppercluster.uz/problems/not-acceptable"
        assert problem["known"] == ["json", "csv", "xlsx"]


async def test_applications_export_with_their_audit_trails_for_admins_only(
    client: httpx.AsyncClient, as_role: AsRole, applicant: Applicant
) -> None:
    await applicant.reach("info_requested")
    second = Applicant(client, as_role)
    assert (await second.submit(stir="305999888", legal_name="@Second LLC")).status_code == 201
    header, *rows = read_csv(await client.get(f"{URL}?format=csv", headers=as_role("admin")))
    assert header[7:] == [
        "Step",
        "From status",
        "To status",
        "Actor",
        "Reason",
        "Step taken at (UTC)",
    ]
    # An application's lines together, oldest first (both were submitted at the test
    # transaction's one now(): which comes first is the id's order).
    trails: dict[str, list[tuple[str, ...]]] = {}
    for r in rows:
        trails.setdefault(r[1], []).append((r[7], r[8], r[9], r[11]))
    assert len([name for name, _ in itertools.groupby(r[1] for r in rows)]) == 2
    assert trails == {
        "'@Second LLC": [("submit", "", named(STATES, "submitted"), "")],
        "Olmaliq Kabel Zavodi LLC": [
            ("submit", "", named(STATES, "submitted"), ""),
            ("start-review", named(STATES, "submitted"), named(STATES, "under_review"), ""),
            (
                "request-info",
                named(STATES, "under_review"),
                named(STATES, "info_requested"),
                "Plan?",
            ),
        ],
    }
    statuses = {r[1]: r[5] for r in rows}  # each application's status now, on its lines
    assert statuses == {
        "'@Second LLC": named(STATES, "submitted"),
        "Olmaliq Kabel Zavodi LLC": named(STATES, "info_requested"),
    }
    filtered = await client.get(
        f"{URL}?status=submitted", headers={**as_role("admin"), "Accept": XLSX}
    )
    header, *rows = read_xlsx(filtered)
    assert [row[1] for row in rows] == ["@Second LLC"]  # text cell: no guard needed
    assert isinstance(rows[0][12], datetime)
    for role in ((), ("member", "org-1")):
        refused = await client.get(f"{URL}?format=csv", headers=as_role(*role))
        listed = await client.get(URL, headers=as_role(*role))
        assert refused.status_code == listed.status_code
        assert refused.status_code in (401, 403)


async def test_the_openapi_documents_the_file_media_types(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    for path in (MEMBERS, URL):
        assert_documents_export(document, path)


async def test_headers_follow_accept_language(client: httpx.AsyncClient, as_role: AsRole) -> None:
    for language in ("ru", "uz"):
        response = await client.get(
            f"{MEMBERS}?format=csv", headers={**as_role(), "Accept-Language": f"{language};q=0.9"}
        )
        header = read_csv(response)[0]
        assert response.headers["content-language"] == language
        assert header[1] == gettext(language, "Legal name")
        assert header[1] != "Legal name"  # the catalog translates it
        book = read_xlsx(
            await client.get(
                f"{MEMBERS}?format=xlsx", headers={**as_role(), "Accept-Language": language}
            )
        )
        assert book[0][1] == header[1]
    unknown = await client.get(
        f"{MEMBERS}?format=csv", headers={**as_role(), "Accept-Language": "fr"}
    )
    assert unknown.headers["content-language"] == "en"
    assert read_csv(unknown)[0][1] == "Legal name"
