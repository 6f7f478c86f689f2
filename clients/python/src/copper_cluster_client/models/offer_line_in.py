from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.supply_unit import SupplyUnit

T = TypeVar("T", bound="OfferLineIn")


@_attrs_define
class OfferLineIn:
    """
    Attributes:
        line_no (int):
        unit_price (float | str):
        quantity (float | str):
        unit (SupplyUnit): UN/ECE Recommendation 20 codes for what is bought.
        delivery_date (datetime.date):
    """

    line_no: int
    unit_price: float | str
    quantity: float | str
    unit: SupplyUnit
    delivery_date: datetime.date

    def to_dict(self) -> dict[str, Any]:
        line_no = self.line_no

        unit_price: float | str
        unit_price = self.unit_price

        quantity: float | str
        quantity = self.quantity

        unit = self.unit.value

        delivery_date = self.delivery_date.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "line_no": line_no,
                "unit_price": unit_price,
                "quantity": quantity,
                "unit": unit,
                "delivery_date": delivery_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        line_no = d.pop("line_no")

        def _parse_unit_price(data: object) -> float | str:
            return cast(float | str, data)

        unit_price = _parse_unit_price(d.pop("unit_price"))

        def _parse_quantity(data: object) -> float | str:
            return cast(float | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        unit = SupplyUnit(d.pop("unit"))

        delivery_date = datetime.date.fromisoformat(d.pop("delivery_date"))

        offer_line_in = cls(
            line_no=line_no,
            unit_price=unit_price,
            quantity=quantity,
            unit=unit,
            delivery_date=delivery_date,
        )

        return offer_line_in
