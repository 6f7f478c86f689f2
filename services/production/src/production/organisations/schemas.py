"""The answer of the organisations list."""

# No ``from __future__ import annotations``: ``Organisation`` keeps the module of its
# OpenAPI name, and pydantic reads string annotations in a class's own module.
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel


class Organisation(BaseModel):
    # Two schemas are named Organisation; OpenAPI tells them apart by module, and clients
    # know this one as ``production__api__organisations__Organisation``.
    __module__ = "production.api.organisations"

    id: UUID
    kind: Literal["producer", "member"]
    legal_name: str
    stir: str
    region: str
    sectors: list[str]
    status: Literal["active", "suspended", "expelled"]
    updated_at: datetime
