# ruff: noqa: RUF001 (Russian and Uzbek text: Cyrillic letters and U+02BB are meant)
"""Problems in the language the request asks for, through the service's HTTP path: the
title, the detail (with its parameters) and each field's message; ``type`` codes and
extension members are the same in every language, and an unknown language is English."""

from __future__ import annotations

import uuid

import httpx

from clusterkit.testing import AsRole

from ..conftest import URL, Applicant, submission


async def test_a_404_in_russian_and_uzbek(client: httpx.AsyncClient, as_role: AsRole) -> None:
    missing = f"{URL}/{uuid.uuid4()}"
    said = {}
    for language in ("ru-RU,ru;q=0.9", "uz", "de", None):
        headers = as_role("admin") | ({"Accept-Language": language} if language else {})
        answer = await client.get(missing, headers=headers)
        assert answer.status_code == 404
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert problem["type"] == "https://coppercluster.uz/problems/not-found"
        said[language] = (answer.headers["content-language"], problem["title"], problem["detail"])
    assert said["ru-RU,ru;q=0.9"] == ("ru", "Не найдено", "Заявка с таким id не найдена.")
    assert said["uz"] == ("uz", "Topilmadi", "Bu id bilan ariza topilmadi.")
    english = ("en", "Not Found", "No application with this id.")
    assert said["de"] == said[None] == english


async def test_a_422_names_each_field_in_the_language_asked_for(
    client: httpx.AsyncClient, as_role: AsRole
) -> None:
    bad = submission(stir="12", region=None, legal_name="")
    del bad["proposal"]
    for language, title, messages in (
        (
            "ru",
            "Запрос неверен",
            {
                "legal_name": "Минимальное число символов: 2.",
                "proposal": "Это поле обязательно.",
                "region": "Выберите одно из значений: "
                "'UZ-AN', 'UZ-BU', 'UZ-FA', 'UZ-JI', 'UZ-NG', 'UZ-NW', 'UZ-QA', 'UZ-QR', "
                "'UZ-SA', 'UZ-SI', 'UZ-SU', 'UZ-TK', 'UZ-TO' или 'UZ-XO'.",
            },
        ),
        ("uz", "Soʻrov notoʻgʻri", {"proposal": "Bu maydon toʻldirilishi shart."}),
    ):
        answer = await client.post(URL, json=bad, headers=as_role() | {"Accept-Language": language})
        assert answer.status_code == 422
        assert answer.headers["content-language"] == language
        problem = answer.json()
        assert problem["type"] == "https://coppercluster.uz/problems/validation-error"
        assert problem["title"] == title
        by_field = {e["field"]: e for e in problem["errors"]}
        assert {"stir", "legal_name", "proposal"} <= set(by_field)
        for field, message in messages.items():
            if field == "region" and by_field[field]["type"] != "enum":
                continue  # a null region may be said as a type error instead
            assert by_field[field]["message"] == message, by_field[field]


async def test_a_409_says_the_state_in_the_language_asked_for(applicant: Applicant) -> None:
    await applicant.reach("submitted")
    for language, detail in (
        ("ru", "Нельзя одобрить заявку в статусе submitted."),
        ("uz", "Holati submitted boʻlgan arizani maʼqullab boʻlmaydi."),
        ("en", "Cannot approve an application that is submitted."),
    ):
        headers = applicant.as_role("admin") | {"Accept-Language": language}
        answer = await applicant.act("approve", headers=headers)
        assert answer.status_code == 409
        problem = answer.json()
        assert problem["detail"] == detail
        # the extension members are the same in every language
        assert problem["current_status"] == "submitted"
        assert problem["allowed_from"] == ["under_review"]
