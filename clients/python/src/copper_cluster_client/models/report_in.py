from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.metric import Metric
from ..models.product_category import ProductCategory
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportIn")


@_attrs_define
class ReportIn:
    """
    Attributes:
        organisation_id (UUID):
        metric (Metric):
        period (str):
        quantity (float | str):
        unit (str): UN/ECE unit or ISO 4217 currency
        product_category (None | ProductCategory | Unset):
        note (None | str | Unset):
        reason (None | str | Unset): Why: required to correct a locked period
    """

    organisation_id: UUID
    metric: Metric
    period: str
    quantity: float | str
    unit: str
    product_category: None | ProductCategory | Unset = UNSET
    note: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        organisation_id = str(self.organisation_id)

        metric = self.metric.value

        period = self.period

        quantity: float | str
        quantity = self.quantity

        unit = self.unit

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

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "organisation_id": organisation_id,
                "metric": metric,
                "period": period,
                "quantity": quantity,
                "unit": unit,
            }
        )
        if product_category is not UNSET:
            field_dict["product_category"] = product_category
        if note is not UNSET:
            field_dict["note"] = note
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        organisation_id = UUID(d.pop("organisation_id"))

        metric = Metric(d.pop("metric"))

        period = d.pop("period")

        def _parse_quantity(data: object) -> float | str:
            return cast(float | str, data)

        quantity = _parse_quantity(d.pop("quantity"))

        unit = d.pop("unit")

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

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        report_in = cls(
            organisation_id=organisation_id,
            metric=metric,
            period=period,
            quantity=quantity,
            unit=unit,
            product_category=product_category,
            note=note,
            reason=reason,
        )

        return report_in
