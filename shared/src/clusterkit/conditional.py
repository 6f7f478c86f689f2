"""Conditional requests (RFC 9110 §13): ``ETag`` out, ``If-Match`` and ``If-None-Match`` in.

A resource's ETag is its row version, a strong entity-tag (``"3"``). An update sends
``If-Match`` with the ETag it last read: without one it is 428 (RFC 6585), and with one that
is not the current version (any well-formed entity-tag that does not match, weak ones
included: ``If-Match`` compares strongly) it is 412 with the current ETag, so a client knows
to re-read; never a silent lost update. A GET with ``If-None-Match`` naming the current
version answers 304 with no body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Response

from clusterkit.errors import InvalidRequest, PreconditionFailed, PreconditionRequired
from clusterkit.i18n import N_

# entity-tag = [ W/ ] DQUOTE *etagc DQUOTE; a bare token is taken as the tag it quotes
# (clients that drop the quotes), anything else is malformed.
_ENTITY_TAG = re.compile(r'^\s*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*$|^\s*([0-9]+)\s*$')


def etag(version: int) -> str:
    return f'"{version}"'


@dataclass(frozen=True)
class EntityTags:
    """A parsed ``If-Match`` / ``If-None-Match``: ``*`` or a list of (weak, opaque) tags."""

    any: bool
    tags: tuple[tuple[bool, str], ...]

    @classmethod
    def parse(cls, header: str) -> EntityTags:
        if header.strip() == "*":
            return cls(any=True, tags=())
        tags = []
        for part in header.split(","):
            found = _ENTITY_TAG.match(part)
            if found is None:
                raise InvalidRequest(
                    N_(
                        "If-Match and If-None-Match take entity-tags, such as the ETag this "
                        'API gave out ("3").'
                    ),
                    code="invalid-etag",
                )
            weak, quoted, bare = found.groups()
            tags.append((weak is not None, quoted if bare is None else bare))
        return cls(any=False, tags=tuple(tags))

    def match_strong(self, version: int) -> bool:
        return self.any or any(not weak and tag == str(version) for weak, tag in self.tags)

    def match_weak(self, version: int) -> bool:
        return self.any or any(tag == str(version) for _, tag in self.tags)


@dataclass(frozen=True)
class IfMatch:
    """What an update was made against (None: the client did not say); a service checks it
    against the current version once it knows the caller may make the change at all, so
    401/403 come before 428/412."""

    tags: EntityTags | None

    @property
    def given(self) -> bool:
        """Whether the client sent ``If-Match`` (an update that may go without one)."""
        return self.tags is not None

    def check(self, current_version: int) -> None:
        """:class:`PreconditionRequired` without ``If-Match``; :class:`PreconditionFailed`
        (with the current ETag) unless it matches."""
        if self.tags is None:
            raise PreconditionRequired(
                N_("Send If-Match with the ETag you last read."), code="precondition-required"
            )
        if not self.tags.match_strong(current_version):
            raise PreconditionFailed(etag(current_version), current_version)


async def _if_match(
    header: Annotated[str | None, Header(alias="If-Match", max_length=500)] = None,
) -> IfMatch:
    return IfMatch(EntityTags.parse(header) if header is not None else None)


async def _if_none_match(
    header: Annotated[str | None, Header(alias="If-None-Match", max_length=500)] = None,
) -> EntityTags | None:
    return EntityTags.parse(header) if header is not None else None


IfMatchDep = Annotated[IfMatch, Depends(_if_match)]
IfNoneMatchDep = Annotated[EntityTags | None, Depends(_if_none_match)]


def not_modified(if_none_match: EntityTags | None, version: int) -> Response | None:
    """The 304 answer when the client already holds ``version`` (RFC 9110 §13.1.2)."""
    if if_none_match is not None and if_none_match.match_weak(version):
        return Response(status_code=304, headers={"ETag": etag(version)})
    return None
