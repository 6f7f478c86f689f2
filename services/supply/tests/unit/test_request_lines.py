"""A request's lines as stored: numbered, a catalogue line described by its item and in its
unit, any other line with its own HS code, description and category."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from clusterkit.errors import InvalidFields
from supply.requests.rules import categories, ensure_needed_by, stored_lines
from supply.requests.schemas import RequestLineIn

LIME = uuid.uuid4()
CATALOGUE = {
    LIME: {
        "id": LIME,
        "name": "Quicklime",
        "hs_code": "282510",
        "unit": "TNE",
        "category": "reagent",
    }
}


def line(**fields: Any) -> RequestLineIn:
    return RequestLineIn.model_validate({"quantity": "5", "unit": "TNE", **fields})


def test_a_catalogue_line_is_described_by_its_item() -> None:
    [stored] = stored_lines([line(catalogue_item_id=LIME)], CATALOGUE)
    assert stored == {
        "line_no": 1,
        "catalogue_item_id": str(LIME),
        "quantity": "5",
        "unit": "TNE",
        "hs_code": "282510",
        "description": "Quicklime",
        "category": "reagent",
    }
    [own_words] = stored_lines([line(catalogue_item_id=LIME, description="Lime")], CATALOGUE)
    assert own_words["description"] == "Lime"


def test_a_line_without_an_item_brings_its_hs_code_description_and_category() -> None:
    lines = stored_lines(
        [
            line(hs_code="2807.00", description="Acid", category="reagent"),
            line(hs_code="8413", description="Pump", category="equipment", unit="H87"),
        ],
        {},
    )
    assert [(s["line_no"], s["hs_code"], s["category"]) for s in lines] == [
        (1, "280700", "reagent"),
        (2, "8413", "equipment"),
    ]
    assert categories(lines) == ["equipment", "reagent"]


def test_unknown_items_other_units_and_missing_descriptions_are_refused() -> None:
    with pytest.raises(InvalidFields) as refused:
        stored_lines(
            [
                line(catalogue_item_id=uuid.uuid4()),
                line(catalogue_item_id=LIME, unit="KGM"),
                line(hs_code="2807"),
            ],
            CATALOGUE,
        )
    assert [(e["field"], e["message"]) for e in refused.value.errors] == [
        ("lines.0.catalogue_item_id", "no listed catalogue item with this id"),
        ("lines.1.unit", "this item is sold in TNE"),
        ("lines.2.description", "needed when no catalogue_item_id"),
        ("lines.2.category", "needed when no catalogue_item_id"),
    ]


def test_a_request_is_not_needed_in_the_past() -> None:
    ensure_needed_by(date(2026, 3, 2), date(2026, 3, 2))
    with pytest.raises(InvalidFields):
        ensure_needed_by(date(2026, 3, 1), date(2026, 3, 2))
