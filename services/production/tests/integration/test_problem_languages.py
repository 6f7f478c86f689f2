# ruff: noqa: RUF001 (Russian and Uzbek text: Cyrillic letters and U+02BB are meant)
"""production's problems in the language asked for: a field error and a conflict whose
messages name a period, said in Russian and Uzbek through HTTP."""

from __future__ import annotations

import httpx

from clusterkit.testing import AsRole

from ..conftest import AMMC
from .test_reports import REPORTS, report

LOCK = "/api/v1/production/periods/2025-03/lock"


async def test_a_field_error_in_russian_and_uzbek(
    client: httpx.AsyncClient, as_role: AsRole
) -> None:
    said = {}
    for language in ("ru", "uz", "xx"):
        answer = await client.get(
            "/api/v1/production/kpis/deep-processing",
            headers=as_role() | {"Accept-Language": language},
        )
        assert answer.status_code == 422
        problem = answer.json()
        assert problem["errors"][0]["field"] == "year"
        said[language] = (answer.headers["content-language"], problem["errors"][0]["message"])
    assert said == {
        "ru": ("ru", "Укажите год или период."),
        "uz": ("uz", "Yil yoki davrni koʻrsating."),
        "xx": ("en", "Give a year or a period."),
    }


async def test_a_conflict_names_the_period_in_the_language_asked_for(
    client: httpx.AsyncClient, as_role: AsRole
) -> None:
    assert (await client.post(LOCK, headers=as_role("admin"))).status_code == 200
    again = await client.post(LOCK, headers=as_role("admin") | {"Accept-Language": "uz"})
    assert again.status_code == 409
    problem = again.json()
    assert (problem["title"], problem["detail"]) == (
        "Ziddiyat",
        "2025-03 davri allaqachon yopilgan.",
    )
    assert problem["type"] == "https://coppercluster.uz/problems/already-locked"
    assert "locked_at" in problem
    russian = await client.post(LOCK, headers=as_role("admin") | {"Accept-Language": "ru"})
    assert russian.json()["detail"] == "Период 2025-03 уже закрыт."


async def test_a_category_that_does_not_fit_the_metric_names_it_in_the_language(
    client: httpx.AsyncClient, as_role: AsRole
) -> None:
    body = {**report(AMMC), "metric": "product_output"}  # reported per category: none given
    said = {}
    for language in ("ru", "uz", "en"):
        answer = await client.post(
            REPORTS, json=body, headers=as_role("admin") | {"Accept-Language": language}
        )
        assert answer.status_code == 422, answer.text
        error = answer.json()["errors"][0]
        said[language] = (error["field"], error["message"])
    assert said == {
        "ru": ("product_category", "Показатель product_output сообщается по категориям продукции."),
        "uz": (
            "product_category",
            "product_output koʻrsatkichi mahsulot toifasi boʻyicha hisobot qilinadi.",
        ),
        "en": ("product_category", "product_output is reported per product category."),
    }
