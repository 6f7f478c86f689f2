"""The contact's language, which its notices are written in: said in the body, else the
best match of the submission's Accept-Language, else none (the notifier's default); the
member admitted keeps it, and may change it as the rest of its contact."""

from __future__ import annotations

import httpx
import pytest

from clusterkit.testing import AsRole

from ..conftest import MEMBERS, URL, submission

CONTACT = {"name": "Dilshod Karimov", "email": "info@kabel.uz", "phone": "+998 70 123 45 67"}


@pytest.mark.parametrize(
    ("said", "accept_language", "stored"),
    [
        ("uz", "ru-RU", "uz"),  # the body's word wins
        (None, "ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        (None, "de-DE, uz;q=0.5", "uz"),
        (None, None, None),
        (None, "de-DE", None),  # none of ours asked for: left to the default
    ],
)
async def test_the_application_contact_keeps_its_language(
    client: httpx.AsyncClient,
    as_role: AsRole,
    said: str | None,
    accept_language: str | None,
    stored: str | None,
) -> None:
    contact = {**CONTACT, **({"language": said} if said else {})}
    headers = {**as_role(), **({"Accept-Language": accept_language} if accept_language else {})}
    submitted = await client.post(URL, json=submission(contact=contact), headers=headers)
    assert submitted.status_code == 201, submitted.text
    assert submitted.json()["contact"]["language"] == stored
    read = await client.get(f"{URL}/{submitted.json()['id']}", headers=as_role("admin"))
    assert read.json()["contact"]["language"] == stored


async def test_the_member_keeps_the_language_and_may_change_it(
    client: httpx.AsyncClient, as_role: AsRole
) -> None:
    headers = {**as_role(), "Accept-Language": "ru"}
    submitted = await client.post(URL, json=submission(), headers=headers)
    one = f"{URL}/{submitted.json()['id']}"
    admin = as_role("admin")
    assert (await client.post(f"{one}/start-review", headers=admin)).status_code == 200
    approved = await client.post(f"{one}/approve", headers=admin)
    assert approved.status_code == 200, approved.text
    member = f"{MEMBERS}/{approved.json()['member_id']}"
    found = await client.get(member, headers=admin)
    assert found.json()["contact"]["language"] == "ru"
    etag = found.headers["etag"]
    changed = await client.patch(
        member,
        json={"contact": {**CONTACT, "language": "uz"}},
        headers={**admin, "If-Match": etag},
    )
    assert changed.status_code == 200, changed.text
    assert (await client.get(member, headers=admin)).json()["contact"]["language"] == "uz"
    german = submission(stir="305112299", contact={**CONTACT, "language": "de"})
    bad = await client.post(URL, json=german, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "contact.language"
