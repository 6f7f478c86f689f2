from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProductionApiKpisOrganisation")


@_attrs_define
class ProductionApiKpisOrganisation:
    """
    Attributes:
        organisation_id (UUID):
        legal_name (str):
    """

    organisation_id: UUID
    legal_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        organisation_id = str(self.organisation_id)

        legal_name = self.legal_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "organisation_id": organisation_id,
                "legal_name": legal_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        organisation_id = UUID(d.pop("organisation_id"))

        legal_name = d.pop("legal_name")

        production_api_kpis_organisation = cls(
            organisation_id=organisation_id,
            legal_name=legal_name,
        )

        production_api_kpis_organisation.additional_properties = d
        return production_api_kpis_organisation

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
