from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.supplier_contact_language_type_0 import SupplierContactLanguageType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="SupplierContact")


@_attrs_define
class SupplierContact:
    """
    Attributes:
        supplier_id (UUID):
        email (str):
        updated_at (datetime.datetime):
        language (None | SupplierContactLanguageType0 | Unset):
    """

    supplier_id: UUID
    email: str
    updated_at: datetime.datetime
    language: None | SupplierContactLanguageType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        supplier_id = str(self.supplier_id)

        email = self.email

        updated_at = self.updated_at.isoformat()

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, SupplierContactLanguageType0):
            language = self.language.value
        else:
            language = self.language

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "supplier_id": supplier_id,
                "email": email,
                "updated_at": updated_at,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        supplier_id = UUID(d.pop("supplier_id"))

        email = d.pop("email")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_language(data: object) -> None | SupplierContactLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = SupplierContactLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SupplierContactLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        supplier_contact = cls(
            supplier_id=supplier_id,
            email=email,
            updated_at=updated_at,
            language=language,
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
