from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.product_category import ProductCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="PlanIn")


@_attrs_define
class PlanIn:
    """Monthly targets, or an annual one spread evenly over the months.

    Attributes:
        monthly (list[float | str] | None | Unset):
        annual (float | None | str | Unset):
        product_category (None | ProductCategory | Unset):
        note (None | str | Unset):
    """

    monthly: list[float | str] | None | Unset = UNSET
    annual: float | None | str | Unset = UNSET
    product_category: None | ProductCategory | Unset = UNSET
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        monthly: list[float | str] | None | Unset
        if isinstance(self.monthly, Unset):
            monthly = UNSET
        elif isinstance(self.monthly, list):
            monthly = []
            for monthly_type_0_item_data in self.monthly:
                monthly_type_0_item: float | str
                monthly_type_0_item = monthly_type_0_item_data
                monthly.append(monthly_type_0_item)

        else:
            monthly = self.monthly

        annual: float | None | str | Unset
        if isinstance(self.annual, Unset):
            annual = UNSET
        else:
            annual = self.annual

        product_category: None | str | Unset
        if isinstance(self.product_category, Unset):
            product_category = UNSET
        elif isinstance(self.product_category, ProductCategory):
            product_category = self.product_category.value
        else:
            product_category = self.product_category

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if monthly is not UNSET:
            field_dict["monthly"] = monthly
        if annual is not UNSET:
            field_dict["annual"] = annual
        if product_category is not UNSET:
            field_dict["product_category"] = product_category
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_monthly(data: object) -> list[float | str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                monthly_type_0 = []
                _monthly_type_0 = data
                for monthly_type_0_item_data in _monthly_type_0:

                    def _parse_monthly_type_0_item(data: object) -> float | str:
                        return cast(float | str, data)

                    monthly_type_0_item = _parse_monthly_type_0_item(monthly_type_0_item_data)

                    monthly_type_0.append(monthly_type_0_item)

                return monthly_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float | str] | None | Unset, data)

        monthly = _parse_monthly(d.pop("monthly", UNSET))

        def _parse_annual(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        annual = _parse_annual(d.pop("annual", UNSET))

        def _parse_product_category(data: object) -> None | ProductCategory | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                product_category_type_0 = ProductCategory(data)

                return product_category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProductCategory | Unset, data)

        product_category = _parse_product_category(d.pop("product_category", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        plan_in = cls(
            monthly=monthly,
            annual=annual,
            product_category=product_category,
            note=note,
        )

        return plan_in
