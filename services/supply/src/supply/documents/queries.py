"""The SQL of certificates (what the documents library does not keep)."""

from __future__ import annotations

from sqlalchemy import insert

from clusterkit.sql import Query, parameters
from supply.tables import certificates

ADD_CERTIFICATE = Query(
    insert(certificates).values(
        **parameters(
            certificates,
            [
                "document_id",
                "supplier_id",
                "number",
                "issuer",
                "issued_on",
                "expires_on",
                "local_content_percent",
            ],
        )
    )
)
