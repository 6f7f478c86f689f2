"""Supply's vocabulary (the localization program's categories, UN/ECE units, ISO 4217) and
the state machines of requests, offers and orders."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from clusterkit.codes import Region as Region  # supply speaks in the shared regions

# The 2025 figures of AMMC's localization program (UZS), the yardstick for the cluster's own.
LOCALIZATION_2025 = {
    "local_products_uzs": Decimal("1310000000000"),
    "industrial_cooperation_purchases_uzs": Decimal("4200000000000"),
}


class Category(StrEnum):
    REAGENT = "reagent"
    EQUIPMENT = "equipment"
    MECHANISM = "mechanism"
    SPARE_PART = "spare_part"
    MATERIAL = "material"


class Unit(StrEnum):
    """UN/ECE Recommendation 20 codes for what is bought."""

    TNE = "TNE"  # tonne
    KGM = "KGM"  # kilogram
    LTR = "LTR"  # litre
    MTQ = "MTQ"  # cubic metre
    MTR = "MTR"  # metre
    KMT = "KMT"  # kilometre
    H87 = "H87"  # piece
    SET = "SET"  # set


class Currency(StrEnum):
    UZS = "UZS"
    USD = "USD"


class SupplierStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    SUSPENDED = "suspended"


class ItemStatus(StrEnum):
    LISTED = "listed"
    DELISTED = "delisted"


class RequestStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # an offer was accepted
    CANCELLED = "cancelled"


class OfferStatus(StrEnum):
    LIVE = "live"
    REPLACED = "replaced"  # the supplier sent a newer offer on the same request
    WITHDRAWN = "withdrawn"
    DECLINED = "declined"  # another offer was accepted, or the request was cancelled
    ACCEPTED = "accepted"


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


# Who may do what to an order, and from which states. "deliver" records a (partial)
# delivery; the order is delivered once every line has arrived in full.
ORDER_TRANSITIONS: dict[OrderAction, tuple[frozenset[str], tuple[OrderStatus, ...]]] = {
    OrderAction.CONFIRM: (frozenset({"supplier"}), (OrderStatus.PLACED,)),
    OrderAction.SHIP: (frozenset({"supplier"}), (OrderStatus.CONFIRMED,)),
    OrderAction.DELIVER: (frozenset({"member", "admin"}), (OrderStatus.SHIPPED,)),
    OrderAction.CANCEL: (
        frozenset({"member", "supplier", "admin"}),
        (OrderStatus.PLACED, OrderStatus.CONFIRMED),
    ),
}
