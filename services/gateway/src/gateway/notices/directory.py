"""Where a notice goes: the address of an applicant, a member or a supplier, and the
language its notices are written in, asked of the service that keeps them (as an admin,
over the internal token), at the time it is sent."""

from __future__ import annotations

from typing import Any, NamedTuple

import aiohttp

from clusterkit.auth import TOKEN_HEADER, Caller, InternalTokens

TIMEOUT = aiohttp.ClientTimeout(total=10, connect=3)
ADMIN = Caller(role="admin", key_id="notifier")


class Address(NamedTuple):
    recipient: str
    email: str
    language: str | None  # None: the recipient said none (the notifier's default)


def _language(contact: Any) -> str | None:
    language = contact.get("language") if isinstance(contact, dict) else None
    return language if isinstance(language, str) else None


class Unreachable(Exception):
    """The service that keeps the address did not answer: the notice is tried again."""


class Directory:
    def __init__(self, upstreams: dict[str, list[str]], tokens: InternalTokens):
        self.upstreams = upstreams
        self.tokens = tokens
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _get(self, service: str, path: str, **params: str) -> Any:
        """The JSON of a GET, or None for a 404; :class:`Unreachable` if no instance
        answers."""
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=TIMEOUT)
        headers = {TOKEN_HEADER: self.tokens.mint(ADMIN, audience=service)}
        failure = "no instance"
        for base in self.upstreams[service]:
            try:
                async with self._session.get(
                    f"{base}{path}", params=params, headers=headers
                ) as answer:
                    if answer.status == 404:
                        return None
                    if answer.status == 200:
                        return await answer.json()
                    failure = f"{service} answered {answer.status}"
            except (aiohttp.ClientError, TimeoutError) as exc:
                failure = f"{service}: {type(exc).__name__}"
        raise Unreachable(failure)

    async def addresses(self, recipient: str, *, email_language: str) -> list[Address]:
        """The addresses the notice goes to: one, or none when the recipient has no address;
        several for the suppliers of some categories. A bare address (an admin's) is
        written to in ``email_language``."""
        what, _, key = recipient.partition(":")
        if what == "email":
            return [Address(recipient, key, email_language)]
        if what == "applicant":
            found = await self._get("membership", f"/api/v1/membership/applications/{key}")
            if not found:
                return []
            contact = found["contact"]
            return [Address(recipient, contact["email"], _language(contact))]
        if what == "member":
            found = await self._get("membership", f"/api/v1/membership/members/{key}")
            contact = (found or {}).get("contact") or {}
            if not contact.get("email"):
                return []
            return [Address(recipient, contact["email"], _language(contact))]
        if what == "supplier":
            address = await self._supplier_contact(recipient, key)
            return [address] if address else []
        if what == "suppliers-of":
            return await self._suppliers_of(key.split(",") if key else [])
        raise ValueError(f"unknown recipient {recipient!r}")

    async def _supplier_contact(self, recipient: str, supplier_id: str) -> Address | None:
        """A supplier's contact is kept apart from its public row (supply's ``/contact``)."""
        found = await self._get("supply", f"/api/v1/supply/suppliers/{supplier_id}/contact")
        email = (found or {}).get("email")
        return Address(recipient, email, _language(found)) if isinstance(email, str) else None

    async def _suppliers_of(self, categories: list[str]) -> list[Address]:
        found: dict[str, Address] = {}
        for category in categories:
            cursor: str | None = None
            while True:
                params = {"category": category, "status": "verified", "limit": "200"}
                if cursor:
                    params["cursor"] = cursor
                page = await self._get("supply", "/api/v1/supply/suppliers", **params) or {}
                for supplier in page.get("items", []):
                    recipient = f"supplier:{supplier['id']}"
                    address = await self._supplier_contact(recipient, supplier["id"])
                    if address:
                        found[recipient] = address
                cursor = page.get("next_cursor")
                if not cursor:
                    break
        return [found[recipient] for recipient in sorted(found)]
