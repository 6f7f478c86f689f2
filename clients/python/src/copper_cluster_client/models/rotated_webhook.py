from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RotatedWebhook")


@_attrs_define
class RotatedWebhook:
    """
    Attributes:
        id (UUID):
        url (str):
        event_types (list[str]):
        status (str):
        consecutive_failures (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        secret (str): Shown once: verifies the webhook-signature header
        previous_secret_until (datetime.datetime): Until then deliveries are signed with the previous secret too (after
            the new one, in webhook-signature)
        disabled_reason (None | str | Unset):
    """

    id: UUID
    url: str
    event_types: list[str]
    status: str
    consecutive_failures: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    secret: str
    previous_secret_until: datetime.datetime
    disabled_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        url = self.url

        event_types = self.event_types

        status = self.status

        consecutive_failures = self.consecutive_failures

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        secret = self.secret

        previous_secret_until = self.previous_secret_until.isoformat()

        disabled_reason: None | str | Unset
        if isinstance(self.disabled_reason, Unset):
            disabled_reason = UNSET
        else:
            disabled_reason = self.disabled_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "event_types": event_types,
                "status": status,
                "consecutive_failures": consecutive_failures,
                "created_at": created_at,
                "updated_at": updated_at,
                "secret": secret,
                "previous_secret_until": previous_secret_until,
            }
        )
        if disabled_reason is not UNSET:
            field_dict["disabled_reason"] = disabled_reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        url = d.pop("url")

        event_types = cast(list[str], d.pop("event_types"))

        status = d.pop("status")

        consecutive_failures = d.pop("consecutive_failures")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        secret = d.pop("secret")

        previous_secret_until = datetime.datetime.fromisoformat(d.pop("previous_secret_until"))

        def _parse_disabled_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason", UNSET))

        rotated_webhook = cls(
            id=id,
            url=url,
            event_types=event_types,
            status=status,
            consecutive_failures=consecutive_failures,
            created_at=created_at,
            updated_at=updated_at,
            secret=secret,
            previous_secret_until=previous_secret_until,
            disabled_reason=disabled_reason,
        )

        rotated_webhook.additional_properties = d
        return rotated_webhook

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
