"""ankasam.dates: one written-out date style per language, in the site's time zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from ankasam.dates import day_month, local_day, long_date, numeric_date

NOV_6 = datetime.date(2023, 11, 6)
# 23:30 UTC on 1 December is 02:30 on 2 December in Istanbul.
LATE_EVENING = datetime.datetime(2023, 12, 1, 23, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("code", "written"),
    [("tr", "6 Kasım 2023"), ("en", "November 6, 2023"), ("ru", "6 ноября 2023")],
)
def test_long_date_per_language(code, written):
    assert long_date(NOV_6, code) == written


@pytest.mark.parametrize(
    ("code", "written"),
    [("tr", "6 Kasım"), ("en", "November 6"), ("ru", "6 ноября")],
)
def test_day_and_month_for_apa_keep_the_languages_order_and_case(code, written):
    assert day_month(NOV_6, code) == written


@pytest.mark.parametrize(
    ("month", "tr", "ru"),
    [
        (2, "1 Şubat 2024", "1 февраля 2024"),
        (3, "1 Mart 2024", "1 марта 2024"),
        (5, "1 Mayıs 2024", "1 мая 2024"),
        (8, "1 Ağustos 2024", "1 августа 2024"),
        (9, "1 Eylül 2024", "1 сентября 2024"),
        (12, "1 Aralık 2024", "1 декабря 2024"),
    ],
)
def test_turkish_letters_and_russian_genitive_months(month, tr, ru):
    day = datetime.date(2024, month, 1)
    assert long_date(day, "tr") == tr
    assert long_date(day, "ru") == ru


def test_the_day_has_no_leading_zero():
    assert long_date(datetime.date(2023, 12, 2), "tr") == "2 Aralık 2023"
    assert numeric_date(datetime.date(2023, 12, 2)) == "02.12.2023"


def test_the_site_time_zone_is_istanbul():
    assert settings.TIME_ZONE == "Europe/Istanbul"
    assert settings.USE_TZ


@pytest.mark.parametrize(
    ("code", "written"),
    [("tr", "2 Aralık 2023"), ("en", "December 2, 2023"), ("ru", "2 декабря 2023")],
)
def test_an_aware_datetime_is_dated_in_the_site_time_zone(code, written):
    assert local_day(LATE_EVENING) == datetime.date(2023, 12, 2)
    assert long_date(LATE_EVENING, code) == written


def test_an_activated_time_zone_is_followed():
    with timezone.override(ZoneInfo("America/New_York")):
        assert long_date(LATE_EVENING, "en") == "December 1, 2023"


def test_the_active_language_is_the_default():
    with translation.override("ru"):
        assert long_date(NOV_6) == "6 ноября 2023"
    with translation.override("tr"):
        assert long_date(NOV_6) == "6 Kasım 2023"


def test_an_unknown_language_falls_back_to_turkish():
    assert long_date(NOV_6, "de") == "6 Kasım 2023"


@pytest.mark.parametrize(
    ("code", "written"), [("tr", "2 Aralık 2023"), ("en", "December 2, 2023")]
)
def test_template_filter(code, written):
    template = Template(
        "{% load date_tags %}{{ moment|long_date }}|{{ none|long_date }}"
    )
    with translation.override(code):
        assert template.render(Context({"moment": LATE_EVENING})) == f"{written}|"


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_every_day_of_a_year_is_written_as_cldr_writes_it(code):
    """The month names written out in ankasam.dates are CLDR's, through Babel, as
    are the patterns, for every day of a leap year."""
    from babel.dates import format_date

    patterns = {"tr": "d MMMM y", "en": "MMMM d, y", "ru": "d MMMM y"}
    short = {"tr": "d MMMM", "en": "MMMM d", "ru": "d MMMM"}
    day = datetime.date(2024, 1, 1)
    while day.year == 2024:
        assert long_date(day, code) == format_date(day, patterns[code], locale=code)
        assert day_month(day, code) == format_date(day, short[code], locale=code)
        day += datetime.timedelta(days=1)
