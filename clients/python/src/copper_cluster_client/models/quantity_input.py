from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.unit import Unit

T = TypeVar("T", bound="QuantityInput")


@_attrs_define
class QuantityInput:
    """
    Attributes:
        quantity (float | str):
        unit (Unit): UN/ECE Recommendation 20 codes used in the cluster.
    """

    quantity: float | str
    unit: Unit

    def to_dict(self) -> dict[str, Any]:
        quantity: float | str
        quantity = self.quantity

        unit = self.unit.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "quantity": quantity,
                "unit": unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_quantity(data: object) -> float | str:
            return cast(float | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        unit = Unit(d.pop("unit"))

        quantity_input = cls(
            quantity=quantity,
            unit=unit,
        )

        return quantity_input
