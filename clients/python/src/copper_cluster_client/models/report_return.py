from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReportReturn")


@_attrs_define
class ReportReturn:
    """
    Attributes:
        report_id (int):
        organisation_id (UUID):
        metric (str):
        period (str):
        product_category (None | str):
        revision (int):
        reason (str):
        returned_at (datetime.datetime):
        returned_by (str):
    """

    report_id: int
    organisation_id: UUID
    metric: str
    period: str
    product_category: None | str
    revision: int
    reason: str
    returned_at: datetime.datetime
    returned_by: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        report_id = self.report_id

        organisation_id = str(self.organisation_id)

        metric = self.metric

        period = self.period

        product_category: None | str
        product_category = self.product_category

        revision = self.revision

        reason = self.reason

        returned_at = self.returned_at.isoformat()

        returned_by = self.returned_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "report_id": report_id,
                "organisation_id": organisation_id,
                "metric": metric,
                "period": period,
                "product_category": product_category,
                "revision": revision,
                "reason": reason,
                "returned_at": returned_at,
                "returned_by": returned_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        report_id = d.pop("report_id")

        organisation_id = UUID(d.pop("organisation_id"))

        metric = d.pop("metric")

        period = d.pop("period")

        def _parse_product_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product_category = _parse_product_category(d.pop("product_category"))

        revision = d.pop("revision")

        reason = d.pop("reason")

        returned_at = datetime.datetime.fromisoformat(d.pop("returned_at"))

        returned_by = d.pop("returned_by")

        report_return = cls(
            report_id=report_id,
            organisation_id=organisation_id,
            metric=metric,
            period=period,
            product_category=product_category,
            revision=revision,
            reason=reason,
            returned_at=returned_at,
            returned_by=returned_by,
        )

        report_return.additional_properties = d
        return report_return

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
