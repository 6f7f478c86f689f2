from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category
from ..models.region import Region
from ..models.supplier_status import SupplierStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Supplier")


@_attrs_define
class Supplier:
    """
    Attributes:
        id (UUID):
        legal_name (str):
        stir (str):
        region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
        is_local (bool):
        categories (list[Category]):
        status (SupplierStatus):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        status_reason (None | str | Unset):
        member_id (None | Unset | UUID):
    """

    id: UUID
    legal_name: str
    stir: str
    region: Region
    is_local: bool
    categories: list[Category]
    status: SupplierStatus
    created_at: datetime.datetime
    updated_at: datetime.datetime
    status_reason: None | str | Unset = UNSET
    member_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        legal_name = self.legal_name

        stir = self.stir

        region = self.region.value

        is_local = self.is_local

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.value
            categories.append(categories_item)

        status = self.status.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        status_reason: None | str | Unset
        if isinstance(self.status_reason, Unset):
            status_reason = UNSET
        else:
            status_reason = self.status_reason

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        elif isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "legal_name": legal_name,
                "stir": stir,
                "region": region,
                "is_local": is_local,
                "categories": categories,
                "status": status,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if status_reason is not UNSET:
            field_dict["status_reason"] = status_reason
        if member_id is not UNSET:
            field_dict["member_id"] = member_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        legal_name = d.pop("legal_name")

        stir = d.pop("stir")

        region = Region(d.pop("region"))

        is_local = d.pop("is_local")

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = Category(categories_item_data)

            categories.append(categories_item)

        status = SupplierStatus(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_status_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_reason = _parse_status_reason(d.pop("status_reason", UNSET))

        def _parse_member_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                member_id_type_0 = UUID(data)

                return member_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

        supplier = cls(
            id=id,
            legal_name=legal_name,
            stir=stir,
            region=region,
            is_local=is_local,
            categories=categories,
            status=status,
            created_at=created_at,
            updated_at=updated_at,
            status_reason=status_reason,
            member_id=member_id,
        )

        supplier.additional_properties = d
        return supplier

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
