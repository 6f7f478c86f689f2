"""Legacy (until every service uses clusterkit.conditional): ``ETag`` out, ``If-Match`` in.

A resource's ETag is its row version. An update without ``If-Match`` answers 428; with a
stale one, 412 naming the current version, so a client knows to re-read, never a silent
lost update or an opaque error.
"""

from __future__ import annotations

from fastapi import Request

from clusterkit.problems import Problem


def etag(version: int) -> str:
    return f'"{version}"'


def required_version(request: Request) -> int:
    """The version the client last saw, from ``If-Match``; 428 or 400 problem otherwise."""
    header = request.headers.get("If-Match")
    if header is None:
        raise Problem(
            428, "Send If-Match with the ETag you last read.", code="precondition-required"
        )
    value = header.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise Problem(400, "If-Match must be an ETag this API gave out.", code="invalid-etag")
    return int(value)


def stale(current_version: int) -> Problem:
    return Problem(
        412,
        f"The resource changed since you read it; it is now at version {current_version}.",
        code="stale-version",
        current_version=current_version,
        headers={"ETag": etag(current_version)},
    )
