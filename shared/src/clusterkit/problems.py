"""RFC 9457 problem details for every error a service answers.

Validation errors list each bad field in ``errors``; database outages answer 503; anything
unexpected answers a plain 500 without internals. Every problem carries the request id.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from clusterkit.context import current_request_id

PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://coppercluster.uz/problems/"

log = logging.getLogger("clusterkit.problems")


class Problem(Exception):
    """Raise from anywhere in a request to answer with problem+json.

    ``code`` is a short slug that becomes the ``type`` URI; extra keyword members are
    added to the body (RFC 9457 extension members).
    """

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        code: str | None = None,
        title: str | None = None,
        errors: Sequence[Mapping[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
        **extensions: Any,
    ):
        super().__init__(detail or title or str(status))
        self.status = status
        self.detail = detail
        self.code = code
        self.title = title
        self.errors = errors
        self.headers = headers
        self.extensions = extensions


def not_found(what: str) -> Problem:
    """404 for an id that names nothing (or nothing the caller may know of)."""
    return Problem(404, f"No {what} with this id.", code="not-found")


def invalid_fields(*errors: tuple[str, str]) -> Problem:
    """422 for body fields that are well-formed but wrong here: ``(dotted field, message)``
    pairs, in the shape pydantic's own validation errors take."""
    return Problem(
        422,
        "The request has invalid fields.",
        code="validation-error",
        errors=[
            {"field": field, "in": "body", "message": message, "type": "value_error"}
            for field, message in errors
        ],
    )


def problem_body(
    status: int,
    *,
    detail: str | None = None,
    code: str | None = None,
    title: str | None = None,
    instance: str | None = None,
    errors: Sequence[Mapping[str, Any]] | None = None,
    **extensions: Any,
) -> dict[str, Any]:
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code if code else "about:blank",
        "title": title or phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = list(errors)
    body.update(extensions)
    request_id = current_request_id()
    if request_id:
        body["request_id"] = request_id
    return body


def problem_response(
    status: int, *, headers: Mapping[str, str] | None = None, **fields: Any
) -> Response:
    return Response(
        orjson.dumps(problem_body(status, **fields), default=str),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=dict(headers) if headers else None,
    )


def validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    """pydantic's errors as ``{field, in, message, type}``: ``field`` is the dotted path."""
    out = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc and loc[0] in ("body", "query", "path", "header", "cookie") else ""
        path = loc[1:] if where else loc
        if error.get("type") == "json_invalid":
            path = []  # pydantic puts the character position where the field name goes
        out.append(
            {
                "field": ".".join(path) or where or "request",
                "in": where or "body",
                "message": error.get("msg", "invalid"),
                "type": error.get("type", "invalid"),
            }
        )
    return out


def is_database_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, OperationalError | InterfaceError | PoolTimeoutError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, ConnectionError | OSError) and not isinstance(exc, FileNotFoundError)


def unexpected_error_response(exc: BaseException, path: str) -> Response:
    """503 when the database is away (the client may retry), otherwise a bare 500."""
    if is_database_unavailable(exc):
        log.warning("database unavailable", extra={"error": repr(exc)})
        return problem_response(
            503,
            code="dependency-unavailable",
            detail="The database is not reachable right now; retry shortly.",
            instance=path,
            headers={"Retry-After": "2"},
        )
    log.error("unhandled error", exc_info=exc)
    return problem_response(500, instance=path)


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error this app can raise answer ``application/problem+json``."""

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return problem_response(
            exc.status,
            headers=exc.headers,
            detail=exc.detail,
            code=exc.code,
            title=exc.title,
            instance=request.url.path,
            errors=exc.errors,
            **exc.extensions,
        )

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail: str | None = exc.detail if isinstance(exc.detail, str) else None
        if detail == HTTPStatus(exc.status_code).phrase:
            detail = None
        return problem_response(
            exc.status_code, headers=exc.headers, detail=detail, instance=request.url.path
        )

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return problem_response(
            422,
            code="validation-error",
            title="Request is not valid",
            detail="One or more fields are missing or invalid; see errors.",
            instance=request.url.path,
            errors=validation_errors(exc),
        )

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    # Anything else is answered by the request middleware (see unexpected_error_response).
