"""What an API key is and which ones may be issued (pure rules; that ``expires_at`` lies
ahead is checked by the database clock, in ``queries.ISSUE``)."""

from __future__ import annotations

import hashlib
import secrets

KEY_PREFIX = "ccp_"
SHOWN_PREFIX = 10  # characters of a key kept in clear, to tell keys apart
ROLES_NEEDING_ORGANISATION = ("member", "supplier")


def hash_key(key: str) -> bytes:
    """Keys are 256-bit random, so a fast hash is safe to store in their place."""
    return hashlib.sha256(key.encode()).digest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def missing_organisation(role: str, organisation_id: str | None) -> bool:
    """Member and supplier keys act for one organisation, so they must name it."""
    return role in ROLES_NEEDING_ORGANISATION and not organisation_id
