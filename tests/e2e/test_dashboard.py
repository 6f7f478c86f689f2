"""The dashboard as a person uses it: headless Chromium (the system's) on the gateway's
pages with the demo data, with and without JavaScript. Screenshots go to
test-artifacts/screenshots/."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from decimal import ROUND_HALF_UP, Decimal
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

from clusterkit import i18n
from clusterkit.infra.tools import ensure_chromium
from devstack import Stack
from gateway.dashboard import charts

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
APPLICATIONS = "/api/v1/membership/applications"
WAIT_MS = 30_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def shown_percent(share: str | None) -> str:
    """How the page writes a share of the API: 0.1576 -> 15.8%."""
    assert share is not None
    return f"{(Decimal(share) * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


@pytest.fixture(scope="session")
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


async def new_page(browser: Browser, stack: Stack, **options: Any) -> tuple[BrowserContext, Page]:
    context = await browser.new_context(
        base_url=stack.url("gateway"), viewport={"width": 1280, "height": 900}, **options
    )
    context.set_default_timeout(WAIT_MS)
    return context, await context.new_page()


def bad_application(name: str) -> dict[str, str]:
    return {
        "legal_name": name,
        "stir": "12AB5",
        "requested_cathode_tpy": "250",
        "proposal": "Copper busbars for switchgear.",
        "contact.name": "Ra'no Abdullayeva",
        "contact.email": "rano@example.uz",
        "contact.phone": "+998 71 555 11 22",
    }


async def fill_application(page: Page, fields: dict[str, str]) -> None:
    for name, value in fields.items():
        await page.fill(f'[name="{name}"]', value)
    await page.select_option("#region", "UZ-TK")
    await page.check("#sector-cable_wire")


async def test_the_dashboard_shows_the_demo_figures(
    browser: Browser, stack: Stack, demo: None, gateway: httpx.AsyncClient
) -> None:
    deep = (
        await gateway.get("/api/v1/production/kpis/deep-processing", params={"year": "2025"})
    ).json()
    fulfilment = (
        await gateway.get(
            "/api/v1/production/kpis/fulfilment",
            params={"year": "2025", "metric": "cathode_output", "rollup": "year"},
        )
    ).json()
    context, page = await new_page(browser, stack)
    response = await page.goto("/?year=2025")
    assert response is not None
    assert response.status == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]

    section = page.locator("#deep-processing")
    await expect(section.locator("h2")).to_have_text("Deep processing 2025")
    await expect(page.locator('[data-kpi="deep-share"]')).to_have_text(shown_percent(deep["share"]))
    await expect(page.locator('[data-kpi="deep-target"]')).to_have_text("80%")
    # the monthly line: one labelled point per month with the API's monthly share
    labels = await section.locator("svg .point-label").all_text_contents()
    assert labels == [shown_percent(m["share"]) for m in deep["by_month"] if m["share"]]
    assert len(labels) == 12
    # one bar per product category, with its tonnes and share as text
    bars = await section.locator("svg .bar .value").all_text_contents()
    assert len(bars) == len(deep["by_category"])
    cable = next(c for c in deep["by_category"] if c["product_category"] == "cable_wire")
    assert any(shown_percent(cable["share"]) in text for text in bars)
    await expect(page.locator('[data-kpi="cathode-fulfilment"]')).to_have_text(
        shown_percent(fulfilment[0]["fulfilment"])
    )
    await expect(page.locator('[data-kpi="cathode-actual"]')).to_have_text("148,500 t")
    await expect(page.locator("#production svg rect.column")).to_have_count(12)

    members = (await gateway.get("/api/v1/membership/members", params={"limit": "200"})).json()
    active = [m for m in members["items"] if m["status"] == "active"]
    await expect(page.locator('[data-kpi="members-total"]')).to_have_text(str(len(active)))
    await expect(page.locator("#members-by-region li")).to_have_count(14)
    navoi = sum(1 for m in active if m["region"] == "UZ-NW")
    await expect(page.locator('#members-by-region [data-region="UZ-NW"] .count')).to_have_text(
        str(navoi)
    )
    # every card shows the page's year: the demo's supply orders are this year's, not 2025's
    local = (await gateway.get("/api/v1/supply/stats/localization", params={"year": 2025})).json()
    await expect(page.locator("#localization h2")).to_have_text("Localization 2025")
    if not local["orders"]:
        await expect(page.locator("#localization")).to_contain_text("No orders this year.")
    await page.screenshot(path=SCREENSHOTS / "dashboard.png", full_page=True)
    await page.set_viewport_size({"width": 375, "height": 800})
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the dashboard scrolls sideways on a phone"
    await page.screenshot(path=SCREENSHOTS / "dashboard-phone.png", full_page=True)
    this_year = (await gateway.get("/api/v1/supply/stats/localization")).json()
    await page.goto(f"/?year={this_year['year']}")
    await expect(page.locator("#localization h2")).to_have_text(f"Localization {this_year['year']}")
    await expect(page.locator('[data-kpi="local-share"]')).to_have_text(
        shown_percent(this_year["local_share"])
    )
    await context.close()


async def test_the_admin_sees_open_applications_by_state(
    browser: Browser, stack: Stack, demo: None, admin_key: str, gateway: httpx.AsyncClient
) -> None:
    listed = await gateway.get(
        APPLICATIONS,
        params={"status": "under_review", "limit": "200"},
        headers={"Authorization": f"Bearer {admin_key}"},
    )
    context, page = await new_page(browser, stack)
    await page.goto("/")
    await page.fill("#admin-key", admin_key)
    await page.click("#admin-signin button[type=submit]")
    await expect(page.locator('[data-open-count="under_review"]')).to_have_text(
        str(len(listed.json()["items"]))
    )
    assert admin_key not in page.url
    # the key lives in this tab only
    assert await page.evaluate("sessionStorage.getItem('copper.adminKey')") == admin_key
    await context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
async def test_the_application_form_shows_the_apis_field_errors(
    browser: Browser, stack: Stack, javascript: bool
) -> None:
    context, page = await new_page(browser, stack, java_script_enabled=javascript)
    await page.goto("/apply")
    name = f"Form Test {'JS' if javascript else 'Plain'} {random.randrange(10**6)} LLC"
    await fill_application(page, bad_application(name))
    await page.click("#apply-form button[type=submit]")

    error = page.locator('[data-error-for="stir"]')
    await expect(error).to_be_visible()
    await expect(error).to_have_text("The STIR is exactly 9 digits.")
    await expect(page.locator("#stir")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator('[data-error-for="legal_name"]')).to_be_hidden()
    # what was typed is still there
    await expect(page.locator("#legal_name")).to_have_value(name)
    suffix = "js" if javascript else "nojs"
    await page.screenshot(path=SCREENSHOTS / f"apply-error-{suffix}.png", full_page=True)

    await page.fill("#stir", str(random.randrange(10**8, 10**9)))
    await page.click("#apply-form button[type=submit]")
    token = page.locator("[data-access-token]")
    await expect(token).to_be_visible()
    application_id = await page.locator("[data-application-id]").text_content()
    access_token = await token.text_content()
    assert application_id
    assert access_token
    assert access_token not in page.url

    # ... and the applicant follows it with the id and the token (a POST form)
    await page.goto("/application-status")
    await page.fill("#app-id", application_id)
    await page.fill("#app-token", access_token)
    await page.click("form button[type=submit]")
    await expect(page.locator("[data-status]")).to_have_attribute("data-status", "submitted")
    await expect(page.locator("#application h2")).to_have_text(name)
    assert access_token not in page.url
    await context.close()


async def test_the_registry_searches_and_filters_without_javascript(
    browser: Browser, stack: Stack, demo: None
) -> None:
    context, page = await new_page(browser, stack, java_script_enabled=False)
    await page.goto("/registry")
    await page.fill("#q", "Kabel")
    await page.click("form[role=search] button[type=submit]")
    await expect(page).to_have_url("/registry?q=Kabel&region=&sector=")
    rows = page.locator("#registry tbody tr")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text("Olmaliq Kabel Zavodi LLC")

    await page.goto("/registry")
    await page.select_option("#region", "UZ-NW")
    await page.click("form[role=search] button[type=submit]")
    names = await page.locator("#registry tbody tr td:first-child").all_text_contents()
    assert "Navoiy Kimyo Reagent LLC" in names
    assert "Olmaliq Kabel Zavodi LLC" not in names
    await page.select_option("#sector", "pipes")
    await page.select_option("#region", "")
    await page.click("form[role=search] button[type=submit]")
    names = await page.locator("#registry tbody tr td:first-child").all_text_contents()
    assert "Toshkent Mis Quvur JSC" in names
    assert "Navoiy Kimyo Reagent LLC" not in names
    await page.screenshot(path=SCREENSHOTS / "registry.png", full_page=True)
    await context.close()


async def test_the_catalogue_searches_local_suppliers_only(
    browser: Browser, stack: Stack, demo: None
) -> None:
    context, page = await new_page(browser, stack, java_script_enabled=False)
    await page.goto("/catalogue")
    await page.fill("#hs", "2930")
    await page.click("form[role=search] button[type=submit]")
    names = await page.locator("#catalogue tbody tr td:first-child").all_text_contents()
    assert "Sodium isopropyl xanthate (imported)" in names
    assert "Potassium butyl xanthate" in names
    await page.check("#local_only")
    await page.click("form[role=search] button[type=submit]")
    names = await page.locator("#catalogue tbody tr td:first-child").all_text_contents()
    assert names == ["Potassium butyl xanthate"]
    await page.screenshot(path=SCREENSHOTS / "catalogue.png", full_page=True)
    await context.close()


async def test_recent_events_update_live_after_a_write(
    browser: Browser, stack: Stack, demo: None, gateway: httpx.AsyncClient
) -> None:
    context, page = await new_page(browser, stack)
    await page.goto("/")
    before = int(await page.locator("#events-list").get_attribute("data-after") or "0")

    name = f"Live Event {random.randrange(10**6)} LLC"
    submitted = await gateway.post(
        APPLICATIONS,
        json={
            "legal_name": name,
            "stir": str(random.randrange(10**8, 10**9)),
            "region": "UZ-SA",
            "sectors": ["pipes"],
            "planned_products": [],
            "requested_cathode_tpy": "100",
            "contact": {
                "name": "Live Test",
                "email": "live@example.uz",
                "phone": "+998 66 000 00 00",
            },
            "proposal": "Live list test.",
        },
    )
    assert submitted.status_code == 201, submitted.text
    fresh = page.locator('#events-list li.new[data-type="membership.application.submitted"]')
    await expect(fresh.first).to_be_visible(timeout=45_000)
    position = int(await fresh.first.get_attribute("data-position") or "0")
    assert position > before
    text = await page.locator("#events-list").inner_text()
    assert name not in text  # the public list names no applicant
    assert submitted.json()["id"] not in text
    await page.screenshot(path=SCREENSHOTS / "events-live.png", full_page=True)
    await context.close()


async def test_the_event_stream_is_server_sent_events(stack: Stack) -> None:
    async with (
        httpx.AsyncClient(base_url=stack.url("gateway"), timeout=10) as client,
        client.stream("GET", "/dashboard/events/stream", params={"after": "0"}) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-store"
        lines: list[str] = []
        async for line in response.aiter_lines():
            lines.append(line)
            if line.startswith("data: ") or len(lines) > 200:
                break
    assert lines[0].startswith("retry: ")
    frame = next(line for line in lines if line.startswith("data: "))
    assert '"subject"' not in frame
    assert '"data"' not in frame
    assert '"label"' in frame
    assert '"time"' in frame


async def test_static_assets_are_cached(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.url("gateway"), timeout=10) as client:
        page = await client.get("/registry")
        css = next(
            part.split('"')[0]
            for part in page.text.split('href="')
            if part.startswith("/dashboard/static/dashboard.css")
        )
        answer = await client.get(css)
        assert answer.status_code == 200
        assert "immutable" in answer.headers["cache-control"]
        assert (await client.get("/dashboard/static/dashboard.js")).headers[
            "cache-control"
        ] == "public, max-age=86400"


async def test_the_on_time_card_and_every_export_link_follow_the_api(
    stack: Stack, demo: None, gateway: httpx.AsyncClient
) -> None:
    """The "On-time reporting" card shows the cluster's KPI as production answers it (in
    Russian here), and each card's export link answers a file."""
    kpi = await gateway.get("/api/v1/production/kpis/on-time-reporting", params={"year": "2025"})
    assert kpi.status_code == 200
    cluster, due_day = kpi.json()["cluster"], kpi.json()["due_day"]
    assert cluster["due"] > 0  # every month of 2025 is due, for every active organisation
    page = await gateway.get("/", params={"year": "2025"}, headers={"Accept-Language": "ru"})
    assert page.status_code == 200
    text = page.text
    card = text[text.index('id="on-time-reporting"') :]
    card = card[: card.index("</section>")]
    assert "Своевременная отчётность, 2025" in card
    for kpi_name, key in (("on-time-count", "on_time"), ("late-count", "late"),
                          ("missing-count", "missing")):  # fmt: skip
        assert f'data-kpi="{kpi_name}">{cluster[key]}<' in card
    with i18n.using("ru"):
        assert f'data-kpi="on-time-share">{charts.percent(cluster["share"])}<' in card
    assert f'data-due-day="{due_day}"' in card
    assert f"до {due_day}-го числа следующего месяца" in card  # noqa: RUF001
    links = re.findall(r'href="(/api/v1/[^"]*format=(csv|xlsx))"', text)
    assert len(links) == 10, links  # five cards, two formats each
    for path, count in (("/catalogue?local_only=1", 4), ("/registry?region=UZ-TO", 2)):
        listed = re.findall(
            r'href="(/api/v1/[^"]*format=(csv|xlsx))"', (await gateway.get(path)).text
        )
        assert len(listed) == count, (path, listed)  # the list's and, there, its suppliers'
        links += listed
    for href, kind in links:
        got = await gateway.get(unescape(href))
        assert got.status_code == 200, (href, got.text[:300])
        wanted = "text/csv" if kind == "csv" else XLSX
        assert got.headers["content-type"].startswith(wanted), href
        assert got.content, href
