"""The event contracts in contracts/<service>/ are the ones the code publishes."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterkit.contracts import EventCatalogue, EventContract
from membership.events import catalogue as membership
from production.events import catalogue as production
from supply.events import catalogue as supply

ROOT = Path(__file__).parents[1]
CATALOGUES = {"membership": membership, "production": production, "supply": supply}
ISSUED = {
    "membership": {
        f"uz.coppercluster.membership.{name}.v1"
        for name in (
            "application.submitted",
            "application.review_started",
            "application.info_requested",
            "application.responded",
            "application.approved",
            "application.rejected",
            "application.withdrawn",
            "member.admitted",
            "member.updated",
            "member.suspended",
            "member.reinstated",
            "member.expelled",
            "member.quota_changed",
        )
    },
    "production": {
        f"uz.coppercluster.production.{name}.v1"
        for name in (
            "report.submitted",
            "report.revised",
            "plan.set",
            "period.locked",
            "deep_processing.updated",
        )
    },
    "supply": {
        f"uz.coppercluster.supply.{name}.v1"
        for name in (
            "item.listed",
            "item.updated",
            "item.price_changed",
            "item.delisted",
            "request.opened",
            "request.closed",
            "request.cancelled",
            "offer.submitted",
            "offer.replaced",
            "offer.withdrawn",
            "offer.declined",
            "order.placed",
            "order.confirmed",
            "order.shipped",
            "order.delivered",
            "order.cancelled",
        )
    },
}


@pytest.mark.parametrize("service", CATALOGUES)
def test_the_committed_schemas_and_asyncapi_match_the_event_models(
    service: str, tmp_path: Path
) -> None:
    catalogue = CATALOGUES[service]
    folder = ROOT / "contracts" / service
    regenerate = f"python -m clusterkit.contracts {service}.events:catalogue contracts/{service}"
    written = catalogue.write(tmp_path)
    for path in written:
        committed = folder / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is missing; run {regenerate}"
        assert committed.read_text() == path.read_text(), f"stale {committed}; run {regenerate}"
    names = {p.name for p in (folder / "schemas").iterdir()}
    assert names == {p.name for p in written if p.parent.name == "schemas"}


@pytest.mark.parametrize("service", CATALOGUES)
def test_every_event_type_the_issues_name_has_a_contract(service: str) -> None:
    assert set(CATALOGUES[service].contracts) == ISSUED[service]


CONTRACTS = [(c, contract) for c in CATALOGUES.values() for contract in c.contracts.values()]


@pytest.mark.parametrize(("catalogue", "contract"), CONTRACTS, ids=[c.type for _, c in CONTRACTS])
def test_each_example_is_valid_and_an_empty_payload_is_not(
    catalogue: EventCatalogue, contract: EventContract
) -> None:
    catalogue.validate(contract.type, contract.example.model_dump(mode="json"))
    with pytest.raises(Exception, match="required"):
        catalogue.validate(contract.type, {})
