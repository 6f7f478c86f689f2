"""The event a certificate's approaching expiry makes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

CERTIFICATE_EXPIRING = "uz.coppercluster.supply.supplier.certificate_expiring.v1"


class CertificateExpiring(BaseModel):
    """A supplier's local-production certificate expires within the notice period (30 days):
    without a renewal the supplier stops counting as local on ``expires_on``'s next day."""

    supplier_id: UUID
    legal_name: str
    document_id: UUID = Field(description="The certificate's document")
    number: str
    issuer: str
    issued_on: date
    expires_on: date
    local_content_percent: Decimal
    occurred_at: datetime


EXAMPLE = CertificateExpiring(
    supplier_id=UUID("9e4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b55"),
    legal_name="Navoiyazot JSC",
    document_id=UUID("0f1e2d3c-4b5a-4968-8776-655443322110"),
    number="UZ-LP-2025-0042",
    issuer="Chamber of Commerce and Industry of Uzbekistan",
    issued_on=date(2024, 4, 1),
    expires_on=date(2026, 4, 1),
    local_content_percent=Decimal("62.50"),
    occurred_at=datetime(2026, 3, 2, 6, 0, tzinfo=UTC),
)
