"""Dates as readers see them: one written-out style per language, in the site's zone.

Every surface that writes a date out for a reader (article header, cards, notes, Cite
this, Chicago and APA) calls these functions, so a language has one style:

- Turkish: 6 Kasım 2023
- English: November 6, 2023 (the order Chicago and APA use, and CLDR's)
- Russian: 6 ноября 2023 (genitive month, without "г.", which would clash with the
  period that ends a reference)

An aware datetime is first turned into the calendar day of the current time zone,
``settings.TIME_ZONE`` (Europe/Istanbul) unless one is activated, so an article
published at 23:30 UTC is dated the next day everywhere, references included.
Month names come from CLDR through Babel: no strings to translate.
"""

from datetime import date, datetime

from babel.dates import format_date
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

# CLDR patterns: "MMMM" is the month as it stands in a date (Russian genitive).
LONG = {"tr": "d MMMM y", "en": "MMMM d, y", "ru": "d MMMM y"}
# The same day and month without the year, as APA writes them: "(2023, 6 Kasım)".
DAY_MONTH = {"tr": "d MMMM", "en": "MMMM d", "ru": "d MMMM"}


def local_day(value: date | datetime) -> date:
    """The calendar day of ``value``: an aware datetime in the current time zone."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _language(language: str | None) -> str:
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LONG else settings.LANGUAGE_CODE


def long_date(value: date | datetime, language: str | None = None) -> str:
    """``value`` written out in ``language`` (default: the active one)."""
    code = _language(language)
    return format_date(local_day(value), LONG[code], locale=code)


def day_month(value: date | datetime, language: str | None = None) -> str:
    """Day and month of ``value`` in ``language``, as in long_date without the year."""
    code = _language(language)
    return format_date(local_day(value), DAY_MONTH[code], locale=code)


def numeric_date(value: date | datetime) -> str:
    """DD.MM.YYYY, the form Turkish and Russian notes give access dates in."""
    return f"{local_day(value):%d.%m.%Y}"
