"""The dashboard's pieces that need no server: numbers as the pages write them, the charts'
SVG, the form's mapping to the API and back, and the public view of an event."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from gateway.dashboard import charts, live
from gateway.dashboard.routes import application_body, field_errors


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

    async def after(database: Any, position: int) -> list[dict[str, Any]]:
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
