"""The front page's reporting deadlines (the due-date rule as production computes it) and
the exports each card links to."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from gateway.dashboard import exports, reporting


@pytest.mark.parametrize(
    ("year", "today", "due_day", "expected"),
    [
        (2026, date(2026, 12, 1), 10, ("2026-11", date(2026, 12, 10))),
        (2026, date(2026, 12, 10), 10, ("2026-11", date(2026, 12, 10))),  # due today: not late
        (2026, date(2026, 12, 11), 10, ("2026-12", date(2027, 1, 10))),
        (2027, date(2026, 12, 11), 10, ("2027-01", date(2027, 2, 10))),
        (2025, date(2026, 12, 1), 10, None),  # every month of the year is past due
        (2024, date(2024, 2, 1), 31, ("2024-01", date(2024, 2, 29))),  # a short month's last
    ],
)
def test_the_next_deadline_is_the_first_month_not_due_yet(
    year: int, today: date, due_day: int, expected: tuple[str, date] | None
) -> None:
    found = reporting.next_deadline(year, today, due_day)
    assert (found and (found["period"], found["due_date"])) == expected


def test_the_card_shows_the_cluster_figures_and_the_due_day_the_service_answers() -> None:
    kpi = {
        "year": 2026,
        "due_day": 5,
        "cluster": {"due": 20, "on_time": 15, "late": 3, "missing": 2, "share": "0.7500"},
        "organisations": [],
    }
    card = reporting.card(kpi, 2026, date(2026, 12, 1))
    assert card is not None
    assert (card["due"], card["on_time"], card["late"], card["missing"]) == (20, 15, 3, 2)
    assert card["due_day"] == 5
    assert card["next"] == {"period": "2026-11", "due_date": date(2026, 12, 5)}
    assert reporting.card(None, 2026, date(2026, 12, 1)) is None  # production away


def test_each_card_links_its_export_in_both_formats_for_the_pages_year() -> None:
    links = exports.front_page(2025)
    assert set(links) == {"deep", "fulfilment", "growth", "members", "local"}
    for card, formats in links.items():
        assert [link["format"] for link in formats] == ["csv", "xlsx"], card
        for link in formats:
            parts = urlsplit(link["href"])
            query = parse_qs(parts.query)
            assert query["format"] == [link["format"]]
            assert parts.path.startswith("/api/v1/"), card
            if card != "members":
                assert query["year"] == ["2025"], card
    fulfilment = parse_qs(urlsplit(links["fulfilment"][0]["href"]).query)
    assert fulfilment["metric"] == ["cathode_output"]


def test_a_lists_export_keeps_its_filters_and_leaves_out_the_empty_ones() -> None:
    csv, xlsx = exports.links(exports.ITEMS, {"q": "cable & wire", "category": None, "hs": ""})
    assert csv["href"] == "/api/v1/supply/items?q=cable+%26+wire&format=csv"
    assert xlsx["label"] == "XLSX"
