"""RFC 9457 problem details for every error a service answers: the one place where an
error becomes an HTTP status.

Services raise :mod:`clusterkit.errors` (not found, forbidden, conflict ...); the table
``STATUS`` below gives each its status. Validation errors list each bad field in
``errors``; database outages answer 503; anything unexpected answers a plain 500 without
internals. Every problem carries the request id.

``title``, ``detail`` and each field error's ``message`` are in the request's language
(``Accept-Language``, else the ``api_language`` setting; :mod:`clusterkit.i18n`), said in
``Content-Language``; ``type`` codes and extension members are the same in every language.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import asyncpg
import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from clusterkit import errors
from clusterkit.context import current_request_id
from clusterkit.i18n import N_, current_language, gettext, request_language
from clusterkit.locale.problems import (
    FIELD_MESSAGES,
    OR,
    TITLES,
    VALIDATION_DETAIL,
    VALIDATION_TITLE,
)

PROBLEM_JSON = "application/problem+json"
PARAMETER = re.compile(r"\{(\w+)\}")
PROBLEM_TYPE_BASE = "https://coppercluster.uz/problems/"

log = logging.getLogger("clusterkit.problems")


# How each domain error answers. Order matters: the first class that matches wins.
STATUS: tuple[tuple[type[errors.DomainError], int], ...] = (
    (errors.InvalidRequest, 400),
    (errors.Unauthenticated, 401),
    (errors.Forbidden, 403),
    (errors.NotFound, 404),
    (errors.NotAcceptable, 406),
    (errors.Conflict, 409),
    (errors.PreconditionFailed, 412),
    (errors.TooLarge, 413),
    (errors.Unsupported, 415),
    (errors.InvalidFields, 422),
    (errors.PreconditionRequired, 428),
    (errors.RateLimited, 429),
    (errors.UpstreamFailed, 502),
    (errors.Busy, 503),
    (errors.UpstreamTimedOut, 504),
)


def title_of(status: int, language: str) -> str:
    if status in TITLES:
        return gettext(language, TITLES[status])
    return HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"


def status_of(error: errors.DomainError) -> int:
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 400


def headers_of(error: errors.DomainError) -> dict[str, str] | None:
    if isinstance(error, errors.PreconditionFailed):
        return {"ETag": error.current_etag}
    if isinstance(error, errors.Unauthenticated) and error.challenge:
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(error, errors.RateLimited):
        return {"Retry-After": str(error.retry_after)}
    if isinstance(error, errors.Busy):
        return {"Retry-After": "1"}
    return None


def domain_error_response(
    error: errors.DomainError, instance: str | None = None, language: str | None = None
) -> Response:
    """The problem+json answer for a domain error in ``language`` (None: the language being
    answered in; also for code outside a request's exception handlers: the gateway's
    middleware)."""
    language = language or current_language()
    details = {k: v for k, v in error.details.items() if v is not None}
    return problem_response(
        status_of(error),
        headers=headers_of(error),
        detail=error.detail_in(language),
        code=error.code,
        instance=instance,
        errors=error.errors_in(language) if isinstance(error, errors.InvalidFields) else None,
        language=language,
        **details,
    )


def problem_body(
    status: int,
    *,
    detail: str | None = None,
    code: str | None = None,
    title: str | None = None,
    instance: str | None = None,
    errors: Sequence[Mapping[str, Any]] | None = None,
    language: str | None = None,
    **extensions: Any,
) -> dict[str, Any]:
    """The body; ``title`` and ``detail`` are msgids (or text), said in ``language``."""
    language = language or current_language()
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code if code else "about:blank",
        "title": gettext(language, title) if title else title_of(status, language),
        "status": status,
    }
    if detail:
        body["detail"] = gettext(language, detail)
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
    status: int,
    *,
    headers: Mapping[str, str] | None = None,
    language: str | None = None,
    **fields: Any,
) -> Response:
    language = language or current_language()
    return Response(
        orjson.dumps(problem_body(status, language=language, **fields), default=str),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers={**(headers or {}), "Content-Language": language},
    )


def field_message(error: Mapping[str, Any], language: str) -> str:
    """A pydantic error as people read it in ``language`` (its English message when its type
    is not one of ``FIELD_MESSAGES``)."""
    msgid = FIELD_MESSAGES.get(str(error.get("type", "")))
    if msgid is None:
        return str(error.get("msg", "invalid"))
    context = {k: _listed(v) for k, v in (error.get("ctx") or {}).items()}
    if "error" in context:  # a validator's ValueError: its text is a msgid when marked
        context["error"] = gettext(language, str(context["error"]))
    if isinstance(context.get("expected"), str):
        context["expected"] = context["expected"].replace(" or ", f" {gettext(language, OR)} ")
    if any(name not in context for name in PARAMETER.findall(msgid)):
        return str(error.get("msg", "invalid"))  # not the context its type has: as it came
    return gettext(language, msgid, **context)


def _listed(value: Any) -> Any:
    return ", ".join(map(str, value)) if isinstance(value, list | tuple | set) else value


def validation_errors(
    exc: RequestValidationError, language: str | None = None
) -> list[dict[str, Any]]:
    """pydantic's errors as ``{field, in, message, type}``: ``field`` is the dotted path,
    ``message`` in ``language``."""
    language = language or current_language()
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
                "message": field_message(error, language),
                "type": error.get("type", "invalid"),
            }
        )
    return out


# Raised by asyncpg when the server is gone, shutting down or starting up, or the connection
# closed (a pool acquire that times out is a TimeoutError, an OSError: also 503).
DRIVER_UNAVAILABLE = (
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.InterfaceError,
)


def is_database_unavailable(exc: BaseException) -> bool:
    if isinstance(exc, DRIVER_UNAVAILABLE):
        return True
    return isinstance(exc, ConnectionError | OSError) and not isinstance(exc, FileNotFoundError)


# SQLSTATEs for text Postgres cannot store: NUL (U+0000) in text (character_not_in_repertoire)
# and in JSONB (untranslatable_character). Only a client's input can carry them.
UNSTORABLE_TEXT = frozenset({"22021", "22P05"})


def is_unstorable_text(exc: BaseException) -> bool:
    return getattr(exc, "sqlstate", None) in UNSTORABLE_TEXT


def unexpected_error_response(
    exc: BaseException, path: str, language: str | None = None
) -> Response:
    """422 for text the database cannot store, 503 when the database is away (the client may
    retry), otherwise a bare 500; in ``language`` (None: the language being answered in)."""
    if is_unstorable_text(exc):
        return problem_response(
            422,
            code="invalid-text",
            detail=N_("Text must not contain NUL (U+0000) characters."),
            instance=path,
            language=language,
        )
    if is_database_unavailable(exc):
        log.warning("database unavailable", extra={"error": repr(exc)})
        return problem_response(
            503,
            code="dependency-unavailable",
            detail=N_("The database is not reachable right now; retry shortly."),
            instance=path,
            headers={"Retry-After": "2"},
            language=language,
        )
    log.error("unhandled error", exc_info=exc)
    return problem_response(500, instance=path, language=language)


# How every error is documented in OpenAPI: one ``Problem`` schema, answered as problem+json.
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details; extension members may follow.",
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Each invalid field (validation errors).",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": "string"},
                    "in": {"type": "string"},
                    "message": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
}
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
# The errors any operation may answer; and those that only some kinds of operation answer.
ANY_OPERATION = {
    400: "A malformed cursor, header or parameter",
    401: "No valid credentials",
    403: "The caller's role or organisation may not do this",
    422: "Invalid fields; each is listed in `errors`",
    503: "The database is unreachable; retry after `Retry-After`",
}
WITH_PATH_PARAMETERS = {404: "Nothing with this id (or nothing the caller may know of)"}
CHANGING = {409: "Conflicts with the resource's current state"}
CONDITIONAL = {
    412: "The resource changed since it was read (`If-Match` is stale)",
    428: "`If-Match` is required",
}


def problem_responses(statuses: Mapping[int, str]) -> dict[int | str, dict[str, Any]]:
    return {
        str(status): {
            "description": description,
            "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
        }
        for status, description in statuses.items()
    }


def document_problems(document: dict[str, Any]) -> dict[str, Any]:
    """Declare the problem+json errors on every operation of an OpenAPI document (in place).

    FastAPI's own 422 (``HTTPValidationError``, ``application/json``) is replaced: this API
    never answers it. Error responses an operation documents itself are kept.
    """
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    schemas["Problem"] = PROBLEM_SCHEMA
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            statuses = dict(ANY_OPERATION)
            if "{" in path:
                statuses |= WITH_PATH_PARAMETERS
            if method != "get":
                statuses |= CHANGING
            if method in ("patch", "put"):
                statuses |= CONDITIONAL
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status, response in problem_responses(statuses).items():
                responses.setdefault(status, response)
    return document


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error this app can raise answer ``application/problem+json``."""

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail: str | None = exc.detail if isinstance(exc.detail, str) else None
        if detail == HTTPStatus(exc.status_code).phrase:
            detail = None
        return problem_response(
            exc.status_code,
            headers=exc.headers,
            detail=detail,
            instance=request.url.path,
            language=request_language(request),
        )

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        language = request_language(request)
        return problem_response(
            422,
            code="validation-error",
            title=VALIDATION_TITLE,
            detail=VALIDATION_DETAIL,
            instance=request.url.path,
            errors=validation_errors(exc, language),
            language=language,
        )

    async def on_domain_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, errors.DomainError)
        return domain_error_response(exc, request.url.path, request_language(request))

    app.add_exception_handler(errors.DomainError, on_domain_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    # Anything else is answered by the request middleware (see unexpected_error_response).
