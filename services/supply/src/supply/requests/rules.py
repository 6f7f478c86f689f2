"""A request for quotation: its lines as stored (a catalogue line takes the item's HS code,
name and category, in the item's unit), and its states: open until an offer is accepted
(closed) or it is cancelled."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clusterkit.errors import FieldError, InvalidFields
from clusterkit.i18n import N_
from clusterkit.sql import Row
from supply.states import ensure_from

if TYPE_CHECKING:
    from supply.requests.schemas import RequestLineIn

DESCRIBED = ("hs_code", "description", "category")


class RequestStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # an offer was accepted
    CANCELLED = "cancelled"


def ensure_needed_by(needed_by: date, today: date) -> None:
    if needed_by < today:
        raise InvalidFields(("needed_by", N_("must not be in the past")))


def stored_lines(
    lines: Sequence[RequestLineIn], catalogue: Mapping[uuid.UUID, Row]
) -> list[dict[str, Any]]:
    """The lines as stored (JSON), numbered from 1. ``catalogue``: the listed items of
    verified suppliers among those the lines name."""
    out: list[dict[str, Any]] = []
    errors: list[FieldError] = []
    for n, line in enumerate(lines):
        item_id = line.catalogue_item_id
        stored: dict[str, Any] = {
            "line_no": n + 1,
            "catalogue_item_id": str(item_id) if item_id else None,
            "quantity": str(line.quantity),
            "unit": line.unit.value,
        }
        if item_id is None:
            given = {"hs_code": line.hs_code, "description": line.description}
            given["category"] = line.category.value if line.category else None
            errors += [
                (f"lines.{n}.{field}", N_("needed when no catalogue_item_id"))
                for field in DESCRIBED
                if not given[field]
            ]
            stored |= given
        elif (item := catalogue.get(item_id)) is None:
            errors.append(
                (f"lines.{n}.catalogue_item_id", N_("no listed catalogue item with this id"))
            )
        else:
            if line.unit != item["unit"]:
                sold_in = {"unit": item["unit"]}
                errors.append((f"lines.{n}.unit", N_("this item is sold in {unit}"), sold_in))
            stored |= {
                "hs_code": item["hs_code"],
                "description": line.description or item["name"],
                "category": item["category"],
            }
        out.append(stored)
    if errors:
        raise InvalidFields(*errors)
    return out


def categories(lines: Sequence[Mapping[str, Any]]) -> list[str]:
    """The categories a request touches: they decide which suppliers see it."""
    return sorted({line["category"] for line in lines})


def ensure_cancellable(status: str) -> None:
    ensure_from(status, [RequestStatus.OPEN], N_("Cannot cancel a request that is {status}."))
