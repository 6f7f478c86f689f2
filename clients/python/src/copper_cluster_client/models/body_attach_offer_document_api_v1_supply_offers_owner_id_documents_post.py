from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="BodyAttachOfferDocumentApiV1SupplyOffersOwnerIdDocumentsPost")


@_attrs_define
class BodyAttachOfferDocumentApiV1SupplyOffersOwnerIdDocumentsPost:
    """
    Attributes:
        file (None | str | Unset): The document.
        kind (None | str | Unset): a supplier: local_production_certificate; a request: specification; a offer:
            quotation
        number (None | str | Unset): A certificate's number
        issuer (None | str | Unset): Who issued the certificate
        issued_on (datetime.date | None | Unset):
        expires_on (datetime.date | None | Unset):
        local_content_percent (float | None | str | Unset):
    """

    file: None | str | Unset = UNSET
    kind: None | str | Unset = UNSET
    number: None | str | Unset = UNSET
    issuer: None | str | Unset = UNSET
    issued_on: datetime.date | None | Unset = UNSET
    expires_on: datetime.date | None | Unset = UNSET
    local_content_percent: float | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        issuer: None | str | Unset
        if isinstance(self.issuer, Unset):
            issuer = UNSET
        else:
            issuer = self.issuer

        issued_on: None | str | Unset
        if isinstance(self.issued_on, Unset):
            issued_on = UNSET
        elif isinstance(self.issued_on, datetime.date):
            issued_on = self.issued_on.isoformat()
        else:
            issued_on = self.issued_on

        expires_on: None | str | Unset
        if isinstance(self.expires_on, Unset):
            expires_on = UNSET
        elif isinstance(self.expires_on, datetime.date):
            expires_on = self.expires_on.isoformat()
        else:
            expires_on = self.expires_on

        local_content_percent: float | None | str | Unset
        if isinstance(self.local_content_percent, Unset):
            local_content_percent = UNSET
        else:
            local_content_percent = self.local_content_percent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if file is not UNSET:
            field_dict["file"] = file
        if kind is not UNSET:
            field_dict["kind"] = kind
        if number is not UNSET:
            field_dict["number"] = number
        if issuer is not UNSET:
            field_dict["issuer"] = issuer
        if issued_on is not UNSET:
            field_dict["issued_on"] = issued_on
        if expires_on is not UNSET:
            field_dict["expires_on"] = expires_on
        if local_content_percent is not UNSET:
            field_dict["local_content_percent"] = local_content_percent

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        if not isinstance(self.file, Unset):
            if isinstance(self.file, str):
                files.append(("file", (None, str(self.file).encode(), "text/plain")))
            else:
                files.append(("file", (None, str(self.file).encode(), "text/plain")))

        if not isinstance(self.kind, Unset):
            if isinstance(self.kind, str):
                files.append(("kind", (None, str(self.kind).encode(), "text/plain")))
            else:
                files.append(("kind", (None, str(self.kind).encode(), "text/plain")))

        if not isinstance(self.number, Unset):
            if isinstance(self.number, str):
                files.append(("number", (None, str(self.number).encode(), "text/plain")))
            else:
                files.append(("number", (None, str(self.number).encode(), "text/plain")))

        if not isinstance(self.issuer, Unset):
            if isinstance(self.issuer, str):
                files.append(("issuer", (None, str(self.issuer).encode(), "text/plain")))
            else:
                files.append(("issuer", (None, str(self.issuer).encode(), "text/plain")))

        if not isinstance(self.issued_on, Unset):
            if isinstance(self.issued_on, datetime.date):
                files.append(
                    ("issued_on", (None, self.issued_on.isoformat().encode(), "text/plain"))
                )
            else:
                files.append(("issued_on", (None, str(self.issued_on).encode(), "text/plain")))

        if not isinstance(self.expires_on, Unset):
            if isinstance(self.expires_on, datetime.date):
                files.append(
                    ("expires_on", (None, self.expires_on.isoformat().encode(), "text/plain"))
                )
            else:
                files.append(("expires_on", (None, str(self.expires_on).encode(), "text/plain")))

        if not isinstance(self.local_content_percent, Unset):
            if isinstance(self.local_content_percent, float) or isinstance(
                self.local_content_percent, str
            ):
                files.append(
                    (
                        "local_content_percent",
                        (None, str(self.local_content_percent).encode(), "text/plain"),
                    )
                )
            else:
                files.append(
                    (
                        "local_content_percent",
                        (None, str(self.local_content_percent).encode(), "text/plain"),
                    )
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file = _parse_file(d.pop("file", UNSET))

        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        def _parse_issuer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        issuer = _parse_issuer(d.pop("issuer", UNSET))

        def _parse_issued_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issued_on_type_0 = datetime.date.fromisoformat(data)

                return issued_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        issued_on = _parse_issued_on(d.pop("issued_on", UNSET))

        def _parse_expires_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_on_type_0 = datetime.date.fromisoformat(data)

                return expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expires_on = _parse_expires_on(d.pop("expires_on", UNSET))

        def _parse_local_content_percent(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        local_content_percent = _parse_local_content_percent(d.pop("local_content_percent", UNSET))

        body_attach_offer_document_api_v1_supply_offers_owner_id_documents_post = cls(
            file=file,
            kind=kind,
            number=number,
            issuer=issuer,
            issued_on=issued_on,
            expires_on=expires_on,
            local_content_percent=local_content_percent,
        )

        body_attach_offer_document_api_v1_supply_offers_owner_id_documents_post.additional_properties = d
        return body_attach_offer_document_api_v1_supply_offers_owner_id_documents_post

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
