"""An import's body as rows: CSV with a header row, or NDJSON, read as it streams in."""

from __future__ import annotations

import csv
from collections.abc import AsyncIterator
from typing import Any

import orjson

from production.imports.rules import COLUMNS, NOT_A_ROW, InvalidImport

CSV = "text/csv"
NDJSON = "ndjson"
# The media types an import is sent in, and the format each is.
MEDIA_TYPES = {"text/csv": CSV, "application/x-ndjson": NDJSON, "application/ndjson": NDJSON}


async def rows_of(
    chunks: AsyncIterator[bytes], media_type: str
) -> AsyncIterator[tuple[int, dict[str, Any]]]:
    """(row number, fields) from a CSV with a header row or from NDJSON, as it streams in.
    Row numbers count data rows from 1, as a spreadsheet user would read them."""
    lines = _lines(chunks)
    if MEDIA_TYPES[media_type] == CSV:
        header_line = await anext(lines, None)
        if header_line is None:
            return
        header = [h.strip() for h in next(csv.reader([header_line]))]
        unknown = set(header) - set(COLUMNS)
        if unknown:
            raise InvalidImport(f"unknown CSV columns: {', '.join(sorted(unknown))}")
        number = 0
        async for line in lines:
            number += 1
            # Most lines have no quoting: a plain split is several times faster than csv.
            values = line.split(",") if '"' not in line else next(csv.reader([line]))
            yield number, dict(zip(header, values, strict=False))
    else:
        number = 0
        async for line in lines:
            number += 1
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError:
                yield number, {NOT_A_ROW: "not a JSON object"}
                continue
            yield number, value if isinstance(value, dict) else {NOT_A_ROW: "not an object"}


async def _lines(chunks: AsyncIterator[bytes]) -> AsyncIterator[str]:
    rest = b""
    async for chunk in chunks:
        rest += chunk
        *complete, rest = rest.split(b"\n")
        for line in complete:
            if line.strip():
                yield line.decode("utf-8", errors="replace").rstrip("\r")
    if rest.strip():
        yield rest.decode("utf-8", errors="replace").rstrip("\r")
