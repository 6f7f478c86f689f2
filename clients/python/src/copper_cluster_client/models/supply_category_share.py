from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.category import Category

T = TypeVar("T", bound="SupplyCategoryShare")


@_attrs_define
class SupplyCategoryShare:
    """
    Attributes:
        total_uzs (str):
        local_uzs (str):
        non_local_uzs (str):
        local_share (None | str): local ÷ total, null when nothing was bought
        category (Category):
    """

    total_uzs: str
    local_uzs: str
    non_local_uzs: str
    local_share: None | str
    category: Category
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_uzs = self.total_uzs

        local_uzs = self.local_uzs

        non_local_uzs = self.non_local_uzs

        local_share: None | str
        local_share = self.local_share

        category = self.category.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_uzs": total_uzs,
                "local_uzs": local_uzs,
                "non_local_uzs": non_local_uzs,
                "local_share": local_share,
                "category": category,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        total_uzs = d.pop("total_uzs")

        local_uzs = d.pop("local_uzs")

        non_local_uzs = d.pop("non_local_uzs")

        def _parse_local_share(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        local_share = _parse_local_share(d.pop("local_share"))

        category = Category(d.pop("category"))

        supply_category_share = cls(
            total_uzs=total_uzs,
            local_uzs=local_uzs,
            non_local_uzs=non_local_uzs,
            local_share=local_share,
            category=category,
        )

        supply_category_share.additional_properties = d
        return supply_category_share

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
