from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metric import Metric
from ..models.product_category import ProductCategory

T = TypeVar("T", bound="Figure")


@_attrs_define
class Figure:
    """
    Attributes:
        id (int): This revision's id (`POST /reports/{id}/return` names it).
        organisation_id (UUID):
        metric (Metric):
        period (str):
        product_category (None | ProductCategory):
        quantity (str):
        unit (str):
        note (None | str):
        reason (None | str):
        revision (int):
        recorded_at (datetime.datetime):
        recorded_by (str):
    """

    id: int
    organisation_id: UUID
    metric: Metric
    period: str
    product_category: None | ProductCategory
    quantity: str
    unit: str
    note: None | str
    reason: None | str
    revision: int
    recorded_at: datetime.datetime
    recorded_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        organisation_id = str(self.organisation_id)

        metric = self.metric.value

        period = self.period

        product_category: None | str
        if isinstance(self.product_category, ProductCategory):
            product_category = self.product_category.value
        else:
            product_category = self.product_category

        quantity = self.quantity

        unit = self.unit

        note: None | str
        note = self.note

        reason: None | str
        reason = self.reason

        revision = self.revision

        recorded_at = self.recorded_at.isoformat()

        recorded_by = self.recorded_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "organisation_id": organisation_id,
                "metric": metric,
                "period": period,
                "product_category": product_category,
                "quantity": quantity,
                "unit": unit,
                "note": note,
                "reason": reason,
                "revision": revision,
                "recorded_at": recorded_at,
                "recorded_by": recorded_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        organisation_id = UUID(d.pop("organisation_id"))

        metric = Metric(d.pop("metric"))

        period = d.pop("period")

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

        quantity = d.pop("quantity")

        unit = d.pop("unit")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        revision = d.pop("revision")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        recorded_by = d.pop("recorded_by")

        figure = cls(
            id=id,
            organisation_id=organisation_id,
            metric=metric,
            period=period,
            product_category=product_category,
            quantity=quantity,
            unit=unit,
            note=note,
            reason=reason,
            revision=revision,
            recorded_at=recorded_at,
            recorded_by=recorded_by,
        )

        figure.additional_properties = d
        return figure

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
