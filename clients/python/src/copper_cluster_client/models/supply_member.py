from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SupplyMember")


@_attrs_define
class SupplyMember:
    """
    Attributes:
        id (UUID):
        legal_name (str):
        stir (str):
        region (str):
        sectors (list[str]):
        status (str):
        updated_at (datetime.datetime):
    """

    id: UUID
    legal_name: str
    stir: str
    region: str
    sectors: list[str]
    status: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        legal_name = self.legal_name

        stir = self.stir

        region = self.region

        sectors = self.sectors

        status = self.status

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "legal_name": legal_name,
                "stir": stir,
                "region": region,
                "sectors": sectors,
                "status": status,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        legal_name = d.pop("legal_name")

        stir = d.pop("stir")

        region = d.pop("region")

        sectors = cast(list[str], d.pop("sectors"))

        status = d.pop("status")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        supply_member = cls(
            id=id,
            legal_name=legal_name,
            stir=stir,
            region=region,
            sectors=sectors,
            status=status,
            updated_at=updated_at,
        )

        supply_member.additional_properties = d
        return supply_member

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
