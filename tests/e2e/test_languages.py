# ruff: noqa: RUF001 (Russian and Uzbek text: Cyrillic letters and U+02BB are meant)
"""Every page in Uzbek, Russian and English, as a person sees them in headless Chromium on
the demo data, with a screenshot of each (test-artifacts/screenshots/languages/); the switch
and its cookie; and problems and code lists in the language asked for, through the gateway.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright, expect

from clusterkit.infra.tools import ensure_chromium
from devstack import Stack

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots" / "languages"
WAIT_MS = 30_000
PAGES = {
    "dashboard": "/?year=2025",
    "registry": "/registry",
    "catalogue": "/catalogue",
    "apply": "/apply",
    "status": "/application-status",
}
# Each page's heading, and a code list name it shows, in each language.
HEADINGS = {
    "uz": {
        "dashboard": "Mis klasteri koʻrsatkichlari",
        "registry": "Aʼzolar reyestri",
        "catalogue": "Taʼminot katalogi",
        "apply": "Aʼzolikka ariza topshirish",
        "status": "Ariza holati",
    },
    "ru": {
        "dashboard": "Показатели медного кластера",
        "registry": "Реестр участников",
        "catalogue": "Каталог снабжения",
        "apply": "Подать заявку на членство",
        "status": "Статус заявки",
    },
    "en": {
        "dashboard": "Copper cluster dashboard",
        "registry": "Member registry",
        "catalogue": "Supply catalogue",
        "apply": "Apply for membership",
        "status": "Application status",
    },
}
TASHKENT_REGION = {"uz": "Toshkent viloyati", "ru": "Ташкентская область", "en": "Tashkent Region"}


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    chromium = ensure_chromium()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        # --no-sandbox: the tests may run as root, where Chromium's sandbox cannot start
        launched = await playwright.chromium.launch(
            executable_path=str(chromium), args=["--no-sandbox"]
        )
        yield launched
        await launched.close()


async def opened(browser: Browser, stack: Stack, locale: str = "en-US") -> Page:
    context = await browser.new_context(
        base_url=stack.url("gateway"), viewport={"width": 1280, "height": 900}, locale=locale
    )
    context.set_default_timeout(WAIT_MS)
    return await context.new_page()


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
async def test_every_page_in_each_language_with_a_screenshot(
    browser: Browser, stack: Stack, demo: None, language: str
) -> None:
    page = await opened(browser, stack)
    for name, path in PAGES.items():
        glue = "&" if "?" in path else "?"
        response = await page.goto(f"{path}{glue}lang={language}")
        assert response is not None
        assert response.status == 200
        assert response.headers["content-language"] == language
        await expect(page.locator("html")).to_have_attribute("lang", language)
        await expect(page.locator("h1")).to_have_text(HEADINGS[language][name])
        await expect(page.locator(f'nav.languages a[data-lang="{language}"]')).to_have_attribute(
            "aria-current", "true"
        )
        if name in ("registry", "apply"):
            await expect(page.locator('select#region option[value="UZ-TO"]')).to_have_text(
                TASHKENT_REGION[language]
            )
        shot = await page.screenshot(path=SCREENSHOTS / f"{name}-{language}.png", full_page=True)
        assert shot[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(shot) > 20_000, f"{name} in {language} looks blank"
    await page.context.close()


async def test_the_switch_is_remembered_and_numbers_follow_the_language(
    browser: Browser, stack: Stack, demo: None
) -> None:
    page = await opened(browser, stack, locale="en-US")
    await page.goto("/?year=2025")
    await expect(page.locator("html")).to_have_attribute("lang", "en")
    await expect(page.locator('[data-kpi="cathode-actual"]')).to_have_text("148,500 t")
    await page.click('nav.languages a[data-lang="ru"]')
    await expect(page.locator("html")).to_have_attribute("lang", "ru")
    await expect(page).to_have_url("/?year=2025&lang=ru")
    await expect(page.locator('[data-kpi="cathode-actual"]')).to_have_text("148\xa0500 т")
    await expect(page.locator("#localization h2")).to_have_text("Локализация, 2025 г.")
    # the cookie keeps the choice on the next page, over the browser's English
    await page.click('a[href="/registry"]')
    await expect(page.locator("html")).to_have_attribute("lang", "ru")
    await page.goto("/catalogue?lang=uz")
    await page.goto("/apply")
    await expect(page.locator("html")).to_have_attribute("lang", "uz")
    await page.context.close()


async def test_the_forms_field_errors_are_in_the_pages_language(
    browser: Browser, stack: Stack, demo: None
) -> None:
    page = await opened(browser, stack)
    await page.goto("/apply?lang=ru")
    await page.fill('[name="legal_name"]', "Ошибка ООО")
    await page.fill('[name="stir"]', "12AB5")
    await page.click('button[type="submit"]')
    failure = page.locator("#apply-failure")
    await expect(failure).to_be_visible()
    await expect(failure).to_have_text(
        "Одно или несколько полей не заполнены или неверны; см. errors."
    )
    await expect(page.locator('[data-error-for="stir"]')).to_have_text(
        "ИНН состоит ровно из 9 цифр."
    )
    await page.screenshot(path=SCREENSHOTS / "apply-errors-ru.png", full_page=True)
    await page.context.close()


async def test_problems_and_code_lists_through_the_gateway(
    gateway: httpx.AsyncClient, admin_key: str
) -> None:
    admin = {"Authorization": f"Bearer {admin_key}"}
    missing = f"/api/v1/membership/applications/{uuid.uuid4()}"
    ru = await gateway.get(missing, headers=admin | {"Accept-Language": "ru-RU,ru;q=0.9"})
    assert ru.status_code == 404
    assert ru.headers["content-language"] == "ru"
    assert (ru.json()["title"], ru.json()["detail"]) == (
        "Не найдено",
        "Заявка с таким id не найдена.",
    )
    uz = await gateway.get(missing, headers=admin | {"Accept-Language": "uz"})
    assert uz.json()["detail"] == "Bu id bilan ariza topilmadi."
    unknown = await gateway.get(missing, headers=admin | {"Accept-Language": "fr-FR"})
    assert (unknown.headers["content-language"], unknown.json()["detail"]) == (
        "en",
        "No application with this id.",
    )
    invalid = await gateway.post(
        "/api/v1/membership/applications",
        json={"legal_name": "X"},
        headers={"Accept-Language": "uz"},
    )
    assert invalid.status_code == 422
    problem = invalid.json()
    assert problem["title"] == "Soʻrov notoʻgʻri"
    messages = {e["field"]: e["message"] for e in problem["errors"]}
    assert messages["stir"] == "Bu maydon toʻldirilishi shart."
    regions = await gateway.get("/api/v1/codes/regions", headers={"Accept-Language": "uz"})
    assert regions.status_code == 200
    names = {i["code"]: i["name"] for i in regions.json()["items"]}
    assert names["UZ-SA"] == "Samarqand viloyati"
    assert names["UZ-QR"] == "Qoraqalpogʻiston Respublikasi"
