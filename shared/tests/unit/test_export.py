"""Exports: the format asked for, CSV cells (the formula guard, numbers plain), and both
files read back (``csv``, openpyxl) with the header, numeric and date cells, and a
workbook past one worksheet's rows."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from starlette.responses import Response, StreamingResponse

from clusterkit import export, spreadsheets
from clusterkit.codes import CODE_LISTS
from clusterkit.errors import NotAcceptable
from clusterkit.export import Column, Export, Format, Sheet, chosen_format
from clusterkit.problems import status_of
from clusterkit.spreadsheets import csv_cell
from clusterkit.sql import Row

SHEET = Sheet(
    "things",
    "Things",
    (
        Column("name", "Name"),
        Column("quantity", "Quantity"),
        Column("count", "Count"),
        Column("period", "Period", month=True),
        Column("day", "Day"),
        Column("at", "Recorded at (UTC)"),
        Column("tags", "Tags"),
        Column("half", "Half", get=lambda row: row["quantity"] / 2),
    ),
)
ROW: dict[str, Any] = {
    "name": '=HYPERLINK("http://evil","x")',
    "quantity": Decimal("-12.500"),
    "count": 3,
    "period": date(2025, 3, 1),
    "day": date(2025, 3, 17),
    "at": datetime(2025, 3, 17, 9, 30, tzinfo=UTC),
    "tags": ["a", "@b"],
}


@pytest.mark.parametrize(
    ("asked", "accept", "chosen"),
    [
        (None, None, Format.JSON),
        (None, "*/*", Format.JSON),
        (None, "text/html,application/xhtml+xml,*/*;q=0.8", Format.JSON),
        (None, "text/csv", Format.CSV),
        (None, export.XLSX_MEDIA, Format.XLSX),
        (None, "application/json;q=0.5, text/csv", Format.CSV),
        (None, "text/csv;q=0.2, application/json", Format.JSON),
        (None, "application/pdf", Format.JSON),
        ("csv", export.XLSX_MEDIA, Format.CSV),
        ("XLSX", None, Format.XLSX),
        ("json", "text/csv", Format.JSON),
    ],
)
def test_the_query_wins_then_accept_then_json(
    asked: str | None, accept: str | None, chosen: Format
) -> None:
    assert chosen_format(asked, accept) is chosen


def test_an_unknown_format_is_not_acceptable() -> None:
    with pytest.raises(NotAcceptable) as raised:
        chosen_format("pdf", None)
    assert status_of(raised.value) == 406
    assert raised.value.code == "not-acceptable"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("=1+2", "'=1+2"),
        ("+998 71", "'+998 71"),
        ("-rf", "'-rf"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Olmaliq", "Olmaliq"),
        (Decimal("-5.250"), "-5.250"),
        (-3, "-3"),
        (None, ""),
        (True, "true"),
        (["x", "=y"], "x; =y"),  # the joined text does not begin with one
        (["=y"], "'=y"),
    ],
)
def test_csv_cells_guard_formulas_and_keep_numbers_plain(value: Any, text: str) -> None:
    assert csv_cell(value) == text


async def _body(response: Response) -> bytes:
    assert isinstance(response, StreamingResponse)
    chunks = [
        chunk if isinstance(chunk, bytes) else chunk.encode()
        async for chunk in response.body_iterator
    ]
    return b"".join(chunks)


async def _batches(rows: list[dict[str, Any]], size: int) -> AsyncIterator[Sequence[Row]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def test_csv_reads_back_with_its_header_guard_and_plain_numbers() -> None:
    response = await Export(Format.CSV, "en").answer(SHEET, [ROW])
    assert response.media_type == "text/csv"
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="things-{date.today().isoformat()}.csv"'
    body = await _body(response)
    assert body.startswith("\ufeff".encode())
    header, line = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert header == [column.label for column in SHEET.columns]
    assert line == [
        '\'=HYPERLINK("http://evil","x")',
        "-12.500",
        "3",
        "2025-03",
        "2025-03-17",
        "2025-03-17 09:30:00",
        "a; @b",
        "-6.250",
    ]


async def test_csv_of_many_batches_has_every_row_once_in_order() -> None:
    rows = [{**ROW, "name": f"Row {n}", "count": n} for n in range(7_000)]
    body = await _body(await Export(Format.CSV, "en").answer(SHEET, _batches(rows, 999)))
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]
    assert [int(line[2]) for line in lines] == list(range(7_000))


async def test_xlsx_reads_back_with_numeric_and_date_cells() -> None:
    response = await Export(Format.XLSX, "en").answer(SHEET, [ROW, {**ROW, "tags": []}])
    assert response.media_type == export.XLSX_MEDIA
    body = await _body(response)
    assert int(response.headers["content-length"]) == len(body)
    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    assert book.sheetnames == ["Things"]
    rows = list(book["Things"].iter_rows(values_only=True))
    assert rows[0] == tuple(column.label for column in SHEET.columns)
    name, quantity, count, period, day, at, tags, half = rows[1]
    assert name == '=HYPERLINK("http://evil","x")'  # a text cell, never a formula
    assert (quantity, count, half) == (-12.5, 3, -6.25)
    assert (period, day) == (datetime(2025, 3, 1), datetime(2025, 3, 17))
    assert at == datetime(2025, 3, 17, 9, 30)
    assert tags == "a; @b"
    assert rows[2][6] is None  # an empty list is an empty cell
    cells = list(openpyxl.load_workbook(io.BytesIO(body))["Things"].iter_rows())
    assert cells[1][0].data_type == "s"
    assert cells[1][1].data_type == "n"
    assert cells[1][3].is_date
    assert cells[1][3].number_format == "yyyy-mm"
    assert cells[1][5].is_date
    assert cells[1][5].number_format == "yyyy-mm-dd hh:mm:ss"


async def test_an_empty_result_is_the_header_row_alone() -> None:
    for format in (Format.CSV, Format.XLSX):
        body = await _body(await Export(format, "en").answer(SHEET, []))
        if format is Format.CSV:
            assert len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) == 1
        else:
            rows = list(openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows())
            assert len(rows) == 1


async def test_a_sheet_past_a_worksheets_rows_goes_on_in_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spreadsheets, "XLSX_ROWS", 4)  # a header and 3 rows per worksheet
    rows = [{**ROW, "count": n} for n in range(7)]
    body = await _body(await Export(Format.XLSX, "en").answer(SHEET, rows))
    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    assert book.sheetnames == ["Things", "Things (2)", "Things (3)"]
    counts = [
        [row[2] for row in book[name].iter_rows(min_row=2, values_only=True)]
        for name in book.sheetnames
    ]
    assert counts == [[0, 1, 2], [3, 4, 5], [6]]


async def test_headers_and_the_sheet_title_are_in_the_asked_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def catalog(language: str | None, msgid: str) -> str:
        return f"{language}·{msgid}"

    monkeypatch.setattr(export, "gettext", catalog)
    response = await Export(Format.XLSX, "ru").answer(SHEET, [ROW])
    assert response.headers["content-language"] == "ru"
    book = openpyxl.load_workbook(io.BytesIO(await _body(response)), read_only=True)
    assert book.sheetnames == ["ru·Things"]
    header = next(book.active.iter_rows(values_only=True))
    assert header[:2] == ("ru·Name", "ru·Quantity")
    body = await _body(await Export(Format.CSV, "uz").answer(SHEET, [ROW]))
    assert body.decode("utf-8-sig").startswith("uz·Name,uz·Quantity,")


def _left_in(folder: Path) -> list[Path]:
    return list(folder.iterdir())


async def test_a_workbook_leaves_no_file_behind_done_or_failed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    async def failing() -> AsyncIterator[Sequence[Row]]:
        yield [ROW]
        raise ConnectionError("the database went away")

    with pytest.raises(ConnectionError):
        await Export(Format.XLSX, "en").answer(SHEET, failing())
    assert _left_in(tmp_path) == []
    response = await Export(Format.XLSX, "en").answer(SHEET, [ROW])
    await _body(response)
    assert _left_in(tmp_path) == []


async def test_codes_are_written_as_their_names_in_the_asked_language() -> None:
    sheet = Sheet(
        "members",
        "Members",
        (
            Column("region", "Region", codes="regions"),
            Column("sectors", "Sectors", codes="sectors"),
        ),
    )
    rows = [
        {"region": "UZ-SA", "sectors": ["cable_wire", "not-a-code"]},
        {"region": None, "sectors": []},
    ]
    body = await _body(await Export(Format.CSV, "ru").answer(sheet, rows))
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]
    sectors = CODE_LISTS["sectors"].name_of("cable_wire", "ru")
    assert lines == [
        [CODE_LISTS["regions"].name_of("UZ-SA", "ru"), f"{sectors}; not-a-code"],
        ["", ""],
    ]
    assert lines[0][0] == "Самаркандская область"


def test_a_variant_keeps_the_columns_order_but_those_left_out_and_relabels_some() -> None:
    labels = {"quantity": "Target"}
    targets = SHEET.variant("targets", "Targets", without={"count", "tags"}, labels=labels)
    assert (targets.name, targets.title) == ("targets", "Targets")
    assert [c.field for c in targets.columns] == ["name", "quantity", "period", "day", "at", "half"]
    assert [c.label for c in targets.columns][:2] == ["Name", "Target"]
    period = next(c for c in targets.columns if c.field == "period")
    assert period.month  # everything but the label is the column's own
    assert next(c for c in SHEET.columns if c.field == "quantity").label == "Quantity"


async def test_an_organisation_is_named_by_legal_name_stir_and_region() -> None:
    sheet = Sheet("suppliers", "Suppliers", (Column("id", "Supplier id"), *export.ORGANISATION))
    row = {"id": 7, "legal_name": "Kimyo LLC", "stir": "012345678", "region": "UZ-SA"}
    body = await _body(await Export(Format.CSV, "en").answer(sheet, [row]))
    assert list(csv.reader(io.StringIO(body.decode("utf-8-sig")))) == [
        ["Supplier id", "Legal name", "STIR (taxpayer number)", "Region"],
        ["7", "Kimyo LLC", "012345678", "Samarkand Region"],
    ]
