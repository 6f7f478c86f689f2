"""Who reads which events, and how type prefixes and parties are read."""

from __future__ import annotations

import pytest

from clusterkit.auth import Caller
from gateway.feed.rules import (
    full_type,
    parties,
    readable_by,
    subscribed_types,
    topic_of,
    type_prefixes,
)


@pytest.mark.parametrize(
    ("caller", "filters"),
    [
        (Caller(role="admin"), {}),
        (Caller(role="procurement", key_id="k"), {"type_prefix": "uz.coppercluster.supply."}),
        (Caller(role="member", organisation_id="m-1"), {"party": "m-1"}),
        (Caller(role="supplier", organisation_id="s-1"), {"party": "s-1"}),
        (Caller(role="member"), {"nothing": True}),  # a member of no organisation: nothing
        (Caller(role="anonymous"), {"nothing": True}),
    ],
)
def test_the_feed_shows_each_role_its_own_events(
    caller: Caller, filters: dict[str, object]
) -> None:
    assert readable_by(caller) == filters


def test_short_and_full_type_prefixes_name_the_same_types() -> None:
    assert full_type("supply.order") == "uz.coppercluster.supply.order"
    assert full_type("uz.coppercluster.supply.order") == "uz.coppercluster.supply.order"
    assert type_prefixes("supply.order,,production") == [
        "uz.coppercluster.supply.order",
        "uz.coppercluster.production",
    ]
    assert type_prefixes("") is None
    assert type_prefixes(None) is None
    assert subscribed_types(["supply.order", "uz.coppercluster.supply.order", "membership"]) == [
        "uz.coppercluster.membership",
        "uz.coppercluster.supply.order",
    ]
    assert subscribed_types([]) == []


def test_the_parties_are_the_organisations_a_payload_names() -> None:
    data = {
        "order_id": "o",
        "member": {"id": "m-1", "legal_name": "M"},
        "supplier": {"id": "s-1"},
        "organisation_id": "m-1",
        "supplier_id": 7,  # not an id of ours
    }
    assert parties(data) == ["m-1", "s-1"]
    assert parties({"member_id": "m-2", "supplier": "s-2"}) == ["m-2"]
    assert parties({}) == []


def test_an_events_topic_is_its_sources() -> None:
    assert topic_of("/coppercluster/supply") == "supply.events"
    assert topic_of("/coppercluster/gateway") == "gateway.events"
