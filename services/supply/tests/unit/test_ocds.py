"""The OCDS export's pure parts: numbers as JSON numbers, OCDS's merge of releases into a
compiled release, and a delivery told in words."""

from __future__ import annotations

import json
from decimal import Decimal

from supply.reporting.ocds import compiled, merged, number, received


def test_amounts_and_quantities_are_json_numbers_exact_to_the_cent() -> None:
    assert number(Decimal("400.000")) == 400
    assert isinstance(number(Decimal("400.000")), int)
    assert json.dumps(number(Decimal("1420000.00"))) == "1420000"
    assert json.dumps(number(Decimal("9999999999999.99"))) == "9999999999999.99"
    assert json.dumps(number(Decimal("0.125"))) == "0.125"
    assert number(Decimal("123456789012345678")) == 123456789012345678  # whole: exact


def test_releases_merge_field_by_field_and_identified_arrays_by_id() -> None:
    tender = {"ocid": "o", "tender": {"id": "r", "status": "active", "items": [{"id": "1"}]}}
    award = {
        "ocid": "o",
        "tender": {"status": "complete"},
        "parties": [{"id": "a", "roles": ["x"]}],
    }
    later = {"parties": [{"id": "a", "roles": ["y"]}, {"id": "b"}], "tag": ["award"]}
    out = merged(merged(tender, award), later)
    assert out["tender"] == {"id": "r", "status": "complete", "items": [{"id": "1"}]}
    assert out["parties"] == [{"id": "a", "roles": ["y"]}, {"id": "b"}]  # roles: the later
    assert merged([1, 2], [3]) == [3]  # arrays of plain values are replaced


def test_a_compiled_release_leaves_out_the_releases_own_id_date_and_tag() -> None:
    releases = [
        {"ocid": "o", "id": "o-tender", "date": "2026-01-01T10:00:00+00:00", "tag": ["tender"]},
        {
            "ocid": "o",
            "id": "o-award",
            "date": "2026-01-02T10:00:00+00:00",
            "tag": ["award"],
            "awards": [{"id": "a"}],
        },
    ]
    assert compiled(releases) == {
        "ocid": "o",
        "id": "o-2026-01-02T10:00:00+00:00",
        "date": "2026-01-02T10:00:00+00:00",
        "tag": ["compiled"],
        "awards": [{"id": "a"}],
    }


def test_a_delivery_is_told_line_by_line() -> None:
    lines = {
        1: {"unit": "TNE", "description": "Quicklime"},
        2: {"unit": "H87", "description": "Pump"},
    }
    delivered = [{"line_no": 1, "quantity": "150.000"}, {"line_no": 2, "quantity": "2"}]
    assert (
        received(delivered, lines)
        == "Received 150 TNE of line 1 (Quicklime); 2 H87 of line 2 (Pump)."
    )
