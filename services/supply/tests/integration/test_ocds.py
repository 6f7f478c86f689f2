"""The OCDS export through the API: a request for quotation is a contracting process with a
release per stage it reached (tender, award, contract, implementation), numbers as numbers,
parties with their roles; every release valid against the vendored OCDS 1.1.5 schemas
(offline); record packages with compiled releases; the year filter."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from ocds_schemas import package_errors, record_package_errors

from .market import API, Headers, Market, acid

EXPORT = f"{API}/export/ocds"


async def _export(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> Any:
    params = {"year": datetime.now(UTC).year, **params}
    answer = await client.get(EXPORT, params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def _step(
    client: httpx.AsyncClient, order_id: str, action: str, key: dict[str, str], body: Any = None
) -> None:
    moved = await client.post(f"{API}/orders/{order_id}/{action}", json=body, headers=key)
    assert moved.status_code == 200, (action, moved.text)


async def _market_of_three_processes(market: Market, client: httpx.AsyncClient) -> dict[str, Any]:
    """A delivered order (two quotes, two deliveries), an open request and a cancelled one."""
    winner_id, winner = await market.supplier("Navoiyazot JSC")
    loser_id, loser = await market.supplier("Kimyo Import LLC", local=False)
    member_id, member = await market.member("Olmaliq Kabel Zavodi LLC")
    lines = [acid("400"), acid("12.5")]
    request, offer = await market.quoted(winner, member, lines, ("1450000", "1450000.50"))
    beaten = await market.offer(loser, request["id"], ["1500000", "1500000"])
    assert beaten.status_code == 201, beaten.text
    order = await market.accept(member, offer)
    await _step(client, order["id"], "confirm", winner)
    await _step(client, order["id"], "ship", winner)
    for no, quantity in ((1, "150"), (1, "250"), (2, "12.5")):
        body = {"lines": [{"line_no": no, "quantity": quantity}]}
        await _step(client, order["id"], "deliver", member, body)
    waiting = await market.request(member, [acid("40")])
    dropped = await market.request(member, [acid("7")])
    cancelled = await client.post(
        f"{API}/requests/{dropped['id']}/cancel", json={"reason": "Budget cut"}, headers=member
    )
    assert cancelled.status_code == 200, cancelled.text
    return {
        "request": request,
        "offer": offer.json(),
        "order": order,
        "member_id": member_id,
        "winner_id": winner_id,
        "loser_id": loser_id,
        "waiting": waiting,
        "dropped": dropped,
    }


async def test_each_stage_of_a_request_is_a_release_valid_against_the_ocds_schemas(
    market: Market, client: httpx.AsyncClient
) -> None:
    deal = await _market_of_three_processes(market, client)
    package = await _export(client, market.admin)
    assert package_errors(package) == []
    assert package["version"] == "1.1"
    ocid = f"ocds-cucl01-{deal['request']['id']}"
    by_id = {release["id"]: release for release in package["releases"]}
    assert len(by_id) == len(package["releases"]) == 6  # 4 stages + 2 tenders
    assert [r["id"] for r in package["releases"] if r["ocid"] == ocid] == [
        f"{ocid}-{stage}" for stage in ("tender", "award", "contract", "implementation")
    ]
    assert package["publishedDate"] == max(r["date"] for r in package["releases"])

    tender = by_id[f"{ocid}-tender"]
    assert (tender["tag"], tender["initiationType"]) == (["tender"], "tender")
    assert tender["buyer"] == {"id": deal["member_id"], "name": "Olmaliq Kabel Zavodi LLC"}
    process = tender["tender"]
    assert (process["id"], process["status"]) == (deal["request"]["id"], "complete")
    assert process["procuringEntity"] == tender["buyer"]
    assert [(i["id"], i["quantity"], i["unit"]["id"]) for i in process["items"]] == [
        ("1", 400, "TNE"),
        ("2", 12.5, "TNE"),
    ]
    assert process["tenderPeriod"]["startDate"][:19] == deal["request"]["created_at"][:19]
    assert process["numberOfTenderers"] == 2
    roles = {party["name"]: party["roles"] for party in tender["parties"]}
    assert roles == {
        "Olmaliq Kabel Zavodi LLC": ["buyer", "procuringEntity"],
        "Navoiyazot JSC": ["tenderer"],
        "Kimyo Import LLC": ["tenderer"],
    }

    award = by_id[f"{ocid}-award"]
    [awarded] = award["awards"]
    value = {"amount": 400 * 1450000 + 18125006.25, "currency": "UZS"}
    assert (awarded["id"], awarded["status"], awarded["value"]) == (
        deal["offer"]["id"],
        "active",
        value,
    )
    assert awarded["suppliers"] == [{"id": deal["winner_id"], "name": "Navoiyazot JSC"}]
    assert awarded["items"][1]["unit"]["value"] == {"amount": 1450000.5, "currency": "UZS"}
    assert {p["name"]: p["roles"] for p in award["parties"]}["Navoiyazot JSC"] == [
        "tenderer",
        "supplier",
    ]

    [contract] = by_id[f"{ocid}-contract"]["contracts"]
    assert (contract["id"], contract["awardID"], contract["status"]) == (
        deal["order"]["id"],
        deal["offer"]["id"],
        "terminated",
    )
    assert contract["value"] == value
    contracted = {p["name"]: p["roles"] for p in by_id[f"{ocid}-contract"]["parties"]}
    assert contracted["Navoiyazot JSC"] == ["tenderer", "supplier", "payee"]
    assert contracted["Olmaliq Kabel Zavodi LLC"] == ["buyer", "procuringEntity", "payer"]

    implementation = by_id[f"{ocid}-implementation"]
    [delivered] = implementation["contracts"]
    milestones = delivered["implementation"]["milestones"]
    assert [(m["type"], m["status"]) for m in milestones] == [("delivery", "met")] * 3
    assert milestones[0]["description"] == "Received 150 TNE of line 1 (Sulfuric acid)."
    assert milestones[2]["description"] == "Received 12.5 TNE of line 2 (Sulfuric acid)."
    assert implementation["date"] == milestones[-1]["dateMet"]

    open_tender = by_id[f"ocds-cucl01-{deal['waiting']['id']}-tender"]["tender"]
    assert (open_tender["status"], open_tender["numberOfTenderers"]) == ("active", 0)
    assert "endDate" not in open_tender["tenderPeriod"]
    assert by_id[f"ocds-cucl01-{deal['dropped']['id']}-tender"]["tender"]["status"] == "cancelled"

    again = await _export(client, market.as_role("procurement"))
    assert [(r["id"], r["date"]) for r in again["releases"]] == [
        (r["id"], r["date"]) for r in package["releases"]
    ]  # stable ids and dates: a tool fetching again sees the same releases


async def test_a_record_package_holds_each_process_s_releases_and_compiled_release(
    market: Market, client: httpx.AsyncClient
) -> None:
    deal = await _market_of_three_processes(market, client)
    releases = (await _export(client, market.admin))["releases"]
    package = await _export(client, market.admin, package="record")
    assert record_package_errors(package) == []
    assert "releases" not in package
    records = {record["ocid"]: record for record in package["records"]}
    assert len(records) == len(package["records"]) == 3
    ocid = f"ocds-cucl01-{deal['request']['id']}"
    assert records[ocid]["releases"] == [r for r in releases if r["ocid"] == ocid]

    compiled = records[ocid]["compiledRelease"]
    assert (compiled["tag"], compiled["date"]) == (["compiled"], releases[3]["date"])
    assert compiled["id"] == f"{ocid}-{compiled['date']}"
    assert compiled["tender"]["status"] == "complete"
    assert compiled["awards"][0]["id"] == deal["offer"]["id"]
    # The contract of the contract stage and of the implementation, merged by its id.
    [contract] = compiled["contracts"]
    assert (contract["status"], contract["value"]["amount"]) == ("terminated", 598125006.25)
    assert len(contract["implementation"]["milestones"]) == 3
    roles = {party["id"]: party["roles"] for party in compiled["parties"]}
    assert roles[deal["winner_id"]] == ["tenderer", "supplier", "payee"]
    assert roles[deal["loser_id"]] == ["tenderer"]
    tender_only = records[f"ocds-cucl01-{deal['waiting']['id']}"]
    assert [r["tag"] for r in tender_only["releases"]] == [["tender"]]
    assert tender_only["compiledRelease"]["tender"]["status"] == "active"


async def test_a_year_without_processes_is_an_empty_package_and_a_malformed_year_422(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    _, key = await market.supplier("Navoiyazot JSC")
    _, member_key = await market.member("Olmaliq Kabel Zavodi LLC")
    await market.quoted(key, member_key)
    empty = await _export(client, market.admin, year=2001)
    assert empty["releases"] == []
    # OCDS's package schema asks for one release at least: that is the one finding.
    assert package_errors(empty) == ["package: releases: [] should be non-empty"]
    records = await _export(client, market.admin, year=2001, package="record")
    assert records["records"] == []
    for params in ({"year": "20x6"}, {"year": "1999"}, {"year": "2026.5"}, {"package": "csv"}):
        refused = await client.get(EXPORT, params=params, headers=market.admin)
        assert refused.status_code == 422, (params, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["errors"][0]["field"] == next(iter(params))
    assert (await client.get(EXPORT, headers=member_key)).status_code == 403
    assert (await client.get(EXPORT, headers=as_role())).status_code == 401
