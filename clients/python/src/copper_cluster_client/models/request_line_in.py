from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.category import Category
from ..models.supply_unit import SupplyUnit
from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestLineIn")


@_attrs_define
class RequestLineIn:
    """Either a catalogue item, or an HS code with a description and category.

    Attributes:
        quantity (float | str):
        unit (SupplyUnit): UN/ECE Recommendation 20 codes for what is bought.
        catalogue_item_id (None | Unset | UUID):
        hs_code (None | str | Unset):
        description (None | str | Unset):
        category (Category | None | Unset):
    """

    quantity: float | str
    unit: SupplyUnit
    catalogue_item_id: None | Unset | UUID = UNSET
    hs_code: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    category: Category | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        quantity: float | str
        quantity = self.quantity

        unit = self.unit.value

        catalogue_item_id: None | str | Unset
        if isinstance(self.catalogue_item_id, Unset):
            catalogue_item_id = UNSET
        elif isinstance(self.catalogue_item_id, UUID):
            catalogue_item_id = str(self.catalogue_item_id)
        else:
            catalogue_item_id = self.catalogue_item_id

        hs_code: None | str | Unset
        if isinstance(self.hs_code, Unset):
            hs_code = UNSET
        else:
            hs_code = self.hs_code

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        elif isinstance(self.category, Category):
            category = self.category.value
        else:
            category = self.category

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "quantity": quantity,
                "unit": unit,
            }
        )
        if catalogue_item_id is not UNSET:
            field_dict["catalogue_item_id"] = catalogue_item_id
        if hs_code is not UNSET:
            field_dict["hs_code"] = hs_code
        if description is not UNSET:
            field_dict["description"] = description
        if category is not UNSET:
            field_dict["category"] = category

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_quantity(data: object) -> float | str:
            return cast(float | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

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

        def _parse_hs_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hs_code = _parse_hs_code(d.pop("hs_code", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_category(data: object) -> Category | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                category_type_0 = Category(data)

                return category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Category | None | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        request_line_in = cls(
            quantity=quantity,
            unit=unit,
            catalogue_item_id=catalogue_item_id,
            hs_code=hs_code,
            description=description,
            category=category,
        )

        return request_line_in
