"""Who sees what: admins and procurement everything; a member key its member's requests,
offers and orders; a supplier key its supplier's; a key bound to nothing, nothing."""

from __future__ import annotations

import uuid

import pytest

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden, InvalidFields
from supply.offers import access as offers
from supply.parties import Viewer, organisation, viewer
from supply.requests import access as requests
from supply.suppliers import access as suppliers
from supply.suppliers.rules import SupplierStatus

MEMBER, SUPPLIER = uuid.uuid4(), uuid.uuid4()


def key(role: str, organisation_id: object = None) -> Caller:
    org = str(organisation_id) if organisation_id else None
    return Caller(role=role, organisation_id=org)  # type: ignore[arg-type]


def test_a_key_s_organisation_is_an_id_or_nothing() -> None:
    assert organisation(key("member", MEMBER)) == MEMBER
    assert organisation(key("member", "not-an-id")) is None
    assert organisation(key("member")) is None


@pytest.mark.parametrize(
    ("caller", "seen_by"),
    [
        (key("admin"), Viewer(everything=True)),
        (key("procurement"), Viewer(everything=True)),
        (key("member", MEMBER), Viewer(member_id=MEMBER)),
        (key("supplier", SUPPLIER), Viewer(supplier_id=SUPPLIER)),
        (key("member"), Viewer()),
        (key("supplier", "not-an-id"), Viewer()),
        (key("anonymous"), Viewer()),
    ],
)
def test_who_is_looking(caller: Caller, seen_by: Viewer) -> None:
    assert viewer(caller) == seen_by


def test_a_request_is_filtered_to_the_member_s_own_or_the_supplier_s_share() -> None:
    assert requests.visibility(key("admin")) == {
        "viewer_member": None,
        "viewer_supplier": None,
        "nobody": None,
    }
    assert requests.visibility(key("member", MEMBER))["viewer_member"] == MEMBER
    assert requests.visibility(key("supplier", SUPPLIER))["viewer_supplier"] == SUPPLIER
    assert requests.visibility(key("member"))["nobody"] is True


def test_an_offer_is_seen_by_its_supplier_and_the_requesting_member() -> None:
    on = {"supplier_id": SUPPLIER, "member_id": MEMBER}
    assert offers.may_read(key("supplier", SUPPLIER), **on)
    assert offers.may_read(key("member", MEMBER), **on)
    assert offers.may_read(key("procurement"), **on)
    assert not offers.may_read(key("supplier", uuid.uuid4()), **on)
    assert not offers.may_read(key("member", uuid.uuid4()), **on)
    assert not offers.may_read(key("supplier"), **on)
    with pytest.raises(Forbidden):
        offers.ensure_reads(key("member", SUPPLIER), **on)
    # Within a request a supplier sees its own offers, the others all of them.
    assert offers.visibility(key("supplier", SUPPLIER)) == {"viewer_supplier": SUPPLIER}
    assert offers.visibility(key("member", MEMBER)) == {}


def test_a_supplier_is_seen_verified_by_all_and_in_any_status_by_admins_and_itself() -> None:
    assert suppliers.may_see(key("anonymous"), SUPPLIER, SupplierStatus.VERIFIED)
    assert not suppliers.may_see(key("member", MEMBER), SUPPLIER, SupplierStatus.PENDING)
    assert suppliers.may_see(key("admin"), SUPPLIER, SupplierStatus.SUSPENDED)
    assert suppliers.may_see(key("supplier", SUPPLIER), SUPPLIER, SupplierStatus.PENDING)
    assert suppliers.listed_status(key("member"), SupplierStatus.PENDING) == "verified"
    assert suppliers.listed_status(key("admin"), None) is None


def test_a_supplier_key_trades_for_its_own_supplier_and_an_admin_for_the_one_it_names() -> None:
    assert suppliers.acting_for(key("supplier", SUPPLIER)) == SUPPLIER
    assert suppliers.acting_for(key("supplier", SUPPLIER), SUPPLIER) == SUPPLIER
    assert suppliers.acting_for(key("admin"), SUPPLIER) == SUPPLIER
    with pytest.raises(Forbidden):
        suppliers.acting_for(key("supplier", SUPPLIER), uuid.uuid4())
    with pytest.raises(InvalidFields):
        suppliers.acting_for(key("admin"))
    with pytest.raises(Forbidden):
        suppliers.acting_for(key("member", MEMBER), SUPPLIER)
    suppliers.ensure_trades("verified")
    with pytest.raises(Forbidden) as refused:
        suppliers.ensure_trades("pending")
    assert refused.value.code == "supplier-not-verified"
