"""An order: placed from an accepted offer (its lines priced by the offer, its value fixed in
UZS), then confirmed, shipped and delivered line by line, or cancelled before shipping.
It is delivered once every line has arrived in full."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from clusterkit.auth import Role
from clusterkit.errors import FieldError, InvalidFields
from clusterkit.i18n import N_
from supply import states
from supply.domain import cents

if TYPE_CHECKING:
    from supply.orders.schemas import ReceivedLine


class OrderStatus(StrEnum):
    PLACED = "placed"
    CONFIRMED = "confirmed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class OrderAction(StrEnum):
    CONFIRM = "confirm"
    SHIP = "ship"
    DELIVER = "deliver"
    CANCEL = "cancel"


# Who may take each step, and from which states. "deliver" records a (partial) delivery;
# the order is delivered once every line has arrived in full.
TRANSITIONS: dict[OrderAction, tuple[frozenset[Role], tuple[OrderStatus, ...]]] = {
    OrderAction.CONFIRM: (frozenset({"supplier"}), (OrderStatus.PLACED,)),
    OrderAction.SHIP: (frozenset({"supplier"}), (OrderStatus.CONFIRMED,)),
    OrderAction.DELIVER: (frozenset({"member", "admin"}), (OrderStatus.SHIPPED,)),
    OrderAction.CANCEL: (
        frozenset({"member", "supplier", "admin"}),
        (OrderStatus.PLACED, OrderStatus.CONFIRMED),
    ),
}
# The status a step leaves the order in (a delivery: see :func:`is_complete`).
REACHES = {
    OrderAction.CONFIRM: OrderStatus.CONFIRMED,
    OrderAction.SHIP: OrderStatus.SHIPPED,
    OrderAction.CANCEL: OrderStatus.CANCELLED,
}


# What each step cannot do, said whole (a verb alone does not translate).
CANNOT = {
    OrderAction.CONFIRM: N_("Cannot confirm an order that is {status}."),
    OrderAction.SHIP: N_("Cannot ship an order that is {status}."),
    OrderAction.DELIVER: N_("Cannot deliver an order that is {status}."),
    OrderAction.CANCEL: N_("Cannot cancel an order that is {status}."),
}
# Who may not take each step (the role that asked is named).
MAY_NOT = {
    OrderAction.CONFIRM: N_("A {role} cannot confirm an order."),
    OrderAction.SHIP: N_("A {role} cannot ship an order."),
    OrderAction.DELIVER: N_("A {role} cannot deliver an order."),
    OrderAction.CANCEL: N_("A {role} cannot cancel an order."),
}


def ensure_from(action: OrderAction, status: str) -> None:
    allowed_from = TRANSITIONS[action][1]
    states.ensure_from(status, allowed_from, CANNOT[action])


DESCRIBED = ("catalogue_item_id", "hs_code", "description", "category")
# What an order takes as it is from the offer accepted, and from the request.
OFFERED = ("supplier_id", "supplier_is_local", "currency", "total_amount")
REQUESTED = ("needed_by", "delivery_region")


def placed_lines(
    asked: Sequence[Mapping[str, Any]], offered: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The order's lines: what the request asked for (item, HS code, description,
    category), at the offer's quantities, prices and dates. Both as stored (JSON)."""
    by_line = {line["line_no"]: line for line in asked}
    return [
        {
            **{name: by_line[line["line_no"]][name] for name in DESCRIBED},
            "line_no": line["line_no"],
            "quantity": Decimal(line["quantity"]),
            "unit": line["unit"],
            "unit_price": Decimal(line["unit_price"]),
            "amount": Decimal(line["amount"]),
            "delivery_date": date.fromisoformat(line["delivery_date"]),
        }
        for line in offered
    ]


def total_uzs(lines: Iterable[Mapping[str, Any]], rate: Decimal) -> Decimal:
    """The order's value in UZS at ``rate``, each line to the cent."""
    return sum((cents(line["amount"] * rate) for line in lines), Decimal(0))


def received(
    ordered: Mapping[int, Mapping[str, Any]], delivery: Sequence[ReceivedLine]
) -> dict[int, Decimal]:
    """How much of each line a delivery brings (a line may come twice in it); never more
    than was ordered, counting what came before. ``ordered``: the lines by number."""
    errors: list[FieldError] = []
    took: dict[int, Decimal] = {}
    for n, line in enumerate(delivery):
        order_line = ordered.get(line.line_no)
        if order_line is None:
            errors.append((f"lines.{n}.line_no", N_("no such line in the order")))
            continue
        so_far = order_line["delivered_quantity"] + took.get(line.line_no, 0)
        if so_far + line.quantity > order_line["quantity"]:
            errors.append(
                (
                    f"lines.{n}.quantity",
                    N_("more than ordered ({quantity} {unit})"),
                    {"quantity": order_line["quantity"], "unit": order_line["unit"]},
                )
            )
        took[line.line_no] = took.get(line.line_no, Decimal(0)) + line.quantity
    if errors:
        raise InvalidFields(*errors)
    return took


def is_complete(lines: Iterable[Mapping[str, Any]]) -> bool:
    return all(line["delivered_quantity"] == line["quantity"] for line in lines)
