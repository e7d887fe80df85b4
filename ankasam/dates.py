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
Month names are CLDR's, as Babel gives them for a month in a date (the Russian
genitive): written out here, because loading a language's whole CLDR data to
read twelve names costs each web process megabytes; a test holds them to Babel's.
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

# CLDR's "MMMM" (format context, wide) for January to December.
MONTHS = {
    "tr": (
        "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
        "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "ru": (
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ),
}  # fmt: skip
# CLDR's patterns, for Babel's format_date: "d MMMM y" and so on.
LONG = {"tr": "{d} {MMMM} {y}", "en": "{MMMM} {d}, {y}", "ru": "{d} {MMMM} {y}"}
# The same day and month without the year, as APA writes them: "(2023, 6 Kasım)".
DAY_MONTH = {"tr": "{d} {MMMM}", "en": "{MMMM} {d}", "ru": "{d} {MMMM}"}


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


def _written(day: date, pattern: str, code: str) -> str:
    return pattern.format(d=day.day, MMMM=MONTHS[code][day.month - 1], y=day.year)


def long_date(value: date | datetime, language: str | None = None) -> str:
    """``value`` written out in ``language`` (default: the active one)."""
    code = _language(language)
    return _written(local_day(value), LONG[code], code)


def day_month(value: date | datetime, language: str | None = None) -> str:
    """Day and month of ``value`` in ``language``, as in long_date without the year."""
    code = _language(language)
    return _written(local_day(value), DAY_MONTH[code], code)


def numeric_date(value: date | datetime) -> str:
    """DD.MM.YYYY, the form Turkish and Russian notes give access dates in."""
    return f"{local_day(value):%d.%m.%Y}"
