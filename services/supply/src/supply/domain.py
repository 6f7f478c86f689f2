"""The codes every supply feature speaks in: the localization program's categories, UN/ECE
units, ISO 4217 currencies; and money: amounts to the cent, USD at the service's rate."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pydantic import BaseModel, Field


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


CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """An amount as it is charged: to the cent, halves up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def uzs_rate(currency: str, usd_uzs_rate: Decimal) -> Decimal:
    """UZS per unit of ``currency``: 1 for UZS, the service's rate for USD."""
    return Decimal(1) if currency == Currency.UZS else usd_uzs_rate


class Money(BaseModel):
    amount: Decimal
    currency: str = Field(pattern=r"^(UZS|USD)$")
