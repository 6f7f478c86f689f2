"""The errors services raise: what went wrong in the cluster's terms, never an HTTP status.

A service says "no such application", "only admins review", "this offer is already
accepted"; :mod:`clusterkit.problems` alone decides how each answers (status, problem+json
body, headers). ``code`` becomes the problem ``type`` URI; keyword ``details`` become
extension members of the answer (the current state a client needs to recover).

``detail`` is an English msgid marked with :func:`clusterkit.i18n.N_`, its ``{name}``
parameters filled from ``params`` and the keyword ``details``:
``Conflict(N_("Cannot approve an application that is {status}."), status=status)``. The
answer translates it into the request's language; a message that is not marked (an
f-string) still answers, in English.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clusterkit.i18n import N_, gettext


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    code = "error"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
        **details: Any,
    ):
        self.msgid = detail
        # What the message names: the extension members, and words that are not members.
        self.params = {**details, **(params or {})}
        self.detail = gettext("en", detail, **self.params)
        super().__init__(self.detail)
        if code is not None:
            self.code = code
        self.details = details

    def detail_in(self, language: str) -> str:
        return gettext(language, self.msgid, **self.params)


class InvalidRequest(DomainError):
    """The request itself is malformed: a cursor, header or parameter we did not make."""

    code = "invalid-request"


class Unauthenticated(DomainError):
    """No credentials, or none that say who the caller is."""

    code = "unauthenticated"

    def __init__(
        self,
        detail: str,
        *,
        challenge: bool = False,
        params: Mapping[str, Any] | None = None,
        **details: Any,
    ):
        super().__init__(detail, params=params, **details)
        self.challenge = challenge  # the caller may well have a key: ask for it


class Forbidden(DomainError):
    """The caller is known and may not do this."""

    code = "forbidden"


class NotFound(DomainError):
    """Nothing with this id, or nothing the caller may know of."""

    code = "not-found"

    def __init__(self, what: str, detail: str | None = None, **details: Any):
        # ``what`` alone reads well in English only: a service gives the whole sentence.
        message = detail or N_("No {what} with this id.")
        super().__init__(message, params={"what": what}, **details)
        self.what = what


class Conflict(DomainError):
    """The change does not fit the current state; ``details`` name that state."""

    code = "conflict"


FieldError = tuple[str, str] | tuple[str, str, Mapping[str, Any]]


class InvalidFields(DomainError):
    """Well-formed fields that are wrong here: ``(dotted field, message)`` pairs, or
    ``(field, msgid, params)``, in the shape of the request's own validation errors
    (``where`` is ``body``, ``query`` ...)."""

    code = "validation-error"

    def __init__(self, *errors: FieldError, where: str = "body", code: str | None = None):
        super().__init__(N_("The request has invalid fields."), code=code)
        self.messages = [(e[1], dict(e[2]) if len(e) == 3 else {}) for e in errors]
        self.errors = [
            {"field": e[0], "in": where, "message": gettext("en", msgid, **params),
             "type": "value_error"}
            for e, (msgid, params) in zip(errors, self.messages, strict=True)
        ]  # fmt: skip

    def errors_in(self, language: str) -> list[dict[str, Any]]:
        return [
            {**error, "message": gettext(language, msgid, **params)}
            for error, (msgid, params) in zip(self.errors, self.messages, strict=True)
        ]


class PreconditionFailed(DomainError):
    """``If-Match`` names a version that is not the current one (RFC 9110 §13.1.1)."""

    code = "stale-version"

    def __init__(self, current_etag: str, current_version: int | None = None):
        detail = N_("The resource changed since you read it.")
        if current_version is not None:
            detail = N_(
                "The resource changed since you read it; it is now at version {current_version}."
            )
        super().__init__(detail, current_version=current_version)
        self.current_etag = current_etag


class PreconditionRequired(DomainError):
    """An update that must say which version it was made against (RFC 6585 §3)."""

    code = "precondition-required"


class Busy(DomainError):
    """The database kept refusing the change (deadlocks, serialization failures) after the
    unit of work's retries: nothing was written, and the same request may be sent again."""

    code = "busy"


class NotAcceptable(DomainError):
    """An answer in a format this operation does not make (an export's ``format``)."""

    code = "not-acceptable"


class Unsupported(DomainError):
    """A body in a media type this operation does not take."""

    code = "unsupported-media-type"


class TooLarge(DomainError):
    """A body over the size this operation takes."""

    code = "payload-too-large"


class RateLimited(DomainError):
    """The caller used up its allowance; it may try again after ``retry_after`` seconds."""

    code = "rate-limited"

    def __init__(
        self,
        detail: str,
        *,
        retry_after: int,
        params: Mapping[str, Any] | None = None,
        **details: Any,
    ):
        super().__init__(detail, params=params, **details)
        self.retry_after = retry_after


class UpstreamFailed(DomainError):
    """The gateway could not get an answer from the service behind it."""

    code = "upstream-unavailable"


class UpstreamTimedOut(DomainError):
    """The service behind the gateway did not answer in time."""

    code = "upstream-timeout"
