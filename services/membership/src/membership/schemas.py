"""Body parts both features speak: what a company states when it applies is what its member
entry keeps (contact, planned products), in the same shapes."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from clusterkit.codes import Email, HsCode
from clusterkit.i18n import NoticeLanguage
from membership.domain import Sector, Unit

Tonnes = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=3)]
Sectors = Annotated[list[Sector], Field(min_length=1, max_length=len(Sector))]
Reason = Annotated[str, Field(min_length=1, max_length=2000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Quantity(Strict):
    quantity: Decimal = Field(ge=0, max_digits=18, decimal_places=3)
    unit: Unit


class PlannedProduct(Strict):
    hs_code: HsCode
    description: str = Field(min_length=1, max_length=500)
    annual_capacity: Quantity


class Contact(Strict):
    name: str = Field(min_length=1, max_length=200)
    email: Email
    phone: str = Field(pattern=r"^\+?[0-9 ()-]{7,20}$")
    language: NoticeLanguage = None


class RequiredReason(Strict):
    reason: Reason
