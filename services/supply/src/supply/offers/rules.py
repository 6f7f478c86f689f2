"""An offer: every line of the request quoted once, in the request's units, each line's
amount to the cent; its states (live until replaced, withdrawn, declined or accepted); and
what an acceptance needs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clusterkit.errors import Conflict, FieldError, InvalidFields
from clusterkit.i18n import N_
from supply.domain import cents
from supply.requests.rules import RequestStatus
from supply.states import ensure_from, ensure_in
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
    errors: list[FieldError] = []
    seen: set[int] = set()
    out: list[dict[str, Any]] = []
    total = Decimal(0)
    for n, line in enumerate(quoted):
        request_line = wanted.get(line.line_no)
        if request_line is None:
            errors.append((f"lines.{n}.line_no", N_("no such line in the request")))
            continue
        if line.line_no in seen:
            errors.append((f"lines.{n}.line_no", N_("quoted twice")))
        seen.add(line.line_no)
        if line.unit != request_line["unit"]:
            asks = {"unit": request_line["unit"]}
            errors.append((f"lines.{n}.unit", N_("the request asks in {unit}"), asks))
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
    errors += [
        ("lines", N_("line {line_no} is not quoted"), {"line_no": no})
        for no in sorted(wanted.keys() - seen)
    ]
    if errors:
        raise InvalidFields(*errors)
    return out, total


def _ensure_open(request_status: str, detail: str) -> None:
    """``detail``: a msgid naming the request's state as ``{status}``."""
    ensure_in(request_status, RequestStatus.OPEN, detail, code="request-not-open")


def ensure_takes_offers(request_status: str) -> None:
    _ensure_open(
        request_status, N_("The request is {status}; offers are taken on open requests only.")
    )


def ensure_valid_until(valid_until: datetime, now: datetime) -> None:
    if valid_until <= now:
        raise InvalidFields(("valid_until", N_("must be in the future")))


def ensure_withdrawable(status: str) -> None:
    ensure_from(status, [OfferStatus.LIVE], N_("Cannot withdraw an offer that is {status}."))


def ensure_acceptable(
    *, request_status: str, offer_status: str, valid_until: datetime, now: datetime
) -> None:
    """An open request, a live offer, not expired."""
    _ensure_open(request_status, N_("The request is already {status}."))
    ensure_in(
        offer_status,
        OfferStatus.LIVE,
        N_("The offer is {status}; only a live offer can be accepted."),
        code="offer-not-live",
    )
    if valid_until < now:
        raise Conflict(
            N_("The offer expired at {valid_until}."),
            code="offer-expired",
            valid_until=valid_until.isoformat(),
        )


def ensure_supplier_delivers(supplier_status: str) -> None:
    """A suspended (or no longer verified) supplier's offers wait."""
    ensure_verified(
        supplier_status,
        Conflict,
        N_("The supplier is {status}; its offers cannot be accepted now."),
    )
