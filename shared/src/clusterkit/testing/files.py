"""Exports read back in tests the way a spreadsheet user would: CSV with ``csv``, XLSX with
openpyxl (never with the code that wrote them)."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import openpyxl  # type: ignore[import-untyped]  # (it ships no types)

from clusterkit.codes import CODE_LISTS
from clusterkit.export import CSV_MEDIA, XLSX_MEDIA


def csv_rows(response: httpx.Response) -> list[list[str]]:
    """A CSV answer's rows, the header row first."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == f"{CSV_MEDIA}; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response: httpx.Response) -> list[tuple[Any, ...]]:
    """An XLSX answer's first sheet, the header row first, as the cells' values."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX_MEDIA
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [tuple(cell.value for cell in row) for row in book.active.iter_rows()]


def records(rows: list[list[str]] | list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Rows as dicts keyed by the header row's labels."""
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def read_csv(response: httpx.Response) -> list[dict[str, str]]:
    return records(csv_rows(response))


def read_xlsx(response: httpx.Response) -> list[dict[str, Any]]:
    return records(xlsx_rows(response))


def named(codes: str, *values: str) -> str:
    """Codes as an export writes them in English: their names (``; `` between)."""
    return "; ".join(CODE_LISTS[codes].name_of(value, "en") for value in values)


def assert_documents_export(document: dict[str, Any], path: str) -> None:
    """The OpenAPI ``document`` shows the list at ``path`` as an export: its 200 in JSON (a
    schema by reference), CSV or XLSX, the 406 of any other format, and ``format``."""
    operation = document["paths"][path]["get"]
    content = operation["responses"]["200"]["content"]
    assert set(content) == {"application/json", CSV_MEDIA, XLSX_MEDIA}, path
    assert "$ref" in str(content["application/json"]["schema"]), path
    assert "406" in operation["responses"], path
    assert "format" in {p["name"] for p in operation["parameters"]}, path
