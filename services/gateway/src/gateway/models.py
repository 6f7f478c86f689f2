"""Tables of the ``gateway`` schema."""

from sqlalchemy import Column, DateTime, LargeBinary, Table, Text, Uuid, func

from clusterkit.db import service_metadata

SCHEMA = "gateway"

metadata = service_metadata(SCHEMA)

# API keys: only a SHA-256 of the key is stored (keys are 256-bit random, so a fast hash
# is safe); ``prefix`` lets people tell keys apart without revealing them.
api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("organisation_id", Text),
    Column("key_hash", LargeBinary, nullable=False, unique=True),
    Column("prefix", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)
