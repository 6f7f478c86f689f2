"""The three languages: the catalogs are complete (the CI check), the language is chosen as
RFC 9110 says and never fails, formats are Babel's, the code lists hold the services' codes,
and problems speak the language asked for (an unmarked message still answers, in English)."""

# ruff: noqa: RUF001 (Russian and Uzbek text: Cyrillic letters and U+02BB are meant)
from __future__ import annotations

import re
from datetime import date

import orjson
import pytest
from babel.messages.pofile import read_po
from fastapi.exceptions import RequestValidationError

from clusterkit import errors, i18n
from clusterkit.codes import CODE_LISTS, Region
from clusterkit.locale import catalogs
from clusterkit.problems import domain_error_response, validation_errors
from membership.applications.rules import ApplicationStatus
from membership.domain import Sector
from membership.domain import Unit as MembershipUnit
from membership.members.rules import MemberStatus
from production.domain import Metric, ProductCategory
from supply.domain import Category, Currency
from supply.domain import Unit as SupplyUnit
from supply.items.rules import ItemStatus
from supply.offers.rules import OfferStatus
from supply.orders.rules import OrderStatus
from supply.requests.rules import RequestStatus
from supply.suppliers.rules import SupplierStatus


def test_every_message_is_translated_in_every_language() -> None:
    report = catalogs.check()
    assert not report.stale_template, (
        "messages in the code but not in messages.pot; run `python -m clusterkit.i18n "
        f"update` and translate them: {report.stale_template}"
    )
    missing = {language: msgids for language, msgids in report.missing.items() if msgids}
    assert not missing, f"messages without a translation: {missing}"


def test_the_check_fails_listing_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real = catalogs.extracted

    def with_a_new_message() -> object:
        template = real()
        template.add("A message nobody translated yet.")
        return template

    monkeypatch.setattr(catalogs, "extracted", with_a_new_message)
    report = catalogs.check()
    assert report.failed
    assert report.stale_template == ["A message nobody translated yet."]
    for language in i18n.LANGUAGES:
        assert "A message nobody translated yet." in report.missing[language]
    assert catalogs.main(["check"]) == 1


def test_uzbek_is_written_with_the_turned_comma_not_apostrophes() -> None:
    with catalogs.po_path("uz").open("rb") as po:
        catalog = read_po(po)
    wrong = re.compile(r"[OoGg]['`‘’]")  # the look-alikes this test refuses
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert not wrong.search(text or ""), f"{message.id!r}: {text!r}"
    assert "Qoraqalpogʻiston Respublikasi" in [m.string for m in catalog]


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        ("uz-Latn-UZ", "uz"),
        ("uz", "uz"),
        ("en-US;q=0.4, ru;q=0.7", "ru"),
        ("uz-Cyrl", "en"),  # Uzbek in Cyrillic is not what we write: the default
        ("de-DE, fr;q=0.9", "en"),
        ("*", "en"),
        ("ru;q=0, uz;q=0.1", "uz"),
        ("ru;q=banana, uz;q=0.5", "uz"),
        (";;;,,,q=", "en"),
        ("x" * 5000, "en"),
        (None, "en"),
        ("", "en"),
    ],
)
def test_the_language_is_negotiated_and_unknown_ones_fall_back(
    header: str | None, chosen: str
) -> None:
    assert i18n.negotiate(header, i18n.LANGUAGES, "en") == chosen


def test_formats_are_the_languages_own() -> None:
    assert i18n.format_decimal("148500", "en", places=0) == "148,500"
    assert i18n.format_decimal("148500", "ru", places=0) == "148\xa0500"
    assert i18n.format_decimal("1234.5", "uz", places=1) == "1\xa0234,5"
    assert i18n.format_percent("0.1561", "ru") == "15,6%"
    assert i18n.format_percent("0.1561", "en") == "15.6%"
    assert i18n.format_month("2025-03", "ru") == "март 2025"
    assert i18n.format_month("2025-03", "uz").lower() == "mart 2025"
    assert i18n.format_month("2025-03", "en") == "March 2025"
    assert i18n.format_date(date(2025, 3, 1), "en") == "Mar 1, 2025"
    assert i18n.format_decimal(None) == "—"


def test_messages_translate_fill_in_and_fall_back_to_english() -> None:
    assert i18n.gettext("ru", "Not Found") == "Не найдено"
    assert i18n.gettext("uz", "Tashkent City") == "Toshkent shahri"
    assert i18n.gettext("ru", "Republic of Karakalpakstan") == "Республика Каракалпакстан"
    assert i18n.gettext("ru", "{period} is already locked.", period="2025-03") == (
        "Период 2025-03 уже закрыт."
    )
    assert i18n.gettext("ru", "Not in any catalog: {x}", x=1) == "Not in any catalog: 1"
    assert i18n.gettext("xx", "Not Found") == "Not Found"
    assert i18n.ngettext("ru", "%(count)s day", "%(count)s days", 5) == "%(count)s дней"
    with i18n.using("uz"):
        assert i18n.current_language() == "uz"
        assert i18n.gettext(None, "Submitted") == "Topshirilgan"
    assert i18n.current_language() == "en"


def test_the_code_lists_hold_every_code_the_services_speak_in() -> None:
    def codes(name: str) -> set[str]:
        return set(CODE_LISTS[name].names)

    assert codes("regions") == {r.value for r in Region}
    assert codes("sectors") == {s.value for s in Sector}
    assert codes("product-categories") == {c.value for c in ProductCategory}
    assert codes("categories") == {c.value for c in Category}
    assert codes("metrics") == {m.value for m in Metric}
    assert codes("units") == {u.value for u in (*MembershipUnit, *SupplyUnit)}
    assert codes("currencies") == {c.value for c in Currency}
    assert codes("application-states") == {s.value for s in ApplicationStatus}
    assert codes("member-states") == {s.value for s in MemberStatus}
    assert codes("supplier-states") == {s.value for s in SupplierStatus}
    assert codes("item-states") == {s.value for s in ItemStatus}
    assert codes("request-states") == {s.value for s in RequestStatus}
    assert codes("offer-states") == {s.value for s in OfferStatus}
    assert codes("order-states") == {s.value for s in OrderStatus}
    offers = {i["code"]: i["name"] for i in CODE_LISTS["offer-states"].items("ru")}
    applications = {i["code"]: i["name"] for i in CODE_LISTS["application-states"].items("ru")}
    assert (offers["withdrawn"], applications["withdrawn"]) == ("Отозвано", "Отозвана")


def _body(response: object) -> dict[str, object]:
    body: dict[str, object] = orjson.loads(response.body)  # type: ignore[attr-defined]
    return body


def test_a_domain_error_answers_in_the_language_asked_for() -> None:
    error = errors.Conflict(
        i18n.N_("{period} is already locked."),
        code="already-locked",
        params={"period": "2025-03"},
        locked_at="2025-04-01",
    )
    assert error.detail == "2025-03 is already locked."
    ru = domain_error_response(error, "/x", "ru")
    assert ru.headers["content-language"] == "ru"
    assert _body(ru) | {"request_id": None} == {
        "type": "https://coppercluster.uz/problems/already-locked",
        "title": "Конфликт",
        "status": 409,
        "detail": "Период 2025-03 уже закрыт.",
        "instance": "/x",
        "locked_at": "2025-04-01",
        "request_id": None,
    }
    uz = _body(domain_error_response(error, "/x", "uz"))
    assert (uz["title"], uz["detail"]) == ("Ziddiyat", "2025-03 davri allaqachon yopilgan.")
    # a message nobody marked yet (another service's f-string) still answers, in English
    unmarked = _body(domain_error_response(errors.Forbidden("Only suppliers offer."), None, "ru"))
    assert (unmarked["title"], unmarked["detail"]) == ("Доступ запрещён", "Only suppliers offer.")


def test_field_errors_are_translated_with_their_parameters() -> None:
    error = errors.InvalidFields(
        (
            "reason",
            i18n.N_("{period} is locked: a correction needs a reason."),
            {"period": "2025-01"},
        ),
        ("period", i18n.N_("A period is YYYY-MM.")),
    )
    assert error.errors[0]["message"] == "2025-01 is locked: a correction needs a reason."
    body = _body(domain_error_response(error, None, "ru"))
    assert [e["message"] for e in body["errors"]] == [  # type: ignore[attr-defined]
        "Период 2025-01 закрыт: для исправления нужна причина.",
        "Период задаётся в виде ГГГГ-ММ (YYYY-MM).",
    ]


def test_pydantic_errors_are_said_by_type_with_their_context() -> None:
    exc = RequestValidationError(
        [
            {"loc": ("body", "stir"), "msg": "String should have at least 9 characters",
             "type": "string_too_short", "ctx": {"min_length": 9}},
            {"loc": ("body", "region"), "msg": "Field required", "type": "missing"},
            {"loc": ("body", "odd"), "msg": "Some rare complaint", "type": "kit_custom"},
        ]
    )  # fmt: skip
    messages = [e["message"] for e in validation_errors(exc, "uz")]
    assert messages == [
        "Kamida 9 ta belgi kiriting.",
        "Bu maydon toʻldirilishi shart.",
        "Some rare complaint",  # a custom type (not pydantic's) keeps its English
    ]


def test_every_pydantic_error_type_has_a_message_and_the_check_fails_without() -> None:
    import typing

    from pydantic_core.core_schema import ErrorType

    from clusterkit.locale.problems import FIELD_MESSAGES

    assert typing.get_args(i18n.Language) == i18n.LANGUAGES  # a body's language field
    every = typing.get_args(ErrorType)
    assert len(every) > 100  # the literal pydantic_core answers, not a list kept here
    assert catalogs.check().english_only_types == []
    for type_ in every:
        for language in ("ru", "uz"):
            assert i18n.gettext(language, FIELD_MESSAGES[type_]) != FIELD_MESSAGES[type_], type_


def test_the_check_fails_naming_a_pydantic_type_without_a_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from clusterkit.locale.problems import FIELD_MESSAGES

    monkeypatch.delitem(FIELD_MESSAGES, "uuid_parsing")
    report = catalogs.check()
    assert report.english_only_types == ["uuid_parsing"]
    assert report.failed
    assert catalogs.main(["check"]) == 1


def test_a_validators_own_message_is_said_in_the_language_too() -> None:
    from pydantic import ValidationError

    from production.plans.schemas import PlanIn

    with pytest.raises(ValidationError) as caught:
        PlanIn.model_validate({})
    errors_ = caught.value.errors()
    said = [e["message"] for e in validation_errors(RequestValidationError(errors_), "ru")]
    assert "Недопустимое значение: укажите либо monthly (12 целевых значений), либо annual" in said


def test_the_rarer_pydantic_errors_are_said_by_type_too() -> None:
    """Real validation errors (their ``ctx`` as pydantic makes it) of the types added last."""
    from typing import Annotated, Literal

    from pydantic import UUID4, BaseModel, Field, ValidationError

    class Plain(BaseModel):
        kind: Literal["plain"]

    class Boxed(BaseModel):
        kind: Literal["boxed"]

    class Asked(BaseModel):
        id: UUID4
        shape: Annotated[Plain | Boxed, Field(discriminator="kind")]

    with pytest.raises(ValidationError) as caught:
        Asked.model_validate({"id": "a0eebc99-9c0b-1ef8-bb6d-6bb9bd380a11", "shape": {"kind": "x"}})
    exc = RequestValidationError(caught.value.errors())
    said = {e["field"]: e["message"] for e in validation_errors(exc, "ru")}
    assert said == {
        "id": "Введите UUID версии 4.",
        "shape": "Выберите 'kind' из: 'plain', 'boxed'.",
    }


def test_every_event_type_has_a_public_label_on_the_dashboard() -> None:
    """The recent-events card names each type the services publish (not its raw code), in
    every language."""
    from gateway.dashboard.live import LABELS, short_type
    from membership.events import contracts as membership_events
    from production.events import contracts as production_events
    from supply.events import contracts as supply_events

    types = [t for c in (membership_events, production_events, supply_events) for t in c.by_type]
    assert "uz.coppercluster.supply.supplier.certificate_expiring.v1" in types
    unlabelled = [t for t in types if short_type(t) not in LABELS]
    assert unlabelled == []
    label = LABELS["production.report.returned"]
    assert i18n.gettext("ru", label) == "Отчёт о производстве возвращён на доработку"
