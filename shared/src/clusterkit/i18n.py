"""The cluster's three languages: Uzbek (Latin script), Russian and English.

Messages are English msgids in one gettext catalog for the whole platform
(``clusterkit/locale/<language>/LC_MESSAGES/messages.po``), read with Babel when first
needed: the ``.po`` files ship as package data and nothing has to be compiled before a
service starts (``python -m clusterkit.i18n compile`` writes ``.mo`` files for tools that
want them). Python msgids take ``{name}`` parameters, templates' Jinja's ``%(name)s``.

- ``N_("...")`` marks a message where it is written; it is translated when it is shown
  (``NC_(context, "...")`` and ``pgettext``: a word whose translation depends on context).
- ``gettext(language, msgid, **params)`` and ``ngettext(...)`` translate and fill in; a
  message that is not in the catalog (an unmarked English detail) renders as it is.
- ``negotiate(accept_language, supported, default)``: RFC 9110 q-values; ``uz-Latn`` and
  ``ru-RU`` are ``uz`` and ``ru``; anything unknown is the default, never an error.
- ``Locale``: the API's dependency (``Accept-Language``, else the ``api_language`` setting).
- ``format_decimal``, ``format_percent``, ``format_date``, ``format_month``: Babel's formats.

The commands that keep the catalogs: ``python -m clusterkit.i18n extract|update|compile|check``
(see :mod:`clusterkit.locale.catalogs`).
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import io
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import Annotated, Any, Literal, cast

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from fastapi import Depends, Request
from pydantic import Field

LANGUAGES: tuple[str, ...] = ("uz", "ru", "en")
# A language as a field of a body (a recipient's: the notices are written in it).
Language = Literal["uz", "ru", "en"]
# A contact's language (an applicant's, a supplier's), as its body gives it.
NoticeLanguage = Annotated[
    Language | None,
    Field(
        description="The language of the notices sent to this contact; when left out, the "
        "best match of the request's Accept-Language (none: the platform's default)"
    ),
]
SOURCE_LANGUAGE = "en"  # the msgids' language
DEFAULT_API_LANGUAGE = "en"
DEFAULT_PAGE_LANGUAGE = "uz"
DOMAIN = "messages"
# What each language calls itself (the pages' language switch; Uzbek with U+02BB).
NATIVE_NAMES = {"uz": "O\u02bbzbekcha", "ru": "Русский", "en": "English"}
# Babel's locale for a language of ours (Uzbek is written in Latin script here).
BABEL_LOCALES = {"uz": "uz_Latn_UZ", "ru": "ru_RU", "en": "en"}

_language: ContextVar[str | None] = ContextVar("clusterkit_language", default=None)


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the catalog; it is translated where it is shown."""
    return msgid


def NC_(context: str, msgid: str) -> str:
    """Mark ``msgid`` said in ``context`` (a word whose translation depends on what it is
    about: an offer "Withdrawn" is not an application "Withdrawn" in Russian); translate it
    with :func:`pgettext`."""
    return msgid


@cache
def _translations(language: str) -> _gettext.NullTranslations:
    """The language's catalog, read from its ``.po`` and compiled in memory (fuzzy entries
    left out: a guess is not a translation)."""
    source = files("clusterkit") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language not in LANGUAGES or not source.is_file():
        return _gettext.NullTranslations()
    with source.open("rb") as po:
        catalog = read_po(po, locale=BABEL_LOCALES[language], domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def warm() -> None:
    """Read every catalog now (a service's start), not on the first request that needs one."""
    for language in LANGUAGES:
        _translations(language)


def _fill(text: str, params: Mapping[str, Any]) -> str:
    if not params:
        return text
    try:
        return text.format_map(params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):  # not a msgid of ours
        return text


def gettext(language: str | None, msgid: str, /, **params: Any) -> str:
    """``msgid`` in ``language`` (None: the current one), ``{name}`` filled from ``params``.
    A message the catalog lacks renders in English, as it was written."""
    text = _translations(_known(language)).gettext(msgid) if msgid else msgid
    return _fill(text, params)


def pgettext(language: str | None, context: str, msgid: str, /, **params: Any) -> str:
    """``msgid`` as said in ``context``; the context-free translation when it has none."""
    translations = _translations(_known(language))
    text = translations.pgettext(context, msgid)
    if text == msgid:
        text = translations.gettext(msgid)
    return _fill(text, params)


def ngettext(language: str | None, singular: str, plural: str, n: int, /, **params: Any) -> str:
    """The form of ``singular``/``plural`` for ``n`` in ``language``; ``{n}`` is ``n``."""
    text = _translations(_known(language)).ngettext(singular, plural, n)
    return _fill(text, {"n": n, **params})


def _known(language: str | None) -> str:
    chosen = language or _language.get() or SOURCE_LANGUAGE
    return chosen if chosen in LANGUAGES else SOURCE_LANGUAGE


def language_code(tag: str, supported: Sequence[str] = LANGUAGES) -> str | None:
    """Ours for a language tag: ``uz-Latn-UZ`` -> ``uz``, ``ru-RU`` -> ``ru``; else None.
    Uzbek in Cyrillic (``uz-Cyrl``) is not Latin Uzbek: None."""
    parts = tag.strip().lower().replace("_", "-").split("-")
    if not parts[0] or parts[0] not in supported:
        return None
    if parts[0] == "uz" and "cyrl" in parts[1:]:
        return None
    return parts[0]


def weighted(header: str | None) -> Iterator[tuple[float, str]]:
    """The items of an ``Accept``-style header (``Accept``, ``Accept-Language``) with their
    quality values (RFC 9110 §12.4.2), in the header's order; an unreadable ``q`` is 0. A
    long header is read only so far (1,000 characters, 50 items): it is the client's input."""
    for item in (header or "")[:1000].split(",")[:50]:
        value, *attributes = item.split(";")
        quality = 1.0
        for attribute in attributes:
            name, _, raw = attribute.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(raw)
                except ValueError:
                    quality = 0.0
        yield quality, value.strip()


def negotiate(
    accept_language: str | None,
    supported: Sequence[str] = LANGUAGES,
    default: str = DEFAULT_API_LANGUAGE,
) -> str:
    """The best of ``supported`` for an ``Accept-Language`` (RFC 9110 §12.5.4), ``default``
    when none fits, the header is absent or it cannot be read (never an error)."""
    best: tuple[float, int, str] | None = None
    for position, (quality, tag) in enumerate(weighted(accept_language)):
        if not 0 < quality <= 1:
            continue
        code = default if tag.strip() == "*" else language_code(tag, supported)
        if code is None:
            continue
        ranked = (quality, -position, code)
        if best is None or ranked[:2] > best[:2]:
            best = ranked
    return best[2] if best else default


def setting_language(request: Request, name: str, default: str) -> str:
    """A language default from the app's settings (``api_language``, ``page_language``)."""
    app = request.scope.get("app")  # none on the gateway's proxy path (plain ASGI)
    runtime = getattr(getattr(app, "state", None), "runtime", None)
    chosen = getattr(getattr(runtime, "settings", None), name, None) or default
    return chosen if chosen in LANGUAGES else default


def request_language(request: Request) -> str:
    """The API's language for ``request``: its ``Accept-Language``, else the setting."""
    default = setting_language(request, "api_language", DEFAULT_API_LANGUAGE)
    return negotiate(request.headers.get("accept-language"), LANGUAGES, default)


def accepted_language(request: Request) -> Language | None:
    """The best of ours that ``request``'s ``Accept-Language`` asks for; None when it asks
    for none of them (a recipient's language is then left to the notifier's default)."""
    chosen = negotiate(request.headers.get("accept-language"), LANGUAGES, default="")
    return cast(Language, chosen) if chosen else None


async def _locale(request: Request) -> str:
    return set_language(request_language(request))  # formats and messages follow it


# The API's language as an endpoint parameter: ``language: Locale`` (answer it with
# ``Content-Language: language``).
Locale = Annotated[str, Depends(_locale)]


def set_language(language: str) -> str:
    """Answer in ``language`` for the rest of this request (its task's context)."""
    _language.set(_known(language))
    return _known(language)


def current_language() -> str:
    """The language being answered in (set by ``Locale`` or ``using``), else English."""
    return _known(None)


@contextlib.contextmanager
def using(language: str) -> Iterator[str]:
    """Messages and formats in ``language`` inside the block."""
    token = _language.set(_known(language))
    try:
        yield _known(language)
    finally:
        _language.reset(token)


def _babel(language: str | None) -> str:
    return BABEL_LOCALES[_known(language)]


Number = Decimal | int | float | str


def format_decimal(
    value: Number | None, language: str | None = None, *, places: int | None = None
) -> str:
    """A number with the language's separators (``1 234,5`` in uz and ru), rounded half
    up to ``places`` decimals when given; an em dash when unknown."""
    if value is None:
        return "—"
    number = Decimal(str(value))
    pattern = None
    if places is not None:
        pattern = "#,##0" + ("." + "0" * places if places else "")
    return babel_numbers.format_decimal(
        number, format=pattern, locale=_babel(language), decimal_quantization=True
    )


def format_percent(value: Number | None, language: str | None = None, *, places: int = 1) -> str:
    """A share (0.1561) as the language writes a percentage (``15,6%``); em dash unknown."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * places if places else "") + "%"
    return babel_numbers.format_percent(
        Decimal(str(value)), format=pattern, locale=_babel(language)
    )


def format_date(
    value: date | datetime | str | None, language: str | None = None, *, format: str = "medium"
) -> str:
    """A date as the language writes it (``format``: Babel's short/medium/long/full or a
    CLDR pattern); ISO text is read first. Em dash when unknown."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.date()
    return babel_dates.format_date(value, format=format, locale=_babel(language))


def format_datetime(value: datetime | str | None, language: str | None = None) -> str:
    """A moment as the language writes it, short (``01.03.2025, 14:05`` in ru)."""
    if value is None or value == "":
        return "—"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return babel_dates.format_datetime(
        moment, format="short", tzinfo=moment.tzinfo, locale=_babel(language)
    )


def format_month(period: str, language: str | None = None, *, width: str = "wide") -> str:
    """A ``YYYY-MM`` period as its month's name and year (``mart 2025``, ``март 2025``)."""
    year, _, month = period.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return period
    pattern = "LLLL y" if width == "wide" else "LLL"
    return babel_dates.format_date(
        date(int(year), int(month), 1), format=pattern, locale=_babel(language)
    )


def month_name(
    month: int,
    language: str | None = None,
    *,
    width: Literal["abbreviated", "narrow", "wide"] = "abbreviated",
) -> str:
    """A month's stand-alone name (``width``: wide, abbreviated, narrow)."""
    names = babel_dates.get_month_names(width, context="stand-alone", locale=_babel(language))
    return str(names[month])


if __name__ == "__main__":
    from clusterkit.locale.catalogs import main

    raise SystemExit(main())
