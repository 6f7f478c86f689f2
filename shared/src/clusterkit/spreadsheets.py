"""The writers of exports: CSV text and XLSX workbooks from rows, a batch at a time.

CSV: UTF-8 with a BOM (spreadsheet programs then read it as UTF-8), numbers plain, dates
ISO, moments in UTC, and text that a spreadsheet would run as a formula (it begins with
``=``, ``+``, ``-``, ``@``, a tab or a CR) after a ``'`` (CSV injection). XLSX: XlsxWriter
in constant-memory mode (each row goes to disk when the next begins) into an anonymous
temporary file; numbers numeric cells, dates and moments date cells, text only ever text
(``write_string``: never a formula); past Excel's 1,048,576 rows the sheet goes on in the
next worksheet. :mod:`clusterkit.export` is the way to use them.
"""

from __future__ import annotations

import asyncio
import csv
import io
import tempfile
from collections.abc import AsyncIterable, AsyncIterator, Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import IO, Any
from uuid import UUID

import xlsxwriter  # type: ignore[import-untyped]

from clusterkit.sql import Row

CHUNK = 64 * 1024  # bytes per body chunk
XLSX_ROWS = 1_048_576  # Excel's rows per worksheet, the header row included
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Get = Callable[[Row], Any]


async def next_batch(batches: AsyncIterator[Sequence[Row]]) -> Sequence[Row] | None:
    # ``anext(iterator, default)`` of Python 3.11 can raise SystemError on an async
    # generator that ends at once.
    try:
        return await anext(batches)
    except StopAsyncIteration:
        return None


def guarded(text: str) -> str:
    """Text a spreadsheet would run as a formula, made plain text (a leading ``'``)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _text(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return "; ".join(_text(item) for item in value)
    return str(value)


def _moment(value: datetime) -> str:
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "seconds")


# CSV text by a value's exact type (what asyncpg reads), looked up before anything slower.
_CSV_TEXT: dict[type, Callable[[Any], str]] = {
    bool: lambda value: "true" if value else "false",
    int: repr,
    float: repr,
    Decimal: lambda value: format(value, "f"),
    datetime: _moment,
    date: date.isoformat,
    UUID: str,
}


def csv_cell(value: Any) -> str:
    """A value as CSV text: numbers plain, dates ISO, moments in UTC (``YYYY-MM-DD
    HH:MM:SS``), empty for none, lists joined by ``; ``, any text guarded."""
    kind = type(value)
    if kind is str:
        text: str = value
        return "'" + text if text.startswith(FORMULA_START) else text
    if value is None:
        return ""
    convert = _CSV_TEXT.get(kind)
    if convert is not None:
        return convert(value)
    for base, converter in _CSV_TEXT.items():  # a subclass: an IntEnum, a pendulum date
        if isinstance(value, base) and not isinstance(value, Enum):
            return converter(value)
    return guarded(_text(value))


def _month_cell(value: Any) -> str:
    """A date that stands for its month as ``YYYY-MM``."""
    return str(value.isoformat()[:7]) if isinstance(value, date) else csv_cell(value)


async def csv_chunks(
    labels: list[str],
    getters: list[Get],
    months: list[bool],
    first: Sequence[Row],
    rest: AsyncIterator[Sequence[Row]],
) -> AsyncIterator[bytes]:
    """The CSV of ``first`` and the batches after it, about :data:`CHUNK` bytes a piece;
    ``months[n]``: column ``n`` is a date that stands for its month."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(labels)
    cells = [
        (get, _month_cell if month else csv_cell)
        for get, month in zip(getters, months, strict=True)
    ]
    batch: Sequence[Row] | None = first
    while batch is not None:
        writer.writerows([[text(get(row)) for get, text in cells] for row in batch])
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
        batch = await next_batch(rest)
    yield buffer.getvalue().encode()


class _Workbook:
    """A constant-memory workbook being written: a worksheet at a time, a row at a time."""

    def __init__(
        self,
        file: IO[bytes],
        scratch: str,
        title: str,
        labels: list[str],
        getters: list[Get],
        months: list[bool],
    ):
        self.book = xlsxwriter.Workbook(file, {"constant_memory": True, "tmpdir": scratch})
        self.title = _sheet_title(title)
        self.labels = labels
        self.getters = getters
        self.months = months
        bold = self.book.add_format({"bold": True})
        self.header = bold
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.month = self.book.add_format({"num_format": "yyyy-mm"})
        self.moment = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        self.sheets = 0
        self.row = XLSX_ROWS  # a worksheet is added before the first row

    def _next_worksheet(self) -> None:
        self.sheets += 1
        name = self.title if self.sheets == 1 else f"{self.title[:26]} ({self.sheets})"
        self.worksheet = self.book.add_worksheet(name)
        for n, label in enumerate(self.labels):
            self.worksheet.set_column(n, n, min(max(len(label) + 2, 12), 40))
        self.worksheet.freeze_panes(1, 0)
        self.worksheet.write_row(0, 0, self.labels, self.header)
        self.row = 1

    def write(self, batch: Sequence[Row]) -> None:
        getters = self.getters
        for record in batch:
            if self.row >= XLSX_ROWS:
                self._next_worksheet()
            self._cells(self.row, [get(record) for get in getters])
            self.row += 1

    def _cells(self, row: int, values: list[Any]) -> None:
        worksheet = self.worksheet
        for n, value in enumerate(values):
            kind = type(value)
            if kind is str:  # the most of the cells: tested first
                if value:
                    worksheet.write_string(row, n, value)
            elif value is None:
                continue
            elif kind is Decimal or kind is int or kind is float:
                worksheet.write_number(row, n, float(value))
            elif isinstance(value, bool):
                worksheet.write_boolean(row, n, value)
            elif isinstance(value, int | float | Decimal):
                worksheet.write_number(row, n, float(value))
            elif isinstance(value, datetime):
                moment = value if value.tzinfo is UTC else value.astimezone(UTC)
                worksheet.write_datetime(row, n, moment.replace(tzinfo=None), self.moment)
            elif isinstance(value, date):
                worksheet.write_datetime(row, n, value, self.month if self.months[n] else self.date)
            elif text := _text(value):
                worksheet.write_string(row, n, text)

    def close(self) -> None:
        if self.sheets == 0:
            self._next_worksheet()  # the header alone: an empty result is still a sheet
        self.book.close()


def _sheet_title(title: str) -> str:
    """A worksheet name Excel takes: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip("' ")
    return cleaned[:31] or "Sheet"


async def xlsx_file(
    title: str,
    labels: list[str],
    getters: list[Get],
    months: list[bool],
    batches: AsyncIterable[Sequence[Row]],
) -> IO[bytes]:
    """The whole workbook in an anonymous temporary file (gone once closed); the writing
    runs in a thread, so the service answers other requests meanwhile. XlsxWriter's own
    files (a worksheet's rows, the parts zipped) go in a folder removed afterwards, also
    when the export fails or its client goes away."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the answer's stream)
    writing: asyncio.Future[None] | None = None
    try:
        with tempfile.TemporaryDirectory(prefix="clusterkit-xlsx-") as scratch:
            workbook = _Workbook(file, scratch, title, labels, getters, months)
            try:
                # A batch is written while the next one is read.
                async for batch in batches:
                    if writing is not None:
                        await writing
                    writing = asyncio.ensure_future(asyncio.to_thread(workbook.write, batch))
                if writing is not None:
                    await writing
                await asyncio.to_thread(workbook.close)
            finally:
                if writing is not None and not writing.done():
                    # The thread's batch ends before its files go (a read failed meanwhile).
                    await asyncio.wait([writing])
                    if not writing.cancelled():
                        writing.exception()  # the read's error is the one to answer
    except BaseException:
        file.close()
        raise
    return file


async def file_chunks(file: IO[bytes]) -> AsyncIterator[bytes]:
    try:
        while chunk := file.read(CHUNK):
            yield chunk
    finally:
        file.close()
