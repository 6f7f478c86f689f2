from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.supply_unit import SupplyUnit

T = TypeVar("T", bound="OfferLine")


@_attrs_define
class OfferLine:
    """
    Attributes:
        line_no (int):
        quantity (str):
        unit (SupplyUnit): UN/ECE Recommendation 20 codes for what is bought.
        unit_price (str):
        amount (str):
        delivery_date (datetime.date):
    """

    line_no: int
    quantity: str
    unit: SupplyUnit
    unit_price: str
    amount: str
    delivery_date: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        line_no = self.line_no

        quantity = self.quantity

        unit = self.unit.value

        unit_price = self.unit_price

        amount = self.amount

        delivery_date = self.delivery_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "line_no": line_no,
                "quantity": quantity,
                "unit": unit,
                "unit_price": unit_price,
                "amount": amount,
                "delivery_date": delivery_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        line_no = d.pop("line_no")

        quantity = d.pop("quantity")

        unit = SupplyUnit(d.pop("unit"))

        unit_price = d.pop("unit_price")

        amount = d.pop("amount")

        delivery_date = datetime.date.fromisoformat(d.pop("delivery_date"))

        offer_line = cls(
            line_no=line_no,
            quantity=quantity,
            unit=unit,
            unit_price=unit_price,
            amount=amount,
            delivery_date=delivery_date,
        )

        offer_line.additional_properties = d
        return offer_line

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
