from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metric import Metric

T = TypeVar("T", bound="GrowthRow")


@_attrs_define
class GrowthRow:
    """
    Attributes:
        organisation_id (None | UUID):
        metric (Metric):
        product_category (None | str):
        unit (str):
        period (str):
        actual (None | str):
        previous_period (str):
        previous (None | str):
        growth (None | str):
        change (None | str):
    """

    organisation_id: None | UUID
    metric: Metric
    product_category: None | str
    unit: str
    period: str
    actual: None | str
    previous_period: str
    previous: None | str
    growth: None | str
    change: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        organisation_id: None | str
        if isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        metric = self.metric.value

        product_category: None | str
        product_category = self.product_category

        unit = self.unit

        period = self.period

        actual: None | str
        actual = self.actual

        previous_period = self.previous_period

        previous: None | str
        previous = self.previous

        growth: None | str
        growth = self.growth

        change: None | str
        change = self.change

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "organisation_id": organisation_id,
                "metric": metric,
                "product_category": product_category,
                "unit": unit,
                "period": period,
                "actual": actual,
                "previous_period": previous_period,
                "previous": previous,
                "growth": growth,
                "change": change,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_organisation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                organisation_id_type_0 = UUID(data)

                return organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id"))

        metric = Metric(d.pop("metric"))

        def _parse_product_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product_category = _parse_product_category(d.pop("product_category"))

        unit = d.pop("unit")

        period = d.pop("period")

        def _parse_actual(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actual = _parse_actual(d.pop("actual"))

        previous_period = d.pop("previous_period")

        def _parse_previous(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous = _parse_previous(d.pop("previous"))

        def _parse_growth(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        growth = _parse_growth(d.pop("growth"))

        def _parse_change(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        change = _parse_change(d.pop("change"))

        growth_row = cls(
            organisation_id=organisation_id,
            metric=metric,
            product_category=product_category,
            unit=unit,
            period=period,
            actual=actual,
            previous_period=previous_period,
            previous=previous,
            growth=growth,
            change=change,
        )

        growth_row.additional_properties = d
        return growth_row

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
