"""The state machines: who moves an order from which states, when a request is cancelled,
an offer withdrawn, a supplier verified, suspended or reinstated."""

from __future__ import annotations

import pytest

from clusterkit.auth import Caller
from clusterkit.errors import Conflict, Forbidden
from supply.offers.rules import ensure_withdrawable
from supply.orders import access as orders
from supply.orders.rules import OrderAction, OrderStatus, ensure_from
from supply.requests.access import canceller
from supply.requests.rules import RequestStatus, ensure_cancellable
from supply.states import ensure_in
from supply.suppliers.events import SUPPLIER_REINSTATED, SUPPLIER_SUSPENDED, SUPPLIER_VERIFIED
from supply.suppliers.rules import MOVES, SupplierAction, SupplierStatus, moved_event

ALLOWED = {
    OrderAction.CONFIRM: ({"supplier"}, {OrderStatus.PLACED}),
    OrderAction.SHIP: ({"supplier"}, {OrderStatus.CONFIRMED}),
    OrderAction.DELIVER: ({"member", "admin"}, {OrderStatus.SHIPPED}),
    OrderAction.CANCEL: (
        {"member", "supplier", "admin"},
        {OrderStatus.PLACED, OrderStatus.CONFIRMED},
    ),
}


@pytest.mark.parametrize("action", list(OrderAction))
@pytest.mark.parametrize("status", list(OrderStatus))
def test_an_order_moves_only_from_the_states_its_step_allows(
    action: OrderAction, status: OrderStatus
) -> None:
    if status in ALLOWED[action][1]:
        ensure_from(action, status)
        return
    with pytest.raises(Conflict) as refused:
        ensure_from(action, status)
    assert refused.value.code == "illegal-transition"
    assert refused.value.details["current_status"] == status
    assert set(refused.value.details["allowed_from"]) == ALLOWED[action][1]


@pytest.mark.parametrize("action", list(OrderAction))
@pytest.mark.parametrize("role", ["admin", "member", "supplier", "procurement"])
def test_each_step_of_an_order_is_taken_by_its_party(action: OrderAction, role: str) -> None:
    caller = Caller(role=role)  # type: ignore[arg-type]
    if role in ALLOWED[action][0]:
        orders.ensure_may(caller, action)
    else:
        with pytest.raises(Forbidden):
            orders.ensure_may(caller, action)


def test_only_an_open_request_is_cancelled_by_its_member_or_an_admin() -> None:
    ensure_cancellable("open")
    for status in ("closed", "cancelled"):
        with pytest.raises(Conflict) as refused:
            ensure_cancellable(status)
        assert refused.value.details == {"current_status": status, "allowed_from": ["open"]}
    assert canceller(Caller(role="member")) == "member"
    assert canceller(Caller(role="admin")) == "admin"
    with pytest.raises(Forbidden):
        canceller(Caller(role="supplier"))


def test_only_a_live_offer_is_withdrawn() -> None:
    ensure_withdrawable("live")
    for status in ("replaced", "withdrawn", "declined", "accepted"):
        with pytest.raises(Conflict):
            ensure_withdrawable(status)


def test_a_supplier_is_verified_from_pending_suspended_from_the_others_and_reinstated() -> None:
    pending, verified, suspended = SupplierStatus
    assert {
        SupplierAction.VERIFY: (verified, (pending, suspended)),
        SupplierAction.SUSPEND: (suspended, (pending, verified)),
        SupplierAction.REINSTATE: (verified, (suspended,)),
    } == MOVES


def test_a_supplier_s_step_is_published_as_what_happened() -> None:
    assert moved_event("pending", SupplierStatus.VERIFIED) == SUPPLIER_VERIFIED
    assert moved_event("suspended", SupplierStatus.VERIFIED) == SUPPLIER_REINSTATED
    assert moved_event("pending", SupplierStatus.SUSPENDED) == SUPPLIER_SUSPENDED
    assert moved_event("verified", SupplierStatus.SUSPENDED) == SUPPLIER_SUSPENDED


def test_what_only_one_state_does_is_refused_naming_the_state_the_thing_is_in() -> None:
    ensure_in("open", RequestStatus.OPEN, "x", code="request-not-open")
    with pytest.raises(Conflict) as refused:
        ensure_in("closed", RequestStatus.OPEN, "The request is {status}.", code="request-not-open")
    assert refused.value.code == "request-not-open"
    assert refused.value.details == {"current_status": "closed"}
    assert refused.value.detail == "The request is closed."
    with pytest.raises(Forbidden) as forbidden:
        ensure_in(
            "pending",
            SupplierStatus.VERIFIED,
            "The supplier is {status}.",
            code="supplier-not-verified",
            refusal=Forbidden,
            named_as="status_of_supplier",
        )
    assert forbidden.value.details == {"status_of_supplier": "pending"}
