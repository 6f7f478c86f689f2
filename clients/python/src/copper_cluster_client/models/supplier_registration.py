from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.category import Category
from ..models.region import Region
from ..types import UNSET, Unset

T = TypeVar("T", bound="SupplierRegistration")


@_attrs_define
class SupplierRegistration:
    """
    Attributes:
        legal_name (str):
        stir (str): STIR (INN): exactly 9 digits
        region (Region): Uzbekistan's regions, ISO 3166-2:UZ.
        is_local (bool): Registered and producing in Uzbekistan
        categories (list[Category]):
        member_id (None | Unset | UUID): The cluster member it also is, if any
        contact_email (None | str | Unset): Where its notices go (never shown in lists or events)
    """

    legal_name: str
    stir: str
    region: Region
    is_local: bool
    categories: list[Category]
    member_id: None | Unset | UUID = UNSET
    contact_email: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        legal_name = self.legal_name

        stir = self.stir

        region = self.region.value

        is_local = self.is_local

        categories = []
        for categories_item_data in self.categories:
            categories_item = categories_item_data.value
            categories.append(categories_item)

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        elif isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

        contact_email: None | str | Unset
        if isinstance(self.contact_email, Unset):
            contact_email = UNSET
        else:
            contact_email = self.contact_email

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "legal_name": legal_name,
                "stir": stir,
                "region": region,
                "is_local": is_local,
                "categories": categories,
            }
        )
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if contact_email is not UNSET:
            field_dict["contact_email"] = contact_email

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        legal_name = d.pop("legal_name")

        stir = d.pop("stir")

        region = Region(d.pop("region"))

        is_local = d.pop("is_local")

        categories = []
        _categories = d.pop("categories")
        for categories_item_data in _categories:
            categories_item = Category(categories_item_data)

            categories.append(categories_item)

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

        def _parse_contact_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_email = _parse_contact_email(d.pop("contact_email", UNSET))

        supplier_registration = cls(
            legal_name=legal_name,
            stir=stir,
            region=region,
            is_local=is_local,
            categories=categories,
            member_id=member_id,
            contact_email=contact_email,
        )

        return supplier_registration
