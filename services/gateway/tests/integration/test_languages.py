# ruff: noqa: RUF001 (Russian and Uzbek text: Cyrillic letters and U+02BB are meant)
"""The gateway in three languages: the code lists by ``Accept-Language`` (a list it does not
have is a 404 in the language asked for), and every page by ``?lang=``, the cookie it sets,
``Accept-Language`` and the default (Uzbek); each answer says its language."""

from __future__ import annotations

import re

import httpx
import pytest

from clusterkit.codes import CODE_LISTS

PAGES = ("/", "/registry", "/catalogue", "/apply", "/application-status")
# What the navigation says in each language (every page has it).
NAVIGATION = {
    "uz": ("Aʼzolar reyestri", "Taʼminot katalogi", "Ariza holati"),
    "ru": ("Реестр участников", "Каталог снабжения", "Статус заявки"),
    "en": ("Member registry", "Supply catalogue", "Application status"),
}


def html_lang(page: httpx.Response) -> str:
    found = re.search(r'<html lang="(\w+)">', page.text)
    assert found, page.text[:200]
    return found.group(1)


@pytest.mark.parametrize(
    ("asked", "language", "city", "karakalpakstan"),
    [
        ("uz", "uz", "Toshkent shahri", "Qoraqalpogʻiston Respublikasi"),
        ("uz-Latn-UZ,ru;q=0.5", "uz", "Toshkent shahri", "Qoraqalpogʻiston Respublikasi"),
        ("ru-RU,ru;q=0.9", "ru", "город Ташкент", "Республика Каракалпакстан"),
        ("en", "en", "Tashkent City", "Republic of Karakalpakstan"),
        ("de-DE", "en", "Tashkent City", "Republic of Karakalpakstan"),  # unknown: the default
    ],
)
async def test_a_code_list_names_its_codes_in_the_language_asked_for(
    client: httpx.AsyncClient, asked: str, language: str, city: str, karakalpakstan: str
) -> None:
    answer = await client.get("/api/v1/codes/regions", headers={"Accept-Language": asked})
    assert answer.status_code == 200
    assert answer.headers["content-language"] == language
    assert "Accept-Language" in answer.headers["vary"]
    body = answer.json()
    assert (body["list"], body["language"]) == ("regions", language)
    names = {item["code"]: item["name"] for item in body["items"]}
    assert len(names) == 14
    assert (names["UZ-TK"], names["UZ-QR"]) == (city, karakalpakstan)


async def test_every_code_list_is_listed_and_answers(client: httpx.AsyncClient) -> None:
    index = await client.get("/api/v1/codes")
    assert index.status_code == 200
    listed = [entry["list"] for entry in index.json()["items"]]
    assert listed == list(CODE_LISTS)
    for name in listed:
        answer = await client.get(f"/api/v1/codes/{name}", headers={"Accept-Language": "ru"})
        assert answer.status_code == 200, name
        items = answer.json()["items"]
        assert [i["code"] for i in items] == list(CODE_LISTS[name].names)
        assert all(re.search("[а-яё]", i["name"], re.IGNORECASE) for i in items), items


async def test_an_unknown_list_is_a_404_problem_in_the_language_asked_for(
    client: httpx.AsyncClient,
) -> None:
    answer = await client.get("/api/v1/codes/planets", headers={"Accept-Language": "ru"})
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["content-language"] == "ru"
    problem = answer.json()
    assert problem["type"] == "https://coppercluster.uz/problems/not-found"
    assert (problem["title"], problem["detail"]) == (
        "Не найдено",
        "Справочника с таким названием нет.",
    )
    assert "regions" in problem["lists"]
    english = (await client.get("/api/v1/codes/planets")).json()
    assert english["detail"] == "No code list with this name."


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["uz", "ru", "en"])
async def test_every_page_answers_in_each_language(
    client: httpx.AsyncClient, path: str, language: str
) -> None:
    page = await client.get(path, params={"lang": language})
    assert page.status_code == 200
    assert html_lang(page) == language
    assert page.headers["content-language"] == language
    assert f"lang={language}" in page.headers["set-cookie"]
    for label in NAVIGATION[language]:
        assert label in page.text
    for other, labels in NAVIGATION.items():
        if other != language:
            assert not any(f">{label}<" in page.text for label in labels), other
    # the switch: this page in each language
    for code in ("uz", "ru", "en"):
        assert f'hreflang="{code}"' in page.text
        assert re.search(rf'href="{re.escape(path)}\?[^"]*lang={code}"', page.text)


async def test_the_page_language_is_the_switch_then_the_cookie_then_the_header(
    client: httpx.AsyncClient,
) -> None:
    default = await client.get("/registry")
    assert html_lang(default) == "uz"  # the pages' default setting
    assert "set-cookie" not in default.headers
    assert html_lang(await client.get("/registry", headers={"Accept-Language": "ru"})) == "ru"
    switched = await client.get("/apply", params={"lang": "en"}, headers={"Accept-Language": "ru"})
    assert html_lang(switched) == "en"
    # the cookie the switch set wins over the header from now on
    later = await client.get("/catalogue", headers={"Accept-Language": "ru"})
    assert html_lang(later) == "en"
    assert html_lang(await client.get("/catalogue", params={"lang": "ru"})) == "ru"
    # an unknown language is never an error: it is ignored
    client.cookies.clear()
    odd = await client.get("/", params={"lang": "klingon"}, headers={"Accept-Language": "xx"})
    assert odd.status_code == 200
    assert html_lang(odd) == "uz"
    assert "set-cookie" not in odd.headers
    client.cookies.set("lang", "<script>")
    assert html_lang(await client.get("/")) == "uz"


async def test_every_card_follows_the_chosen_year(client: httpx.AsyncClient) -> None:
    page = await client.get("/", params={"year": "2024", "lang": "en"})
    assert page.status_code == 200
    for title in ("Deep processing 2024", "Production 2024", "Localization 2024"):
        assert title in page.text
    assert not re.search(r"Localization 20(?!24)\d\d", page.text)
    ru = await client.get("/", params={"year": "2024", "lang": "ru"})
    assert "Локализация, 2024 г." in ru.text


async def test_a_form_says_its_failure_in_the_pages_language(client: httpx.AsyncClient) -> None:
    shown = await client.post(
        "/application-status?lang=uz",
        content="id=not-an-id&token=x",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert shown.status_code == 422
    assert "Ariza identifikatori notoʻgʻri." in shown.text
    assert shown.headers["content-language"] == "uz"
