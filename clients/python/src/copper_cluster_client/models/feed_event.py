from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.feed_event_data import FeedEventData


T = TypeVar("T", bound="FeedEvent")


@_attrs_define
class FeedEvent:
    """A CloudEvent (structured mode) with its place in the feed.

    Attributes:
        id (UUID):
        source (str):
        type_ (str):
        subject (str):
        time (datetime.datetime):
        data (FeedEventData):
        specversion (str | Unset):  Default: '1.0'.
        datacontenttype (str | Unset):  Default: 'application/json'.
        requestid (None | str | Unset):
    """

    id: UUID
    source: str
    type_: str
    subject: str
    time: datetime.datetime
    data: FeedEventData
    specversion: str | Unset = "1.0"
    datacontenttype: str | Unset = "application/json"
    requestid: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        source = self.source

        type_ = self.type_

        subject = self.subject

        time = self.time.isoformat()

        data = self.data.to_dict()

        specversion = self.specversion

        datacontenttype = self.datacontenttype

        requestid: None | str | Unset
        if isinstance(self.requestid, Unset):
            requestid = UNSET
        else:
            requestid = self.requestid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "source": source,
                "type": type_,
                "subject": subject,
                "time": time,
                "data": data,
            }
        )
        if specversion is not UNSET:
            field_dict["specversion"] = specversion
        if datacontenttype is not UNSET:
            field_dict["datacontenttype"] = datacontenttype
        if requestid is not UNSET:
            field_dict["requestid"] = requestid

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.feed_event_data import FeedEventData

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        source = d.pop("source")

        type_ = d.pop("type")

        subject = d.pop("subject")

        time = datetime.datetime.fromisoformat(d.pop("time"))

        data = FeedEventData.from_dict(d.pop("data"))

        specversion = d.pop("specversion", UNSET)

        datacontenttype = d.pop("datacontenttype", UNSET)

        def _parse_requestid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        requestid = _parse_requestid(d.pop("requestid", UNSET))

        feed_event = cls(
            id=id,
            source=source,
            type_=type_,
            subject=subject,
            time=time,
            data=data,
            specversion=specversion,
            datacontenttype=datacontenttype,
            requestid=requestid,
        )

        feed_event.additional_properties = d
        return feed_event

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
