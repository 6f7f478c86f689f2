from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.quantity_output import QuantityOutput


T = TypeVar("T", bound="PlannedProductOutput")


@_attrs_define
class PlannedProductOutput:
    """
    Attributes:
        hs_code (str): Harmonized System code, 4 to 10 digits (dots allowed)
        description (str):
        annual_capacity (QuantityOutput):
    """

    hs_code: str
    description: str
    annual_capacity: QuantityOutput

    def to_dict(self) -> dict[str, Any]:
        hs_code = self.hs_code

        description = self.description

        annual_capacity = self.annual_capacity.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "hs_code": hs_code,
                "description": description,
                "annual_capacity": annual_capacity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.quantity_output import QuantityOutput

        d = dict(src_dict)
        hs_code = d.pop("hs_code")

        description = d.pop("description")

        annual_capacity = QuantityOutput.from_dict(d.pop("annual_capacity"))

        planned_product_output = cls(
            hs_code=hs_code,
            description=description,
            annual_capacity=annual_capacity,
        )

        return planned_product_output
