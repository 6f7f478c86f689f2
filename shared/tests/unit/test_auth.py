import base64
import hashlib
import hmac
import json

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


def test_an_unsigned_a_tampered_or_an_unknown_role_token_is_refused() -> None:
    tokens = InternalTokens(SECRET)
    header, claims, signature = tokens.mint(Caller(role="member"), audience="supply").split(".")
    none_header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    with pytest.raises(InvalidToken):
        tokens.verify(f"{none_header}.{claims}.", audience="supply")
    as_admin = json.loads(base64.urlsafe_b64decode(claims + "=="))
    as_admin["role"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(as_admin).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidToken, match="signature"):
        tokens.verify(f"{header}.{forged}.{signature}", audience="supply")
    superuser = InternalTokens(SECRET).mint(
        Caller(role="superuser"),  # type: ignore[arg-type]
        audience="supply",
    )
    with pytest.raises(InvalidToken, match="role"):
        tokens.verify(superuser, audience="supply")
    for garbage in ("", "a.b", "a.b.c.d", "x" * 50):
        with pytest.raises(InvalidToken):
            tokens.verify(garbage, audience="supply")


def test_tokens_are_standard_hs256_jwts() -> None:
    token = InternalTokens(SECRET).mint(
        Caller(role="admin", key_id="k1"), audience="supply", request_id="r1"
    )
    header, claims, signature = token.split(".")
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    expected = hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "==") == expected
    payload = json.loads(base64.urlsafe_b64decode(claims + "=="))
    assert (payload["aud"], payload["role"], payload["kid"], payload["rid"]) == (
        "supply",
        "admin",
        "k1",
        "r1",
    )
    assert payload["exp"] - payload["iat"] == 60
