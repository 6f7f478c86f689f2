from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.item_status import ItemStatus
from ..models.region import Region
from ..models.supply_unit import SupplyUnit
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.money_output import MoneyOutput


T = TypeVar("T", bound="Item")


@_attrs_define
class Item:
    """
    Attributes:
        id (UUID):
        supplier_id (UUID):
        name (str):
        description (str):
        category (Category):
        hs_code (str):
        unit (SupplyUnit): UN/ECE Recommendation 20 codes for what is bought.
        unit_price (MoneyOutput):
        local_content_pct (str):
        lead_time_days (int):
        available_quantity (str):
        certifications (list[str]):
        status (ItemStatus):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        version (int):
        supplier_region (None | Region | Unset): The supplier's, in the catalogue search (null elsewhere)
        supplier_is_local (bool | None | Unset): The supplier's, in the catalogue search (null elsewhere)
    """

    id: UUID
    supplier_id: UUID
    name: str
    description: str
    category: Category
    hs_code: str
    unit: SupplyUnit
    unit_price: MoneyOutput
    local_content_pct: str
    lead_time_days: int
    available_quantity: str
    certifications: list[str]
    status: ItemStatus
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int
    supplier_region: None | Region | Unset = UNSET
    supplier_is_local: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        supplier_id = str(self.supplier_id)

        name = self.name

        description = self.description

        category = self.category.value

        hs_code = self.hs_code

        unit = self.unit.value

        unit_price = self.unit_price.to_dict()

        local_content_pct = self.local_content_pct

        lead_time_days = self.lead_time_days

        available_quantity = self.available_quantity

        certifications = self.certifications

        status = self.status.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        version = self.version

        supplier_region: None | str | Unset
        if isinstance(self.supplier_region, Unset):
            supplier_region = UNSET
        elif isinstance(self.supplier_region, Region):
            supplier_region = self.supplier_region.value
        else:
            supplier_region = self.supplier_region

        supplier_is_local: bool | None | Unset
        if isinstance(self.supplier_is_local, Unset):
            supplier_is_local = UNSET
        else:
            supplier_is_local = self.supplier_is_local

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "supplier_id": supplier_id,
                "name": name,
                "description": description,
                "category": category,
                "hs_code": hs_code,
                "unit": unit,
                "unit_price": unit_price,
                "local_content_pct": local_content_pct,
                "lead_time_days": lead_time_days,
                "available_quantity": available_quantity,
                "certifications": certifications,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
                "version": version,
            }
        )
        if supplier_region is not UNSET:
            field_dict["supplier_region"] = supplier_region
        if supplier_is_local is not UNSET:
            field_dict["supplier_is_local"] = supplier_is_local

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.money_output import MoneyOutput

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        supplier_id = UUID(d.pop("supplier_id"))

        name = d.pop("name")

        description = d.pop("description")

        category = Category(d.pop("category"))

        hs_code = d.pop("hs_code")

        unit = SupplyUnit(d.pop("unit"))

        unit_price = MoneyOutput.from_dict(d.pop("unit_price"))

        local_content_pct = d.pop("local_content_pct")

        lead_time_days = d.pop("lead_time_days")

        available_quantity = d.pop("available_quantity")

        certifications = cast(list[str], d.pop("certifications"))

        status = ItemStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        def _parse_supplier_region(data: object) -> None | Region | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                supplier_region_type_0 = Region(data)

                return supplier_region_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Region | Unset, data)

        supplier_region = _parse_supplier_region(d.pop("supplier_region", UNSET))

        def _parse_supplier_is_local(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        supplier_is_local = _parse_supplier_is_local(d.pop("supplier_is_local", UNSET))

        item = cls(
            id=id,
            supplier_id=supplier_id,
            name=name,
            description=description,
            category=category,
            hs_code=hs_code,
            unit=unit,
            unit_price=unit_price,
            local_content_pct=local_content_pct,
            lead_time_days=lead_time_days,
            available_quantity=available_quantity,
            certifications=certifications,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            version=version,
            supplier_region=supplier_region,
            supplier_is_local=supplier_is_local,
        )

        item.additional_properties = d
        return item

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
