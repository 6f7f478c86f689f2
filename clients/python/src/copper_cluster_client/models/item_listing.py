from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.category import Category
from ..models.supply_unit import SupplyUnit
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money_input import MoneyInput


T = TypeVar("T", bound="ItemListing")


@_attrs_define
class ItemListing:
    """
    Attributes:
        name (str):
        category (Category):
        hs_code (str): Harmonized System code, 4 to 10 digits (dots allowed)
        unit (SupplyUnit): UN/ECE Recommendation 20 codes for what is bought.
        unit_price (MoneyInput):
        local_content_pct (float | str):
        lead_time_days (int):
        available_quantity (float | str):
        supplier_id (None | Unset | UUID): Only admins name it; a supplier key lists for its own
        description (str | Unset):  Default: ''.
        certifications (list[str] | Unset):
    """

    name: str
    category: Category
    hs_code: str
    unit: SupplyUnit
    unit_price: MoneyInput
    local_content_pct: float | str
    lead_time_days: int
    available_quantity: float | str
    supplier_id: None | Unset | UUID = UNSET
    description: str | Unset = ""
    certifications: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        category = self.category.value

        hs_code = self.hs_code

        unit = self.unit.value

        unit_price = self.unit_price.to_dict()

        local_content_pct: float | str
        local_content_pct = self.local_content_pct

        lead_time_days = self.lead_time_days

        available_quantity: float | str
        available_quantity = self.available_quantity

        supplier_id: None | str | Unset
        if isinstance(self.supplier_id, Unset):
            supplier_id = UNSET
        elif isinstance(self.supplier_id, UUID):
            supplier_id = str(self.supplier_id)
        else:
            supplier_id = self.supplier_id

        description = self.description

        certifications: list[str] | Unset = UNSET
        if not isinstance(self.certifications, Unset):
            certifications = self.certifications

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "category": category,
                "hs_code": hs_code,
                "unit": unit,
                "unit_price": unit_price,
                "local_content_pct": local_content_pct,
                "lead_time_days": lead_time_days,
                "available_quantity": available_quantity,
            }
        )
        if supplier_id is not UNSET:
            field_dict["supplier_id"] = supplier_id
        if description is not UNSET:
            field_dict["description"] = description
        if certifications is not UNSET:
            field_dict["certifications"] = certifications

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.money_input import MoneyInput

        d = dict(src_dict)
        name = d.pop("name")

        category = Category(d.pop("category"))

        hs_code = d.pop("hs_code")

        unit = SupplyUnit(d.pop("unit"))

        unit_price = MoneyInput.from_dict(d.pop("unit_price"))

        def _parse_local_content_pct(data: object) -> float | str:
            return cast(float | str, data)

        local_content_pct = _parse_local_content_pct(d.pop("local_content_pct"))

        lead_time_days = d.pop("lead_time_days")

        def _parse_available_quantity(data: object) -> float | str:
            return cast(float | str, data)

        available_quantity = _parse_available_quantity(d.pop("available_quantity"))

        def _parse_supplier_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                supplier_id_type_0 = UUID(data)

                return supplier_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        supplier_id = _parse_supplier_id(d.pop("supplier_id", UNSET))

        description = d.pop("description", UNSET)

        certifications = cast(list[str], d.pop("certifications", UNSET))

        item_listing = cls(
            name=name,
            category=category,
            hs_code=hs_code,
            unit=unit,
            unit_price=unit_price,
            local_content_pct=local_content_pct,
            lead_time_days=lead_time_days,
            available_quantity=available_quantity,
            supplier_id=supplier_id,
            description=description,
            certifications=certifications,
        )

        return item_listing
