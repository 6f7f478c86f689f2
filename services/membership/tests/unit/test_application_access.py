"""Who may read an application and take its steps: admins, and the applicant's token."""

from __future__ import annotations

import pytest

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden, Unauthenticated
from membership.applications.access import (
    ensure_may_read,
    ensure_may_take,
    hash_token,
    new_access_token,
)
from membership.applications.rules import Actor

ADMIN = Caller(role="admin")
ANONYMOUS = Caller(role="anonymous")
MEMBER = Caller(role="member", organisation_id="m1")


def test_a_token_is_stored_only_as_its_hash() -> None:
    token, stored = new_access_token()
    assert len(token) >= 40
    assert stored == hash_token(token)
    assert token.encode() not in stored
    assert new_access_token()[0] != token


def test_admins_and_the_token_holder_read_and_nobody_else() -> None:
    token, stored = new_access_token()
    application = {"access_token_hash": stored}
    ensure_may_read(ADMIN, application, None)
    ensure_may_read(ANONYMOUS, application, token)
    with pytest.raises(Unauthenticated):
        ensure_may_read(MEMBER, application, None)
    with pytest.raises(Forbidden):
        ensure_may_read(ANONYMOUS, application, new_access_token()[0])


def test_the_token_does_not_review_and_an_admin_does_not_respond() -> None:
    token, stored = new_access_token()
    application = {"access_token_hash": stored}
    ensure_may_take(ADMIN, Actor.ADMIN, application, None)
    ensure_may_take(ANONYMOUS, Actor.APPLICANT, application, token)
    for caller in (ANONYMOUS, MEMBER):  # 403, not 401: no key makes it a review
        with pytest.raises(Forbidden):
            ensure_may_take(caller, Actor.ADMIN, application, token)
    with pytest.raises(Unauthenticated):
        ensure_may_take(ADMIN, Actor.APPLICANT, application, None)
