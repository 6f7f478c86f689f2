from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attempt import Attempt


T = TypeVar("T", bound="Delivery")


@_attrs_define
class Delivery:
    """
    Attributes:
        id (int):
        event_id (UUID):
        type_ (str):
        subject (str):
        status (str):
        attempts (int):
        next_attempt_at (datetime.datetime):
        delivered_at (datetime.datetime | None):
        replay (bool):
        log (list[Attempt]):
    """

    id: int
    event_id: UUID
    type_: str
    subject: str
    status: str
    attempts: int
    next_attempt_at: datetime.datetime
    delivered_at: datetime.datetime | None
    replay: bool
    log: list[Attempt]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        event_id = str(self.event_id)

        type_ = self.type_

        subject = self.subject

        status = self.status

        attempts = self.attempts

        next_attempt_at = self.next_attempt_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        replay = self.replay

        log = []
        for log_item_data in self.log:
            log_item = log_item_data.to_dict()
            log.append(log_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "event_id": event_id,
                "type": type_,
                "subject": subject,
                "status": status,
                "attempts": attempts,
                "next_attempt_at": next_attempt_at,
                "delivered_at": delivered_at,
                "replay": replay,
                "log": log,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt import Attempt

        d = dict(src_dict)
        id = d.pop("id")

        event_id = UUID(d.pop("event_id"))

        type_ = d.pop("type")

        subject = d.pop("subject")

        status = d.pop("status")

        attempts = d.pop("attempts")

        next_attempt_at = datetime.datetime.fromisoformat(d.pop("next_attempt_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        replay = d.pop("replay")

        log = []
        _log = d.pop("log")
        for log_item_data in _log:
            log_item = Attempt.from_dict(log_item_data)

            log.append(log_item)

        delivery = cls(
            id=id,
            event_id=event_id,
            type_=type_,
            subject=subject,
            status=status,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            delivered_at=delivered_at,
            replay=replay,
            log=log,
        )

        delivery.additional_properties = d
        return delivery

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
