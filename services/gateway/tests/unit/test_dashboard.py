"""The dashboard's pieces that need no server: numbers as the pages write them, the charts'
SVG and the figures behind them, the form's mapping to the API and back, and the public
view of an event."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from gateway.dashboard import charts, data, live
from gateway.dashboard.forms import application_body, field_errors


def test_shares_and_amounts_are_written_as_people_read_them() -> None:
    assert charts.percent("0.1576") == "15.8%"
    assert charts.percent(Decimal("0.80"), 0) == "80%"
    assert charts.percent(None) == "—"
    assert charts.amount("148500.000") == "148,500"
    assert charts.amount("1420000", 2) == "1,420,000.00"


def test_the_line_chart_labels_every_point_and_escapes_text() -> None:
    svg = charts.line_chart(
        [("2025-01", Decimal("0.16")), ("2025-02", None), ("2025-03", Decimal("0.5"))],
        label="<share>",
        target=Decimal("0.8"),
    )
    assert svg.count('class="point-label"') == 2
    assert ">16.0%<" in svg
    assert ">50.0%<" in svg
    assert "target 80%" in svg
    assert "<share>" not in svg
    assert "&lt;share&gt;" in svg


def test_columns_and_bars_scale_to_the_largest_value() -> None:
    svg = charts.columns(
        ["2025-01", "2025-02"],
        [Decimal(100), Decimal(50)],
        [Decimal(80), None],
        label="output",
        unit="t",
    )
    assert svg.count('class="column"') == 2
    assert 'class="plan"' in svg
    bars = charts.bars([("a", Decimal(2), "2 t"), ("b", Decimal(1), "1 t")], label="x")
    assert bars.count('class="bar"') == 2
    gauge = charts.gauge(Decimal("0.25"), Decimal("0.8"), label="share")
    assert ">25.0%<" in gauge


def test_the_form_becomes_the_apis_submission() -> None:
    body = application_body(
        {
            "legal_name": " Mis LLC ",
            "stir": "123456789",
            "region": "UZ-TK",
            "sectors": ["pipes", ""],
            "requested_cathode_tpy": "",
            "contact.name": "A",
            "contact.email": "a@b.uz",
            "contact.phone": "+998 71 000 00 00",
            "proposal": "P",
        }
    )
    assert body["legal_name"] == "Mis LLC"
    assert body["sectors"] == ["pipes"]
    assert body["requested_cathode_tpy"] == "0"
    assert body["contact"] == {"name": "A", "email": "a@b.uz", "phone": "+998 71 000 00 00"}


def test_the_apis_field_errors_go_next_to_the_form_fields() -> None:
    problem = {
        "errors": [
            {
                "field": "stir",
                "message": "should match '^\\d{9}$'",
                "type": "string_pattern_mismatch",
            },
            {"field": "legal_name", "message": "too short", "type": "string_too_short"},
            {"field": "contact.email", "message": "not an email"},
            {"field": "sectors.0", "message": "unknown sector"},
            {"field": "planned_products", "message": "?"},
        ]
    }
    assert field_errors(problem) == {
        "stir": "The STIR is exactly 9 digits.",
        "legal_name": "too short",
        "contact.email": "not an email",
        "sectors": "unknown sector",
        "form": "?",
    }


def test_an_event_is_shown_without_its_subject_or_data() -> None:
    at = datetime(2025, 3, 1, tzinfo=UTC)
    shown = live.public(7, "uz.coppercluster.membership.application.submitted.v1", at)
    assert shown == {
        "position": 7,
        "type": "membership.application.submitted",
        "label": "A company applied for membership",
        "time": "2025-03-01T05:00:00+05:00",
    }
    assert live.short_type("uz.coppercluster.supply.order.placed.v1") == "supply.order.placed"


async def test_the_stream_sends_retry_events_keepalives_and_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    batches = [[live.public(5, "uz.coppercluster.supply.order.placed.v1", datetime.now(UTC))]]

    async def after(
        database: Any, position: int, language: str | None = None
    ) -> list[dict[str, Any]]:
        assert position in (4, 5)
        return batches.pop() if batches else []

    async def connected() -> bool:
        return False

    monkeypatch.setattr(live, "after", after)
    frames = [
        frame
        async for frame in live.stream(
            None,  # type: ignore[arg-type]
            4,
            connected,
            poll=0.01,
            keepalive=0.02,
            lasting=0.2,
        )
    ]
    assert frames[0].startswith(b"retry: 3000\n")
    assert frames[1].startswith(b"id: 5\nevent: feed\ndata: {")
    assert b'"label":"A supply order was placed"' in frames[1]
    assert b": keep-alive\n\n" in frames[2:]


def test_a_chart_scales_to_the_next_round_number() -> None:
    assert charts._nice(Decimal(0)) == 1
    assert charts._nice(Decimal(7)) == 10
    assert charts._nice(Decimal(140)) == 200
    assert charts._nice(Decimal(230)) == 250
    assert charts._nice(Decimal(480)) == 500
    assert charts._nice(Decimal("0.3")) == Decimal("0.5")


def test_only_years_the_page_shows_are_chosen() -> None:
    assert data.chosen_year("2025") == 2025
    assert [data.chosen_year(raw) for raw in (None, "", "1999", "2101", "20x5")] == [None] * 5


def test_production_is_shown_for_every_month_of_the_year() -> None:
    monthly = [
        {"period": "2025-01", "actual": "100.5", "plan": "120", "fulfilment": "0.8375"},
        {"period": "2025-03", "actual": "90", "plan": None, "fulfilment": None},
    ]
    yearly = [{"actual": "190.5", "plan": "120", "fulfilment": "1.5875"}]
    shown = data.production_summary(2025, monthly, yearly, [{"growth": "0.05"}], [])
    assert [m["period"] for m in shown["months"]] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert shown["months"][0]["actual"] == Decimal("100.5")
    assert shown["months"][1] == {
        "period": "2025-02",
        "actual": None,
        "plan": None,
        "fulfilment": None,
    }
    assert (shown["actual"], shown["plan"]) == (Decimal("190.5"), Decimal(120))
    assert (shown["growth"], shown["output_growth"]) == (Decimal("0.05"), None)
    assert shown["chart"].count('class="column"') == 2


def test_deep_processing_categories_are_ranked_by_copper_processed() -> None:
    deep = {
        "share": "0.25",
        "target": None,
        "by_month": [{"period": "2025-01", "share": "0.25"}],
        "by_category": [
            {"product_category": "pipes", "copper_processed_t": "10", "share": "0.1"},
            {"product_category": "cable_wire", "copper_processed_t": "30", "share": "0.3"},
            {"product_category": "new_kind", "copper_processed_t": None, "share": None},
        ],
    }
    shown = data.deep_processing_charts(deep, 2025)
    assert [c["product_category"] for c in shown["deep_categories_rows"]] == [
        "cable_wire",
        "pipes",
        "new_kind",
    ]
    assert "target 80%" in shown["deep_gauge"]  # the target when production names none
    assert ">Cable and wire<" in shown["deep_categories"]
    assert ">new_kind<" in shown["deep_categories"]  # an unknown code is shown as it is
    assert ">30 t · 30.0%<" in shown["deep_categories"]
    assert shown["deep_months"].count('class="point-label"') == 1


def test_the_local_share_chart_names_its_year_and_categories() -> None:
    chart = data.localization_chart(
        {"year": 2024, "by_category": [{"category": "reagent", "local_share": "0.5"}]}
    )
    assert "2024" in chart
    assert ">Reagents<" in chart
    assert ">50.0%<" in chart


def test_members_are_counted_by_sector_and_region() -> None:
    members = [
        {"sectors": ["pipes", "fittings"], "region": "UZ-TK", "admitted_at": "2025-01-02", "n": 1},
        {"sectors": ["pipes"], "region": "UZ-SA", "admitted_at": "2025-03-04", "n": 2},
    ]
    summary = data.members_summary(members)
    assert summary["total"] == 2
    by_sector = {code: count for code, _, count in summary["by_sector"]}
    assert (by_sector["pipes"], by_sector["fittings"], by_sector["training"]) == (2, 1, 0)
    by_region = {code: count for code, _, count in summary["by_region"]}
    assert (by_region["UZ-TK"], by_region["UZ-SA"], by_region["UZ-AN"]) == (1, 1, 0)
    assert [m["n"] for m in summary["newest"]] == [2, 1]
