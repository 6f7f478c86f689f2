"""An offer's lines: every request line quoted once, in the request's units, amounts to the
cent and the total their sum; an order's lines from the request and the offer; what an
acceptance needs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from clusterkit.errors import Conflict, InvalidFields
from supply.offers.rules import ensure_acceptable, ensure_supplier_delivers, quoted_lines
from supply.offers.schemas import OfferLineIn
from supply.orders.rules import placed_lines

ASKED = [
    {
        "line_no": 1,
        "catalogue_item_id": "5a0c1f7e-2b3d-4e5f-8a9b-0c1d2e3f4a51",
        "hs_code": "282510",
        "description": "Quicklime",
        "category": "reagent",
        "quantity": "400",
        "unit": "TNE",
    },
    {
        "line_no": 2,
        "catalogue_item_id": None,
        "hs_code": "2807",
        "description": "Sulfuric acid",
        "category": "reagent",
        "quantity": "1.5",
        "unit": "LTR",
    },
]
DAY = date(2026, 3, 20)


def line(line_no: int, price: str, quantity: str, unit: str = "TNE") -> OfferLineIn:
    return OfferLineIn.model_validate(
        {
            "line_no": line_no,
            "unit_price": price,
            "quantity": quantity,
            "unit": unit,
            "delivery_date": DAY,
        }
    )


def fields(error: InvalidFields) -> list[tuple[str, str]]:
    return [(e["field"], e["message"]) for e in error.errors]


def test_each_line_s_amount_is_to_the_cent_and_the_total_their_sum() -> None:
    lines, total = quoted_lines(ASKED, [line(2, "10.01", "1.5", "LTR"), line(1, "0.03", "0.5")])
    assert [(q["line_no"], q["amount"]) for q in lines] == [(2, "15.02"), (1, "0.02")]
    assert total == Decimal("15.04")  # 15.015 -> 15.02 and 0.015 -> 0.02, then added
    assert lines[0] == {
        "line_no": 2,
        "quantity": "1.5",
        "unit": "LTR",
        "unit_price": "10.01",
        "amount": "15.02",
        "delivery_date": "2026-03-20",
    }


def test_every_line_is_quoted_once_in_the_request_s_unit() -> None:
    with pytest.raises(InvalidFields) as refused:
        quoted_lines(
            ASKED,
            [line(1, "1", "1"), line(1, "1", "1", "KGM"), line(3, "1", "1")],
        )
    assert fields(refused.value) == [
        ("lines.1.line_no", "quoted twice"),
        ("lines.1.unit", "the request asks in TNE"),
        ("lines.2.line_no", "no such line in the request"),
        ("lines", "line 2 is not quoted"),
    ]


def test_an_order_line_is_the_request_s_description_at_the_offer_s_terms() -> None:
    offered, _ = quoted_lines(ASKED, [line(1, "1450000", "400"), line(2, "3", "1.5", "LTR")])
    placed = placed_lines(ASKED, offered)
    assert placed[0] == {
        "catalogue_item_id": ASKED[0]["catalogue_item_id"],
        "hs_code": "282510",
        "description": "Quicklime",
        "category": "reagent",
        "line_no": 1,
        "quantity": Decimal("400"),
        "unit": "TNE",
        "unit_price": Decimal("1450000"),
        "amount": Decimal("580000000.00"),
        "delivery_date": DAY,
    }
    assert placed[1]["amount"] == Decimal("4.50")


NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def acceptance(**changes: Any) -> dict[str, Any]:
    return {
        "request_status": "open",
        "offer_status": "live",
        "valid_until": NOW + timedelta(days=1),
        "now": NOW,
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "code", "details"),
    [
        ({"request_status": "closed"}, "request-not-open", {"current_status": "closed"}),
        ({"offer_status": "replaced"}, "offer-not-live", {"current_status": "replaced"}),
        (
            {"valid_until": NOW - timedelta(seconds=1)},
            "offer-expired",
            {"valid_until": (NOW - timedelta(seconds=1)).isoformat()},
        ),
    ],
)
def test_only_a_live_unexpired_offer_on_an_open_request_is_accepted(
    changes: dict[str, Any], code: str, details: dict[str, Any]
) -> None:
    ensure_acceptable(**acceptance())
    ensure_acceptable(**acceptance(valid_until=NOW))  # valid until this very moment
    with pytest.raises(Conflict) as refused:
        ensure_acceptable(**acceptance(**changes))
    assert (refused.value.code, refused.value.details) == (code, details)


def test_a_suspended_supplier_s_offer_waits() -> None:
    ensure_supplier_delivers("verified")
    with pytest.raises(Conflict) as refused:
        ensure_supplier_delivers("suspended")
    assert refused.value.details == {"status_of_supplier": "suspended"}
