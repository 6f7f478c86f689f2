"""The organisations list: the member projection (and Almalyk MMC), by name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, String, Text, bindparam, select

from clusterkit.listing import KeysetList
from production.tables import effective_status, organisations

o = organisations.c
_status = effective_status()


def _organisations(present: frozenset[str]) -> Select[Any]:
    query = select(
        o.id,
        o.kind,
        o.legal_name,
        o.stir,
        o.region,
        o.sectors,
        _status.label("status"),
        o.updated_at,
    )
    if "kind" in present:
        query = query.where(o.kind == bindparam("kind", type_=Text))
    if "status" in present:
        query = query.where(_status == bindparam("status", type_=Text))
    if "stir" in present:
        query = query.where(o.stir == bindparam("stir", type_=String))
    return query


ORGANISATIONS = KeysetList(_organisations, key=[o.legal_name, o.id])
