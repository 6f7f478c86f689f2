from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metric import Metric
from ..models.product_category import ProductCategory

T = TypeVar("T", bound="Plan")


@_attrs_define
class Plan:
    """
    Attributes:
        organisation_id (UUID):
        metric (Metric):
        year (int):
        product_category (None | ProductCategory):
        unit (str):
        monthly (list[str]):
        annual (str):
        recorded_at (datetime.datetime):
    """

    organisation_id: UUID
    metric: Metric
    year: int
    product_category: None | ProductCategory
    unit: str
    monthly: list[str]
    annual: str
    recorded_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        organisation_id = str(self.organisation_id)

        metric = self.metric.value

        year = self.year

        product_category: None | str
        if isinstance(self.product_category, ProductCategory):
            product_category = self.product_category.value
        else:
            product_category = self.product_category

        unit = self.unit

        monthly = self.monthly

        annual = self.annual

        recorded_at = self.recorded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "organisation_id": organisation_id,
                "metric": metric,
                "year": year,
                "product_category": product_category,
                "unit": unit,
                "monthly": monthly,
                "annual": annual,
                "recorded_at": recorded_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        organisation_id = UUID(d.pop("organisation_id"))

        metric = Metric(d.pop("metric"))

        year = d.pop("year")

        def _parse_product_category(data: object) -> None | ProductCategory:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                product_category_type_0 = ProductCategory(data)

                return product_category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProductCategory, data)

        product_category = _parse_product_category(d.pop("product_category"))

        unit = d.pop("unit")

        monthly = cast(list[str], d.pop("monthly"))

        annual = d.pop("annual")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        plan = cls(
            organisation_id=organisation_id,
            metric=metric,
            year=year,
            product_category=product_category,
            unit=unit,
            monthly=monthly,
            annual=annual,
            recorded_at=recorded_at,
        )

        plan.additional_properties = d
        return plan

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
