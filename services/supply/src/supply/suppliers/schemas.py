"""Supplier bodies: the registration an admin sends and the supplier as answered."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from clusterkit.codes import Email, Region, Stir
from clusterkit.i18n import Language, NoticeLanguage
from supply.domain import Category
from supply.schemas import Strict
from supply.suppliers.rules import SupplierStatus


class SupplierRegistration(Strict):
    legal_name: str = Field(min_length=2, max_length=300)
    stir: Stir
    region: Region
    is_local: bool = Field(description="Registered and producing in Uzbekistan")
    categories: list[Category] = Field(min_length=1, max_length=len(Category))
    member_id: UUID | None = Field(None, description="The cluster member it also is, if any")
    contact_email: Email | None = Field(
        None, description="Where its notices go (never shown in lists or events)"
    )


class Contact(Strict):
    email: Email
    language: NoticeLanguage = None


class SupplierContact(BaseModel):
    supplier_id: UUID
    email: str
    language: Language | None = None
    updated_at: datetime


class Supplier(BaseModel):
    id: UUID
    legal_name: str
    stir: str
    region: Region
    is_local: bool
    categories: list[Category]
    status: SupplierStatus
    status_reason: str | None = None
    member_id: UUID | None = None
    created_at: datetime
    updated_at: datetime
