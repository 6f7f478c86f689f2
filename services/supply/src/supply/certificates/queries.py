"""The SQL of the certificate rule and of the expiry notices."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Date, Integer, Text, bindparam, cast, exists, func, update

from clusterkit.sql import Query
from supply.tables import certificates, suppliers

c, s = certificates.c, suppliers.c
_zone = bindparam("time_zone", type_=Text)


def certified_local(supplier_id: Any, moment: Any) -> Any:
    """Whether the supplier held a certificate in force on ``moment``'s day (in Tashkent)."""
    day = cast(func.timezone("Asia/Tashkent", moment), Date)
    return exists().where(c.supplier_id == supplier_id, c.issued_on <= day, c.expires_on >= day)


# The certificates that expire within the notice period and were not announced yet: marked
# announced and returned in one statement, so each is announced once (the job's turn
# publishes an event per row, in the same transaction). A row is the event's payload.
ANNOUNCE_EXPIRING = Query(
    update(certificates)
    .where(
        c.expiry_announced_at.is_(None),
        c.expires_on >= cast(func.timezone(_zone, func.now()), Date),
        c.expires_on
        <= cast(func.timezone(_zone, func.now()), Date) + bindparam("days", type_=Integer),
        c.supplier_id == s.id,
    )
    .values(expiry_announced_at=func.now())
    .returning(
        c.document_id,
        c.supplier_id,
        c.number,
        c.issuer,
        c.issued_on,
        c.expires_on,
        c.local_content_percent,
        s.legal_name,
        c.expiry_announced_at.label("occurred_at"),
    )
)
