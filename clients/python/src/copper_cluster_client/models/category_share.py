from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CategoryShare")


@_attrs_define
class CategoryShare:
    """
    Attributes:
        product_category (str):
        copper_processed_t (str):
        share (None | str):
    """

    product_category: str
    copper_processed_t: str
    share: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        product_category = self.product_category

        copper_processed_t = self.copper_processed_t

        share: None | str
        share = self.share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "product_category": product_category,
                "copper_processed_t": copper_processed_t,
                "share": share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        product_category = d.pop("product_category")

        copper_processed_t = d.pop("copper_processed_t")

        def _parse_share(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        share = _parse_share(d.pop("share"))

        category_share = cls(
            product_category=product_category,
            copper_processed_t=copper_processed_t,
            share=share,
        )

        category_share.additional_properties = d
        return category_share

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
