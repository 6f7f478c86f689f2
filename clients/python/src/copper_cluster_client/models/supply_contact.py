from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.supply_contact_language_type_0 import SupplyContactLanguageType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="SupplyContact")


@_attrs_define
class SupplyContact:
    """
    Attributes:
        email (str):
        language (None | SupplyContactLanguageType0 | Unset): The language of the notices sent to this contact; when
            left out, the best match of the request's Accept-Language (none: the platform's default)
    """

    email: str
    language: None | SupplyContactLanguageType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        elif isinstance(self.language, SupplyContactLanguageType0):
            language = self.language.value
        else:
            language = self.language

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
            }
        )
        if language is not UNSET:
            field_dict["language"] = language

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        def _parse_language(data: object) -> None | SupplyContactLanguageType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                language_type_0 = SupplyContactLanguageType0(data)

                return language_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SupplyContactLanguageType0 | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        supply_contact = cls(
            email=email,
            language=language,
        )

        return supply_contact
