from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.localization_reference_2025 import LocalizationReference2025
    from ..models.supply_category_share import SupplyCategoryShare


T = TypeVar("T", bound="Localization")


@_attrs_define
class Localization:
    """
    Attributes:
        total_uzs (str):
        local_uzs (str):
        non_local_uzs (str):
        local_share (None | str): local ÷ total, null when nothing was bought
        year (int):
        orders (int):
        by_category (list[SupplyCategoryShare]):
        reference_2025 (LocalizationReference2025): AMMC's 2025 localization figures (UZS): local products, and
            purchases through industrial cooperation
    """

    total_uzs: str
    local_uzs: str
    non_local_uzs: str
    local_share: None | str
    year: int
    orders: int
    by_category: list[SupplyCategoryShare]
    reference_2025: LocalizationReference2025
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_uzs = self.total_uzs

        local_uzs = self.local_uzs

        non_local_uzs = self.non_local_uzs

        local_share: None | str
        local_share = self.local_share

        year = self.year

        orders = self.orders

        by_category = []
        for by_category_item_data in self.by_category:
            by_category_item = by_category_item_data.to_dict()
            by_category.append(by_category_item)

        reference_2025 = self.reference_2025.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_uzs": total_uzs,
                "local_uzs": local_uzs,
                "non_local_uzs": non_local_uzs,
                "local_share": local_share,
                "year": year,
                "orders": orders,
                "by_category": by_category,
                "reference_2025": reference_2025,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localization_reference_2025 import LocalizationReference2025
        from ..models.supply_category_share import SupplyCategoryShare

        d = dict(src_dict)
        total_uzs = d.pop("total_uzs")

        local_uzs = d.pop("local_uzs")

        non_local_uzs = d.pop("non_local_uzs")

        def _parse_local_share(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        local_share = _parse_local_share(d.pop("local_share"))

        year = d.pop("year")

        orders = d.pop("orders")

        by_category = []
        _by_category = d.pop("by_category")
        for by_category_item_data in _by_category:
            by_category_item = SupplyCategoryShare.from_dict(by_category_item_data)

            by_category.append(by_category_item)

        reference_2025 = LocalizationReference2025.from_dict(d.pop("reference_2025"))

        localization = cls(
            total_uzs=total_uzs,
            local_uzs=local_uzs,
            non_local_uzs=non_local_uzs,
            local_share=local_share,
            year=year,
            orders=orders,
            by_category=by_category,
            reference_2025=reference_2025,
        )

        localization.additional_properties = d
        return localization

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
