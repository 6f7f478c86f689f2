from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application_status import ApplicationStatus

T = TypeVar("T", bound="Transition")


@_attrs_define
class Transition:
    """
    Attributes:
        action (str):
        from_status (ApplicationStatus | None):
        to_status (ApplicationStatus):
        actor (str):
        reason (None | str):
        at (datetime.datetime):
    """

    action: str
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    actor: str
    reason: None | str
    at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        from_status: None | str
        if isinstance(self.from_status, ApplicationStatus):
            from_status = self.from_status.value
        else:
            from_status = self.from_status

        to_status = self.to_status.value

        actor = self.actor

        reason: None | str
        reason = self.reason

        at = self.at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "from_status": from_status,
                "to_status": to_status,
                "actor": actor,
                "reason": reason,
                "at": at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action = d.pop("action")

        def _parse_from_status(data: object) -> ApplicationStatus | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_status_type_0 = ApplicationStatus(data)

                return from_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ApplicationStatus | None, data)

        from_status = _parse_from_status(d.pop("from_status"))

        to_status = ApplicationStatus(d.pop("to_status"))

        actor = d.pop("actor")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        transition = cls(
            action=action,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            reason=reason,
            at=at,
        )

        transition.additional_properties = d
        return transition

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
