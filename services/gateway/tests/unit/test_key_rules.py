"""What a key is: random, prefixed, stored only as its hash; member and supplier keys name
their organisation."""

from __future__ import annotations

import hashlib

from gateway.keys.rules import KEY_PREFIX, hash_key, missing_organisation, new_key


def test_a_key_is_random_prefixed_and_stored_as_its_sha256() -> None:
    key = new_key()
    assert key.startswith(KEY_PREFIX)
    assert len(key) > 40
    assert new_key() != key
    assert hash_key(key) == hashlib.sha256(key.encode()).digest()


def test_member_and_supplier_keys_must_name_their_organisation() -> None:
    assert missing_organisation("member", None)
    assert missing_organisation("supplier", "")
    assert not missing_organisation("member", "m-1")
    assert not missing_organisation("admin", None)
    assert not missing_organisation("procurement", None)
