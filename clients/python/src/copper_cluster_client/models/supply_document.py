from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.supply_document_details import SupplyDocumentDetails


T = TypeVar("T", bound="SupplyDocument")


@_attrs_define
class SupplyDocument:
    """
    Attributes:
        id (UUID):
        kind (str):
        filename (str):
        content_type (str): As sniffed from the content, not as claimed.
        size (int): Bytes.
        sha256 (str): Hex SHA-256 of the content.
        uploaded_at (datetime.datetime):
        details (SupplyDocumentDetails | Unset): A certificate's number, issuer, issued_on, expires_on and
            local_content_percent.
    """

    id: UUID
    kind: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime
    details: SupplyDocumentDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind

        filename = self.filename

        content_type = self.content_type

        size = self.size

        sha256 = self.sha256

        uploaded_at = self.uploaded_at.isoformat()

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "filename": filename,
                "content_type": content_type,
                "size": size,
                "sha256": sha256,
                "uploaded_at": uploaded_at,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.supply_document_details import SupplyDocumentDetails

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        filename = d.pop("filename")

        content_type = d.pop("content_type")

        size = d.pop("size")

        sha256 = d.pop("sha256")

        uploaded_at = datetime.datetime.fromisoformat(d.pop("uploaded_at"))

        _details = d.pop("details", UNSET)
        details: SupplyDocumentDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = SupplyDocumentDetails.from_dict(_details)

        supply_document = cls(
            id=id,
            kind=kind,
            filename=filename,
            content_type=content_type,
            size=size,
            sha256=sha256,
            uploaded_at=uploaded_at,
            details=details,
        )

        supply_document.additional_properties = d
        return supply_document

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
