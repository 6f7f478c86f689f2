# ruff: noqa: RUF001 (Russian and Uzbek text: Cyrillic letters and U+02BB are meant)
"""Supply's problems in the language the request asks for, through its HTTP path: a 404,
an illegal step (its state a parameter), a duplicate STIR and a field error; ``type``
codes and extension members are the same in every language."""

from __future__ import annotations

import uuid

import httpx

from .market import API, Headers, Market, acid, supplier_form


async def test_a_missing_order_and_an_illegal_step_in_russian_and_uzbek(
    market: Market, client: httpx.AsyncClient
) -> None:
    missing = await client.get(
        f"{API}/orders/{uuid.uuid4()}", headers=market.admin | {"Accept-Language": "ru"}
    )
    assert (missing.status_code, missing.headers["content-language"]) == (404, "ru")
    assert missing.json()["detail"] == "Заказ с таким id не найден."
    supplier_id, _ = await market.supplier("Qizilqum Reagent LLC")
    for language, detail in (
        ("uz", "Holati verified boʻlgan yetkazib beruvchini tasdiqlab boʻlmaydi."),
        ("ru", "Нельзя подтвердить поставщика в статусе verified."),
        ("en", "Cannot verify a supplier that is verified."),
    ):
        again = await client.post(
            f"{API}/suppliers/{supplier_id}/verify",
            headers=market.admin | {"Accept-Language": language},
        )
        assert again.status_code == 409
        assert again.headers["content-language"] == language
        problem = again.json()
        assert problem["type"].endswith("/illegal-transition")
        assert problem["current_status"] == "verified"  # the same in every language
        assert problem["detail"] == detail


async def test_a_duplicate_stir_and_a_field_error_name_their_values_in_the_language(
    market: Market, client: httpx.AsyncClient, as_role: Headers
) -> None:
    body = supplier_form("Olmaliq Lime LLC", categories=("material",))
    stir = body["stir"]
    assert (await client.post(f"{API}/suppliers", json=body, headers=market.admin)).is_success
    again = await client.post(
        f"{API}/suppliers", json=body, headers=market.admin | {"Accept-Language": "uz"}
    )
    assert again.status_code == 409
    assert (
        again.json()["detail"]
        == f"STIR {stir} boʻyicha yetkazib beruvchi allaqachon roʻyxatdan oʻtgan."
    )
    _, member = await market.member("Chirchiq Cable JSC")
    past = {"lines": [acid()], "needed_by": "2000-01-01", "delivery_region": "UZ-TO"}
    refused = await client.post(
        f"{API}/requests", json=past, headers=member | {"Accept-Language": "ru"}
    )
    assert refused.status_code == 422, refused.text
    messages = {e["field"]: e["message"] for e in refused.json()["errors"]}
    assert messages["needed_by"] == "не должно быть в прошлом"
