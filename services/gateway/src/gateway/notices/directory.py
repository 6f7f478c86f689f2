"""Where a notice goes: the address of an applicant, a member or a supplier, asked of the
service that keeps it (as an admin, over the internal token), at the time it is sent."""

from __future__ import annotations

from typing import Any

import aiohttp

from clusterkit.auth import TOKEN_HEADER, Caller, InternalTokens

TIMEOUT = aiohttp.ClientTimeout(total=10, connect=3)
ADMIN = Caller(role="admin", key_id="notifier")


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

    async def addresses(self, recipient: str) -> list[tuple[str, str]]:
        """``[(recipient, email)]`` the notice goes to: one, or none when the recipient has
        no address; several for the suppliers of some categories."""
        what, _, key = recipient.partition(":")
        if what == "email":
            return [(recipient, key)]
        if what == "applicant":
            found = await self._get("membership", f"/api/v1/membership/applications/{key}")
            return [(recipient, found["contact"]["email"])] if found else []
        if what == "member":
            found = await self._get("membership", f"/api/v1/membership/members/{key}")
            contact = (found or {}).get("contact") or {}
            return [(recipient, contact["email"])] if contact.get("email") else []
        if what == "supplier":
            email = await self._supplier_email(key)
            return [(recipient, email)] if email else []
        if what == "suppliers-of":
            return await self._suppliers_of(key.split(",") if key else [])
        raise ValueError(f"unknown recipient {recipient!r}")

    async def _supplier_email(self, supplier_id: str) -> str | None:
        """A supplier's contact is kept apart from its public row (supply's ``/contact``)."""
        found = await self._get("supply", f"/api/v1/supply/suppliers/{supplier_id}/contact")
        email = (found or {}).get("email")
        return email if isinstance(email, str) else None

    async def _suppliers_of(self, categories: list[str]) -> list[tuple[str, str]]:
        found: dict[str, str] = {}
        for category in categories:
            cursor: str | None = None
            while True:
                params = {"category": category, "status": "verified", "limit": "200"}
                if cursor:
                    params["cursor"] = cursor
                page = await self._get("supply", "/api/v1/supply/suppliers", **params) or {}
                for supplier in page.get("items", []):
                    email = await self._supplier_email(supplier["id"])
                    if email:
                        found[f"supplier:{supplier['id']}"] = email
                cursor = page.get("next_cursor")
                if not cursor:
                    break
        return sorted(found.items())
