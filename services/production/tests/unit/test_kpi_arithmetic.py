"""KPI arithmetic: buckets, ratios to four places, fulfilment, growth and the
deep-processing share, in Decimal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest

from production.domain import AMMC_ID
from production.kpis.rules import (
    Month,
    Rollup,
    bucket,
    deep_processing,
    fulfilment,
    growth,
    months,
    ratio,
    sums,
    year_before,
)

AMMC = UUID(AMMC_ID)


def figure(period: date, quantity: str, **extra: Any) -> dict[str, Any]:
    return {
        "organisation_id": AMMC,
        "metric": "cathode_output",
        "product_category": "",
        "unit": "TNE",
        "period": period,
        "quantity": Decimal(quantity),
        **extra,
    }


@pytest.mark.parametrize(
    ("rollup", "name"),
    [(Rollup.MONTH, "2025-08"), (Rollup.QUARTER, "2025-Q3"), (Rollup.YEAR, "2025")],
)
def test_a_period_falls_in_a_bucket_of_each_rollup(rollup: Rollup, name: str) -> None:
    assert bucket(date(2025, 8, 1), rollup) == name
    assert year_before(name) == name.replace("2025", "2024")


def test_ratios_are_quantized_to_four_places_and_undefined_without_a_denominator() -> None:
    assert ratio(Decimal(10760), Decimal(10000)) == Decimal("1.0760")
    assert ratio(Decimal(9000), Decimal(32760)) == Decimal("0.2747")
    assert ratio(Decimal(1), Decimal(0)) is None
    assert ratio(None, Decimal(1)) is None
    assert ratio(Decimal(1), None) is None
    assert Month(Decimal(5000), Decimal(10760)).share == Decimal("0.4647")
    assert Month(Decimal(5000), Decimal(0)).share is None


def test_fulfilment_is_actual_over_plan_per_bucket() -> None:
    actual = sums(
        [figure(date(2025, m, 1), q) for m, q in ((1, "10760"), (2, "10000"), (3, "12000"))],
        Rollup.QUARTER,
        by_organisation=True,
    )
    planned = [figure(date(2025, m, 1), "10000") for m in range(1, 7)]
    rows = fulfilment(actual, sums(planned, Rollup.QUARTER, by_organisation=True))
    columns = ("period", "actual", "plan", "fulfilment", "variance")
    assert [tuple(r[c] for c in columns) for r in rows] == [
        ("2025-Q1", Decimal(32760), Decimal(30000), Decimal("1.0920"), Decimal(2760)),
        ("2025-Q2", None, Decimal(30000), None, None),
    ]
    assert rows[0]["organisation_id"] == AMMC


def test_growth_compares_each_bucket_with_the_same_one_a_year_earlier() -> None:
    actual = sums(
        [
            figure(date(2024, 1, 1), "8000"),
            figure(date(2025, 1, 1), "10760"),
            figure(date(2025, 3, 1), "12000"),
        ],
        Rollup.MONTH,
        by_organisation=False,
    )
    rows = {r["period"]: r for r in growth(actual, 2025)}
    assert set(rows) == {"2025-01", "2025-03"}
    assert (rows["2025-01"]["growth"], rows["2025-01"]["change"]) == (
        Decimal("1.3450"),
        Decimal(2760),
    )
    assert rows["2025-01"]["previous_period"] == "2024-01"
    assert (rows["2025-03"]["previous"], rows["2025-03"]["growth"]) == (None, None)
    assert rows["2025-01"]["organisation_id"] is None  # the cluster's, not one organisation's


def test_months_default_to_nothing_reported() -> None:
    january, february = date(2025, 1, 1), date(2025, 2, 1)
    rows = [
        {"period": january, "metric": "copper_processed", "quantity": Decimal(5000)},
        {"period": january, "metric": "cathode_output", "quantity": Decimal(10760)},
    ]
    assert months(rows, [january, february]) == {
        january: Month(Decimal(5000), Decimal(10760)),
        february: Month(Decimal(0), Decimal(0)),
    }


def test_the_deep_processing_share_with_its_breakdowns() -> None:
    january, february = date(2025, 1, 1), date(2025, 2, 1)
    cable, silent = uuid4(), uuid4()

    def grouped(**values: Any) -> dict[str, Any]:
        return {
            "metric": "copper_processed",
            "period": None,
            "product_category": None,
            "organisation_id": None,
            "legal_name": None,
            **values,
        }

    rows = [
        grouped(metric="cathode_output", period=january, quantity=Decimal(10000)),
        grouped(metric="cathode_output", period=february, quantity=Decimal(10000)),
        grouped(metric="cathode_output", product_category="", quantity=Decimal(20000)),
        grouped(metric="cathode_output", organisation_id=AMMC, quantity=Decimal(20000)),
        grouped(period=january, quantity=Decimal(4000)),
        grouped(product_category="cable_wire", quantity=Decimal(3000)),
        grouped(product_category="", quantity=Decimal(1000)),
        grouped(organisation_id=cable, legal_name="Cable LLC", quantity=Decimal(4000)),
    ]
    active = [{"id": cable, "legal_name": "Cable LLC"}, {"id": silent, "legal_name": "Silent"}]
    answer = deep_processing(rows, active, [january, february], detail=True)
    assert (answer["copper_processed_t"], answer["cathode_output_t"], answer["share"]) == (
        Decimal(4000),
        Decimal(20000),
        Decimal("0.2000"),
    )
    assert answer["gap_to_target"] == Decimal("0.6000")
    assert [m["share"] for m in answer["by_month"]] == [Decimal("0.4000"), Decimal("0.0000")]
    assert [(c["product_category"], c["share"]) for c in answer["by_category"]] == [
        ("cable_wire", Decimal("0.1500")),
        ("unspecified", Decimal("0.0500")),
    ]
    assert [m["legal_name"] for m in answer["not_reported"]] == ["Silent"]
    assert [m["organisation_id"] for m in answer["by_member"]] == [cable]
    assert "by_member" not in deep_processing(rows, active, [january], detail=False)
    assert deep_processing([], [], [january], detail=False)["share"] is None
