"""The event contracts in contracts/membership/ are the ones the code publishes."""

from __future__ import annotations

from pathlib import Path

import pytest

from membership.events import catalogue

CONTRACTS = Path(__file__).parents[4] / "contracts" / "membership"
REGENERATE = "python -m clusterkit.contracts membership.events:catalogue contracts/membership"


def test_the_committed_schemas_and_asyncapi_match_the_event_models(tmp_path: Path) -> None:
    written = catalogue.write(tmp_path)
    for path in written:
        committed = CONTRACTS / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is missing; run {REGENERATE}"
        assert committed.read_text() == path.read_text(), f"stale {committed}; run {REGENERATE}"
    names = {p.name for p in (CONTRACTS / "schemas").iterdir()}
    assert names == {p.name for p in written if p.parent.name == "schemas"}


def test_every_issue_named_event_type_has_a_contract() -> None:
    prefix = "uz.coppercluster.membership"
    expected = {
        f"{prefix}.application.{a}.v1"
        for a in (
            "submitted",
            "review_started",
            "info_requested",
            "responded",
            "approved",
            "rejected",
            "withdrawn",
        )
    } | {
        f"{prefix}.member.{m}.v1"
        for m in ("admitted", "updated", "suspended", "reinstated", "expelled", "quota_changed")
    }
    assert set(catalogue.contracts) == expected


@pytest.mark.parametrize("contract", catalogue.contracts.values(), ids=lambda c: c.name)
def test_each_example_is_valid_against_its_schema(contract: object) -> None:
    example = contract.example.model_dump(mode="json")  # type: ignore[attr-defined]
    catalogue.validate(contract.type, example)  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="required"):
        catalogue.validate(contract.type, {})  # type: ignore[attr-defined]
