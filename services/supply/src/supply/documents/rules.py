"""Which documents each record takes, and what a local-production certificate must say.

Uzbekistan's local-production certificates last at most 24 months and certify at least 30%
local content; a supplier counts as local while one of its certificates is in force.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from clusterkit.documents import DOCX, JPEG, PDF, PNG, XLSX
from clusterkit.errors import InvalidFields
from clusterkit.i18n import N_

CERTIFICATE = "local_production_certificate"
KINDS: dict[str, dict[str, frozenset[str]]] = {
    "supplier": {CERTIFICATE: frozenset({PDF, PNG, JPEG})},
    "request": {"specification": frozenset({PDF, DOCX, XLSX, PNG, JPEG})},
    "offer": {"quotation": frozenset({PDF, DOCX, XLSX})},
}
MIN_LOCAL_CONTENT = Decimal(30)
MAX_MONTHS = 24


def months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def ensure_certificate(
    *,
    number: str | None,
    issuer: str | None,
    issued_on: date | None,
    expires_on: date | None,
    local_content_percent: Decimal | None,
) -> None:
    """A certificate names its number, issuer and dates, lasts at most 24 months and
    certifies at least 30% local content (422 naming each field that does not)."""
    wrong: list[tuple[str, str]] = []
    for field, value in (
        ("number", number),
        ("issuer", issuer),
        ("issued_on", issued_on),
        ("expires_on", expires_on),
        ("local_content_percent", local_content_percent),
    ):
        if value in (None, ""):
            wrong.append((field, N_("A certificate states it.")))
    if issued_on and expires_on:
        if expires_on <= issued_on:
            wrong.append(("expires_on", N_("A certificate expires after it is issued.")))
        elif expires_on > months_later(issued_on, MAX_MONTHS):
            wrong.append(("expires_on", N_("A certificate lasts at most 24 months.")))
    if local_content_percent is not None and not (
        MIN_LOCAL_CONTENT <= local_content_percent <= 100
    ):
        wrong.append(("local_content_percent", N_("A certificate certifies 30% to 100%.")))
    if wrong:
        raise InvalidFields(*wrong)


def in_force(issued_on: date, expires_on: date, on: date) -> bool:
    """The certificate makes its supplier local on ``on``."""
    return issued_on <= on <= expires_on
