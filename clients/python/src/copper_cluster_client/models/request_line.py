from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.supply_unit import SupplyUnit
from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestLine")


@_attrs_define
class RequestLine:
    """
    Attributes:
        line_no (int):
        hs_code (str):
        description (str):
        category (Category):
        quantity (str):
        unit (SupplyUnit): UN/ECE Recommendation 20 codes for what is bought.
        catalogue_item_id (None | Unset | UUID):
    """

    line_no: int
    hs_code: str
    description: str
    category: Category
    quantity: str
    unit: SupplyUnit
    catalogue_item_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        line_no = self.line_no

        hs_code = self.hs_code

        description = self.description

        category = self.category.value

        quantity = self.quantity

        unit = self.unit.value

        catalogue_item_id: None | str | Unset
        if isinstance(self.catalogue_item_id, Unset):
            catalogue_item_id = UNSET
        elif isinstance(self.catalogue_item_id, UUID):
            catalogue_item_id = str(self.catalogue_item_id)
        else:
            catalogue_item_id = self.catalogue_item_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "line_no": line_no,
                "hs_code": hs_code,
                "description": description,
                "category": category,
                "quantity": quantity,
                "unit": unit,
            }
        )
        if catalogue_item_id is not UNSET:
            field_dict["catalogue_item_id"] = catalogue_item_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        line_no = d.pop("line_no")

        hs_code = d.pop("hs_code")

        description = d.pop("description")

        category = Category(d.pop("category"))

        quantity = d.pop("quantity")

        unit = SupplyUnit(d.pop("unit"))

        def _parse_catalogue_item_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                catalogue_item_id_type_0 = UUID(data)

                return catalogue_item_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        catalogue_item_id = _parse_catalogue_item_id(d.pop("catalogue_item_id", UNSET))

        request_line = cls(
            line_no=line_no,
            hs_code=hs_code,
            description=description,
            category=category,
            quantity=quantity,
            unit=unit,
            catalogue_item_id=catalogue_item_id,
        )

        request_line.additional_properties = d
        return request_line

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
