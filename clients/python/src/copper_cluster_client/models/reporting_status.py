from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reporting_status_state import ReportingStatusState

T = TypeVar("T", bound="ReportingStatus")


@_attrs_define
class ReportingStatus:
    """
    Attributes:
        organisation_id (UUID):
        legal_name (str):
        kind (str): `producer` (Almalyk MMC) or `member`.
        period (str):
        due_date (datetime.date):
        reported_on (datetime.date | None): The day (Tashkent time) the month was first reported; null if not yet.
        state (ReportingStatusState): `on_time`: first reported by the due date; `late`: after it; `missing`: not
            reported (yet: see `due_date`); `returned`: an admin returned one of its figures and it is not revised yet.
    """

    organisation_id: UUID
    legal_name: str
    kind: str
    period: str
    due_date: datetime.date
    reported_on: datetime.date | None
    state: ReportingStatusState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        organisation_id = str(self.organisation_id)

        legal_name = self.legal_name

        kind = self.kind

        period = self.period

        due_date = self.due_date.isoformat()

        reported_on: None | str
        if isinstance(self.reported_on, datetime.date):
            reported_on = self.reported_on.isoformat()
        else:
            reported_on = self.reported_on

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "organisation_id": organisation_id,
                "legal_name": legal_name,
                "kind": kind,
                "period": period,
                "due_date": due_date,
                "reported_on": reported_on,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        organisation_id = UUID(d.pop("organisation_id"))

        legal_name = d.pop("legal_name")

        kind = d.pop("kind")

        period = d.pop("period")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        def _parse_reported_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reported_on_type_0 = datetime.date.fromisoformat(data)

                return reported_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        reported_on = _parse_reported_on(d.pop("reported_on"))

        state = ReportingStatusState(d.pop("state"))

        reporting_status = cls(
            organisation_id=organisation_id,
            legal_name=legal_name,
            kind=kind,
            period=period,
            due_date=due_date,
            reported_on=reported_on,
            state=state,
        )

        reporting_status.additional_properties = d
        return reporting_status

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
