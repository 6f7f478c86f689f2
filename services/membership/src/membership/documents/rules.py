"""Which documents an application takes, and in which types."""

from __future__ import annotations

from clusterkit.documents import DOCX, JPEG, PDF, PNG, XLSX

OWNER = "application"
KINDS: dict[str, frozenset[str]] = {
    "business_plan": frozenset({PDF, DOCX, XLSX}),
    "licence": frozenset({PDF, PNG, JPEG}),
    "registration_certificate": frozenset({PDF, PNG, JPEG}),
}
