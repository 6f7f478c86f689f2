"""``/api/v1/production/reports/import``: many reports at once, all or none."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from clusterkit.app import WriteDep
from clusterkit.errors import Unsupported
from clusterkit.i18n import N_
from clusterkit.problems import problem_responses
from clusterkit.routing import Router
from production.imports import service
from production.imports.formats import MEDIA_TYPES
from production.imports.schemas import ImportSummary

router = Router(prefix="/api/v1/production/reports", tags=["reports"])


@router.post(
    "/import",
    response_model=ImportSummary,
    summary="Import many reports (CSV with a header row, or NDJSON): all rows or none",
    responses=problem_responses({415: "The body is neither CSV nor NDJSON"}),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
)
async def import_reports(request: Request, write: WriteDep) -> Any:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in MEDIA_TYPES:
        raise Unsupported(N_("Send text/csv (with a header row) or application/x-ndjson."))
    return await write(
        service.import_reports, upload=service.Upload(request.stream()), media_type=media_type
    )
