"""Supply's documents through the HTTP API: a supplier's local-production certificate (with
its particulars, checked), a request's specification, an offer's quotation; each readable
as its record is and attached only by the record's own party."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .market import API, Market

PDF = b"%PDF-1.7\n" + b"certificate " * 1000 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def certificate(**overrides: Any) -> dict[str, Any]:
    issued = date.today() - timedelta(days=30)
    fields = {
        "kind": "local_production_certificate",
        "number": "UZ-LP-2026-0042",
        "issuer": "Chamber of Commerce and Industry of Uzbekistan",
        "issued_on": issued.isoformat(),
        "expires_on": (issued + timedelta(days=700)).isoformat(),
        "local_content_percent": "62.5",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def pdf(name: str = "certificate.pdf") -> dict[str, Any]:
    return {"file": (name, PDF, "application/pdf")}


async def test_a_supplier_attaches_its_certificate_and_everyone_reads_it(market: Market) -> None:
    supplier_id, supplier_key = await market.supplier("Certified Lime LLC", local=False)
    documents = f"{API}/suppliers/{supplier_id}/documents"
    created = await market.client.post(
        documents, data=certificate(), files=pdf(), headers=supplier_key
    )
    assert created.status_code == 201, created.text
    document = created.json()
    assert document["kind"] == "local_production_certificate"
    assert document["details"]["number"] == "UZ-LP-2026-0042"
    assert document["details"]["local_content_percent"] == "62.5"
    assert document["size"] == len(PDF)

    anonymous = market.as_role("anonymous")
    listed = await market.client.get(documents, headers=anonymous)
    assert [item["id"] for item in listed.json()["items"]] == [document["id"]]
    downloaded = await market.client.get(f"{documents}/{document['id']}", headers=anonymous)
    assert downloaded.content == PDF

    other_id, other_key = await market.supplier("Other Lime LLC")
    refused = await market.client.post(
        documents, data=certificate(), files=pdf(), headers=other_key
    )
    assert refused.status_code == 403
    hidden_id, _ = await market.supplier("Pending Lime LLC", verify=False)
    hidden = await market.client.get(f"{API}/suppliers/{hidden_id}/documents", headers=anonymous)
    assert hidden.status_code == 404
    assert other_id != supplier_id


async def test_a_certificate_must_say_what_the_rule_asks(market: Market) -> None:
    supplier_id, supplier_key = await market.supplier("Uncertain Lime LLC", local=False)
    documents = f"{API}/suppliers/{supplier_id}/documents"
    issued = date.today()
    cases = {
        "local_content_percent": certificate(local_content_percent="29.9"),
        "expires_on": certificate(
            issued_on=issued.isoformat(), expires_on=(issued + timedelta(days=800)).isoformat()
        ),
        "number": certificate(number=None),
    }
    for field, fields in cases.items():
        answer = await market.client.post(documents, data=fields, files=pdf(), headers=supplier_key)
        assert answer.status_code == 422, (field, answer.text)
        assert field in {error["field"] for error in answer.json()["errors"]}, answer.text
    wrong_type = await market.client.post(
        documents,
        data=certificate(),
        files={"file": ("c.pdf", PNG, "application/pdf")},
        headers=supplier_key,
    )
    assert wrong_type.status_code == 415
    assert (await market.client.get(documents, headers=supplier_key)).json()["items"] == []


async def test_specifications_and_quotations_follow_their_records(market: Market) -> None:
    deal = await market.deal("Spec Cable LLC")
    specification = f"{API}/requests/{deal.request['id']}/documents"
    quotation = f"{API}/offers/{deal.offer['id']}/documents"

    spec = await market.client.post(
        specification,
        data={"kind": "specification"},
        files=pdf("spec.pdf"),
        headers=deal.member_key,
    )
    assert spec.status_code == 201, spec.text
    by_supplier = await market.client.post(
        specification, data={"kind": "specification"}, files=pdf(), headers=deal.supplier_key
    )
    assert by_supplier.status_code == 403
    quote = await market.client.post(
        quotation, data={"kind": "quotation"}, files=pdf("quote.pdf"), headers=deal.supplier_key
    )
    assert quote.status_code == 201, quote.text
    assert (
        await market.client.post(
            quotation, data={"kind": "specification"}, files=pdf(), headers=deal.supplier_key
        )
    ).status_code == 422

    # The member sees the quotation on its request; another member sees neither.
    seen = await market.client.get(quotation, headers=deal.member_key)
    assert [item["filename"] for item in seen.json()["items"]] == ["quote.pdf"]
    _, stranger = await market.member("Stranger Pipes LLC")
    assert (await market.client.get(quotation, headers=stranger)).status_code in {403, 404}
    assert (
        await market.client.get(specification, headers=market.as_role("anonymous"))
    ).status_code == 401
