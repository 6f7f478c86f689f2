"""Import row checks: each row meets the rules a single report meets, and its errors are
named by row and field; CSV and NDJSON bodies become rows as they stream in."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from clusterkit.auth import Caller
from clusterkit.errors import Busy
from production.domain import AMMC_ID
from production.imports.formats import rows_of
from production.imports.rules import MAX_ERRORS, InvalidImport, RowChecker
from production.imports.service import Upload

AMMC = uuid.UUID(AMMC_ID)
MEMBER = uuid.uuid4()
SUSPENDED = uuid.uuid4()
NOW = datetime(2025, 6, 15, tzinfo=UTC)
LOCKED = date(2025, 1, 1)


def checker(caller: Caller | None = None) -> RowChecker:
    return RowChecker(
        caller or Caller(role="admin"),
        {AMMC: "active", MEMBER: "active", SUSPENDED: "suspended"},
        {LOCKED},
        NOW,
    )


def row(**overrides: Any) -> dict[str, Any]:
    return {
        "organisation_id": str(AMMC),
        "metric": "cathode_output",
        "period": "2025-03",
        "quantity": "12000",
        "unit": "TNE",
        **overrides,
    }


def fields(check: RowChecker) -> list[str]:
    return [e["field"] for e in check.errors]


def test_a_valid_row_becomes_the_record_staged() -> None:
    check = checker()
    record = check.check(
        7,
        row(
            organisation_id=str(MEMBER),
            metric="copper_processed",
            product_category="pipes",
            quantity="2500",
            unit="KGM",
            note="first",
        ),
    )
    assert record == (
        7,
        MEMBER,
        "copper_processed",
        date(2025, 3, 1),
        "pipes",
        Decimal("2.500"),
        "TNE",
        "first",
        None,
    )
    assert check.error_count == 0


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"organisation_id": "nope"}, ["organisation_id"]),
        ({"organisation_id": str(uuid.uuid4())}, ["organisation_id"]),
        ({"organisation_id": str(SUSPENDED)}, ["organisation_id"]),
        ({"metric": "gold_output"}, ["metric"]),
        ({"period": "2025-13"}, ["period"]),
        ({"period": "2025-07"}, ["period"]),  # the future, by the transaction's clock
        ({"period": "2025-01"}, ["reason"]),  # locked: an admin's correction needs a reason
        ({"product_category": "gold"}, ["product_category"]),
        ({"metric": "product_output", "unit": "KMT"}, ["product_category"]),
        ({"metric": "export_value", "product_category": "pipes"}, ["product_category", "unit"]),
        ({"quantity": "-1"}, ["quantity"]),
        ({"quantity": "NaN"}, ["quantity"]),
        ({"unit": "USD"}, ["unit"]),
        ({"unit": ""}, ["unit"]),
        (
            {"metric": "gold_output", "period": "2025/01", "quantity": "x"},
            ["metric", "period", "quantity"],
        ),
    ],
)
def test_each_broken_field_is_named(overrides: dict[str, Any], expected: list[str]) -> None:
    check = checker()
    assert check.check(1, row(**overrides)) is None
    assert fields(check) == expected
    assert {e["row"] for e in check.errors} == {1}


def test_a_member_reports_only_for_itself_and_not_for_locked_months() -> None:
    check = checker(Caller(role="member", organisation_id=str(MEMBER)))
    assert check.check(1, row()) is None  # AMMC's figure
    assert check.check(2, row(organisation_id=str(MEMBER), period="2025-01", reason="x")) is None
    assert [(e["row"], e["field"]) for e in check.errors] == [(1, "organisation_id"), (2, "period")]
    assert check.check(3, row(organisation_id=str(MEMBER), metric="export_value", unit="USD"))


def test_an_admin_corrects_a_locked_month_with_a_reason() -> None:
    record = checker().check(1, row(period="2025-01", reason="audit"))
    assert record is not None
    assert record[-1] == "audit"


def test_errors_are_counted_past_the_first_thousand_named() -> None:
    check = checker()
    for number in range(1, MAX_ERRORS + 6):
        check.check(number, {"__error__": "not an object"})
    assert (check.error_count, len(check.errors)) == (MAX_ERRORS + 5, MAX_ERRORS)


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def test_csv_rows_are_numbered_from_the_first_data_row_across_chunks() -> None:
    body = (b"organisation_id,metric,note\n", b'a,cathode_output,"one, two"\r\nb,', b"m,\n\n")
    rows = [r async for r in rows_of(chunks(*body), "text/csv")]
    assert rows == [
        (1, {"organisation_id": "a", "metric": "cathode_output", "note": "one, two"}),
        (2, {"organisation_id": "b", "metric": "m", "note": ""}),
    ]
    assert [r async for r in rows_of(chunks(b""), "text/csv")] == []


async def test_unknown_csv_columns_refuse_the_import() -> None:
    with pytest.raises(InvalidImport, match="unknown CSV columns: org"):
        _ = [r async for r in rows_of(chunks(b"org,metric\n1,2\n"), "text/csv")]


async def test_ndjson_lines_that_are_no_objects_are_rows_with_an_error() -> None:
    body = b'{"metric": "cathode_output"}\n{not json\n[1]\n'
    rows = [r async for r in rows_of(chunks(body), "application/x-ndjson")]
    assert rows == [
        (1, {"metric": "cathode_output"}),
        (2, {"__error__": "not a JSON object"}),
        (3, {"__error__": "not an object"}),
    ]


async def test_the_body_is_read_once_and_a_second_read_is_busy() -> None:
    upload = Upload(chunks(b"a\n"))
    assert [c async for c in upload.chunks()] == [b"a\n"]
    with pytest.raises(Busy):
        upload.chunks()
