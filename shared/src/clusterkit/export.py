"""The one way to export a list or a report: CSV and XLSX of the whole filtered result.

An exporting endpoint is its JSON list's own path: ``?format=csv|xlsx`` or ``Accept:
text/csv`` / the XLSX media type asks for a file (the query wins; JSON stays the default,
an unknown ``format`` is 406). A list's query model is an :class:`ExportQuery` (its
paging and ``format``), and ``read.page_or_file(LIST, SHEET, query, **filters)`` answers
it; a computed report takes :data:`ExportDep`. When ``export.wanted``, the answer is
``await export.answer(SHEET, batches)``:

- ``SHEET`` is a :class:`Sheet`, the export's columns, each with its header label (an
  English msgid, :func:`clusterkit.i18n.N_`, shown in the ``Accept-Language`` language);
- ``batches`` are the rows in batches, read as the list reads them
  (:func:`keyset_batches`: the feature's ``KeysetList`` a batch at a time, a pool
  connection per batch, never one page and never the whole result in memory), or a
  report's few computed rows.

CSV is streamed as the batches come; XLSX is written whole into a temporary file, then
streamed out in chunks (:mod:`clusterkit.spreadsheets`: the formula guard, the cells).
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from operator import itemgetter
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi import Query as QueryParameter
from pydantic import Field
from starlette.responses import Response, StreamingResponse

from clusterkit import spreadsheets
from clusterkit.codes import CODE_LISTS
from clusterkit.errors import NotAcceptable
from clusterkit.i18n import N_, gettext, request_language, weighted
from clusterkit.listing import KeysetList, PageQuery
from clusterkit.problems import PROBLEM_JSON, PROBLEM_REF
from clusterkit.sql import SQL, Row

JSON_MEDIA = "application/json"
CSV_MEDIA = "text/csv"
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BATCH = 2_000  # rows read per statement


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True)
class Column:
    """One column: the row's ``field`` (or ``get(row)``) under the header ``label`` (an
    English msgid). ``month``: a date that stands for its month (a reporting period);
    ``codes``: the value is a code of that list, exported as the code's name."""

    field: str
    label: str
    get: Callable[[Row], Any] | None = None
    month: bool = False
    codes: str | None = None  # a code list of clusterkit.codes: each code as its name

    def getter(self, language: str) -> Callable[[Row], Any]:
        """The cell's value of a row; a code (or a list of codes) as its name in
        ``language``, as the pages show it."""
        get = self.get or itemgetter(self.field)
        if self.codes is None:
            return get
        known = CODE_LISTS[self.codes]
        names = {code: known.name_of(code, language) for code in known.names}

        def named(row: Row) -> Any:
            value = get(row)
            if isinstance(value, list | tuple):
                return [names.get(str(code), code) for code in value]
            return value if value is None else names.get(str(value), value)

        return named


@dataclass(frozen=True)
class Sheet:
    """An export: its file name (``<name>-<date>.csv``), its worksheet's title (a msgid)
    and its columns."""

    name: str
    title: str
    columns: tuple[Column, ...]

    def only(self, fields: Iterable[str]) -> Sheet:
        """The sheet of some of its columns (those a caller may see), in its order."""
        kept = frozenset(fields)
        return replace(self, columns=tuple(c for c in self.columns if c.field in kept))

    def variant(
        self,
        name: str,
        title: str,
        *,
        without: Iterable[str] = (),
        labels: Mapping[str, str] | None = None,
    ) -> Sheet:
        """Another export of rows of the same shape: these columns in their order, but
        those ``without``, and some headed by other ``labels`` (field -> msgid)."""
        left_out, headed = frozenset(without), labels or {}
        columns = tuple(
            replace(c, label=headed.get(c.field, c.label))
            for c in self.columns
            if c.field not in left_out
        )
        return Sheet(name, title, columns)


# An organisation as every register of the cluster names it (a member, an applicant, a
# supplier): the columns its export gives after the register's own id.
ORGANISATION = (
    Column("legal_name", N_("Legal name")),
    Column("stir", N_("STIR (taxpayer number)")),
    Column("region", N_("Region"), codes="regions"),
)


Batches = AsyncIterable[Sequence[Row]]


def chosen_format(asked: str | None, accept: str | None) -> Format:
    """``?format=`` if given (unknown: 406), else the best of ``Accept`` (RFC 9110 q-values;
    ties go to the one written first); JSON when neither asks for a file."""
    if asked is not None:
        try:
            return Format(asked.strip().lower())
        except ValueError:
            raise NotAcceptable(
                N_("Unknown format “{format}”; this list answers {known}."),
                params={"format": asked[:20], "known": ", ".join(Format)},
                known=list(Format),
            ) from None
    best: tuple[float, Format] | None = None
    for quality, item in weighted(accept):
        media = item.lower()
        wanted = {CSV_MEDIA: Format.CSV, XLSX_MEDIA: Format.XLSX}.get(media)
        if media in (JSON_MEDIA, "application/*", "*/*"):
            wanted = Format.JSON
        if wanted is not None and 0 < quality <= 1 and (best is None or quality > best[0]):
            best = (quality, wanted)
    return best[1] if best else Format.JSON


@dataclass(frozen=True)
class Export:
    """How the caller wants a list answered: ``format`` and the headers' ``language``."""

    format: Format
    language: str

    @property
    def wanted(self) -> bool:
        return self.format is not Format.JSON

    def labels(self, sheet: Sheet) -> list[str]:
        return [gettext(self.language, column.label) for column in sheet.columns]

    async def page_or_file(
        self, sql: SQL, listing: KeysetList, sheet: Sheet, page: PageQuery, **filters: Any
    ) -> Response:
        """A list's answer: its page as JSON, or, when a file is wanted, every row the
        filters select (``limit`` and ``cursor`` do not apply to a file)."""
        if self.wanted:
            return await self.answer(sheet, keyset_batches(sql, listing, **filters))
        return await listing.page(sql, page, **filters)

    async def answer(self, sheet: Sheet, rows: Batches | Sequence[Row]) -> Response:
        """The file of ``rows`` (batches, or a report's computed rows) as the answer."""
        batches = _batches(rows) if isinstance(rows, Sequence) else aiter(rows)
        headers = {
            "Content-Disposition": (
                f'attachment; filename="{sheet.name}-{date.today().isoformat()}.{self.format}"'
            ),
            "Content-Language": self.language,
        }
        labels = self.labels(sheet)
        getters = [column.getter(self.language) for column in sheet.columns]
        months = [column.month for column in sheet.columns]
        if self.format is Format.XLSX:
            title = gettext(self.language, sheet.title)
            file = await spreadsheets.xlsx_file(title, labels, getters, months, batches)
            headers["Content-Length"] = str(file.seek(0, io.SEEK_END))
            file.seek(0)
            body = spreadsheets.file_chunks(file)
            return StreamingResponse(body, media_type=XLSX_MEDIA, headers=headers)
        # The first batch is read before the answer starts: a failing read (the database
        # away) is still a problem answer, not a cut-off file.
        first = await spreadsheets.next_batch(batches) or ()
        text = spreadsheets.csv_chunks(labels, getters, months, first, batches)
        return StreamingResponse(text, media_type=CSV_MEDIA, headers=headers)


FORMAT = QueryParameter(
    alias="format",
    max_length=20,
    description="`csv` or `xlsx`: the whole filtered result as a file (not one page; `limit` "
    "and `cursor` do not apply); `json` (the default) the page. `Accept: text/csv` or the "
    "XLSX media type asks the same; this wins.",
)


class ExportQuery(PageQuery):
    """The query of an exporting list: its paging and the file ``format`` asked for (a list
    declares its own query model with these fields and its filters)."""

    format: str | None = Field(None, max_length=20, description=FORMAT.description)


def export_of(request: Request, asked: str | None) -> Export:
    """How ``request`` wants a list answered, ``asked`` being its ``?format=``."""
    return Export(chosen_format(asked, request.headers.get("accept")), request_language(request))


async def _export(request: Request, asked: Annotated[str | None, FORMAT] = None) -> Export:
    return export_of(request, asked)


# A report's parameter (a computed answer, not a list): ``export: ExportDep`` (document it
# with EXPORT_RESPONSES). A list takes its format in its query model (:class:`ExportQuery`).
ExportDep = Annotated[Export, Depends(_export)]

# The two file media types on the 200 of an exporting operation, and its 406.
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The page as JSON, or the whole filtered result as CSV or XLSX "
        "(`format`, or `Accept`)",
        "content": {
            CSV_MEDIA: {"schema": {"type": "string"}},
            XLSX_MEDIA: {"schema": {"type": "string", "format": "binary"}},
        },
    },
    406: {
        "description": "An unknown `format`",
        "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
    },
}


async def keyset_batches(
    sql: SQL, listing: KeysetList, *, batch: int | None = None, **filters: Any
) -> AsyncIterator[list[Row]]:
    """Every row of ``listing`` for ``filters``, ``batch`` rows per statement (default
    :data:`BATCH`), in the list's order (keyset: each batch starts after the last key of
    the one before)."""
    size = batch or BATCH
    cursor: str | None = None
    while True:
        rows, cursor = await listing.rows(sql, limit=size, cursor=cursor, **filters)
        if rows:
            yield rows
        if cursor is None:
            return


async def _batches(rows: Sequence[Row]) -> AsyncIterator[Sequence[Row]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]
