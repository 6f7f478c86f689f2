import time

import jwt
import pytest

from clusterkit.auth import Caller, InternalTokens, InvalidToken

SECRET = "unit-test-secret-unit-test-secret"


def test_a_minted_token_verifies_to_the_same_caller() -> None:
    tokens = InternalTokens(SECRET)
    caller = Caller(role="member", organisation_id="org-1", key_id="key-1")
    token = tokens.mint(caller, audience="production", request_id="r1")
    assert tokens.verify(token, audience="production") == caller


def test_a_token_for_another_service_is_refused() -> None:
    tokens = InternalTokens(SECRET)
    token = tokens.mint(Caller(role="admin"), audience="membership")
    with pytest.raises(InvalidToken):
        tokens.verify(token, audience="supply")


def test_an_expired_token_is_refused() -> None:
    tokens = InternalTokens(SECRET, ttl_seconds=-60, leeway_seconds=0)
    token = tokens.mint(Caller(role="admin"), audience="supply")
    with pytest.raises(InvalidToken, match="expired"):
        tokens.verify(token, audience="supply")


def test_a_token_signed_with_another_secret_is_refused() -> None:
    forged = InternalTokens("another-secret-another-secret-xx").mint(
        Caller(role="admin"), audience="supply"
    )
    with pytest.raises(InvalidToken):
        InternalTokens(SECRET).verify(forged, audience="supply")


def test_an_unsigned_or_unknown_role_token_is_refused() -> None:
    now = int(time.time())
    claims = {"iss": "coppercluster-gateway", "aud": "supply", "iat": now, "exp": now + 60}
    unsigned = jwt.encode({**claims, "role": "admin"}, key=None, algorithm="none")
    with pytest.raises(InvalidToken):
        InternalTokens(SECRET).verify(unsigned, audience="supply")
    superuser = jwt.encode({**claims, "role": "superuser"}, SECRET, algorithm="HS256")
    with pytest.raises(InvalidToken, match="role"):
        InternalTokens(SECRET).verify(superuser, audience="supply")
