from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metric import Metric

T = TypeVar("T", bound="FulfilmentRow")


@_attrs_define
class FulfilmentRow:
    """
    Attributes:
        organisation_id (None | UUID):
        metric (Metric):
        product_category (None | str):
        unit (str):
        period (str):
        actual (None | str):
        plan (None | str):
        fulfilment (None | str):
        variance (None | str):
    """

    organisation_id: None | UUID
    metric: Metric
    product_category: None | str
    unit: str
    period: str
    actual: None | str
    plan: None | str
    fulfilment: None | str
    variance: None | str
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

        plan: None | str
        plan = self.plan

        fulfilment: None | str
        fulfilment = self.fulfilment

        variance: None | str
        variance = self.variance

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
                "plan": plan,
                "fulfilment": fulfilment,
                "variance": variance,
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

        def _parse_plan(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        plan = _parse_plan(d.pop("plan"))

        def _parse_fulfilment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fulfilment = _parse_fulfilment(d.pop("fulfilment"))

        def _parse_variance(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        variance = _parse_variance(d.pop("variance"))

        fulfilment_row = cls(
            organisation_id=organisation_id,
            metric=metric,
            product_category=product_category,
            unit=unit,
            period=period,
            actual=actual,
            plan=plan,
            fulfilment=fulfilment,
            variance=variance,
        )

        fulfilment_row.additional_properties = d
        return fulfilment_row

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
