from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SupplierContact")


@_attrs_define
class SupplierContact:
    """
    Attributes:
        supplier_id (UUID):
        email (str):
        updated_at (datetime.datetime):
    """

    supplier_id: UUID
    email: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supplier_id = str(self.supplier_id)

        email = self.email

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "supplier_id": supplier_id,
                "email": email,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        supplier_id = UUID(d.pop("supplier_id"))

        email = d.pop("email")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        supplier_contact = cls(
            supplier_id=supplier_id,
            email=email,
            updated_at=updated_at,
        )

        supplier_contact.additional_properties = d
        return supplier_contact

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
