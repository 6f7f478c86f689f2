"""An offer: every line of the request quoted once, in the request's units, each line's
amount to the cent; its states (live until replaced, withdrawn, declined or accepted); and
what an acceptance needs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clusterkit.errors import Conflict, InvalidFields
from supply.domain import cents
from supply.requests.rules import RequestStatus
from supply.states import ensure_from
from supply.suppliers.rules import ensure_verified

if TYPE_CHECKING:
    from supply.offers.schemas import OfferLineIn


class OfferStatus(StrEnum):
    LIVE = "live"
    REPLACED = "replaced"  # the supplier sent a newer offer on the same request
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"  # another offer was accepted, or the request was cancelled
    ACCEPTED = "accepted"


def quoted_lines(
    asked: Sequence[Mapping[str, Any]], quoted: Sequence[OfferLineIn]
) -> tuple[list[dict[str, Any]], Decimal]:
    """The offer's lines as stored (JSON) and its total. ``asked``: the request's lines."""
    wanted = {line["line_no"]: line for line in asked}
    errors: list[tuple[str, str]] = []
    seen: set[int] = set()
    out: list[dict[str, Any]] = []
    total = Decimal(0)
    for n, line in enumerate(quoted):
        request_line = wanted.get(line.line_no)
        if request_line is None:
            errors.append((f"lines.{n}.line_no", "no such line in the request"))
            continue
        if line.line_no in seen:
            errors.append((f"lines.{n}.line_no", "quoted twice"))
        seen.add(line.line_no)
        if line.unit != request_line["unit"]:
            errors.append((f"lines.{n}.unit", f"the request asks in {request_line['unit']}"))
        amount = cents(line.quantity * line.unit_price)
        total += amount
        out.append(
            {
                "line_no": line.line_no,
                "quantity": str(line.quantity),
                "unit": line.unit.value,
                "unit_price": str(line.unit_price),
                "amount": str(amount),
                "delivery_date": line.delivery_date.isoformat(),
            }
        )
    errors += [("lines", f"line {no} is not quoted") for no in sorted(wanted.keys() - seen)]
    if errors:
        raise InvalidFields(*errors)
    return out, total


def _ensure_open(request_status: str, detail: str) -> None:
    if request_status != RequestStatus.OPEN:
        raise Conflict(detail, code="request-not-open", current_status=request_status)


def ensure_takes_offers(request_status: str) -> None:
    _ensure_open(
        request_status, f"The request is {request_status}; offers are taken on open requests only."
    )


def ensure_valid_until(valid_until: datetime, now: datetime) -> None:
    if valid_until <= now:
        raise InvalidFields(("valid_until", "must be in the future"))


def ensure_withdrawable(status: str) -> None:
    ensure_from(status, [OfferStatus.LIVE], f"Cannot withdraw an offer that is {status}.")


def ensure_acceptable(
    *, request_status: str, offer_status: str, valid_until: datetime, now: datetime
) -> None:
    """An open request, a live offer, not expired."""
    _ensure_open(request_status, f"The request is already {request_status}.")
    if offer_status != OfferStatus.LIVE:
        raise Conflict(
            f"The offer is {offer_status}; only a live offer can be accepted.",
            code="offer-not-live",
            current_status=offer_status,
        )
    if valid_until < now:
        raise Conflict(
            f"The offer expired at {valid_until.isoformat()}.",
            code="offer-expired",
            valid_until=valid_until.isoformat(),
        )


def ensure_supplier_delivers(supplier_status: str) -> None:
    """A suspended (or no longer verified) supplier's offers wait."""
    ensure_verified(supplier_status, Conflict, "its offers cannot be accepted now.")
