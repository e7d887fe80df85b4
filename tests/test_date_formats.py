"""Dates are typed the house way in the admin's language, and every date input says how.

Turkish and Russian take 04.11.2023 (DD.MM.YYYY), every language takes ISO 2023-11-04,
English keeps Django's English formats (and refuses 04.11.2023, see
ankasam/formats/en/formats.py). The first input format of a language is what its date
inputs show and what the admin's calendar writes.
"""

import datetime
import json
import re
import zoneinfo

import lxml.html
import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from tests.articles.factories import ArticleFactory
from tests.formdata import resubmit

NOV_4 = datetime.date(2023, 11, 4)
ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
HINTS = {
    "tr": "GG.AA.YYYY, örn. 04.11.2023",
    "en": "YYYY-MM-DD, e.g. 2023-11-04",
    "ru": "ДД.ММ.ГГГГ, напр. 04.11.2023",
}


def clean_date(code, text):
    with translation.override(code):
        return forms.DateField().clean(text)


def speak(client, code):
    """Switch the admin's interface language as its header's switch does."""
    response = client.post(reverse("set_language"), {"language": code})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == code


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def inputs_by_name(html):
    document = lxml.html.document_fromstring(html)
    return {element.get("name"): element for element in document.xpath("//input")}


def date_input_names(response) -> list[str]:
    """The names of the date inputs of an admin change form, read from its forms
    (the date of a date and time field is its first input, ``<name>_0``)."""
    forms_shown = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms_shown += [*inline.formset.forms, inline.formset.empty_form]
    names = []
    for form in forms_shown:
        for name, field in form.fields.items():
            if isinstance(field.widget, forms.SplitDateTimeWidget):
                names.append(f"{form.add_prefix(name)}_0")
            elif isinstance(field.widget, forms.DateInput):
                names.append(form.add_prefix(name))
    return names


# --- Parsing and display ---------------------------------------------------------


@pytest.mark.parametrize("code", ["tr", "ru"])
@pytest.mark.parametrize("text", ["04.11.2023", "4.11.2023"])
def test_the_house_format_is_a_date_in_turkish_and_russian(code, text):
    assert clean_date(code, text) == NOV_4


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_iso_is_a_date_in_every_language(code):
    assert clean_date(code, "2023-11-04") == NOV_4


def test_english_refuses_the_dotted_format_rather_than_guess_the_order():
    # English reads 04/11/2023 month first (11 April); the same digits with dots
    # must not silently mean 4 November.
    assert clean_date("en", "04/11/2023") == datetime.date(2023, 4, 11)
    with pytest.raises(ValidationError):
        clean_date("en", "04.11.2023")


def test_turkish_does_not_read_two_digit_years_first():
    # Django's Turkish formats read 04-11-23 as 2004-11-23; a Turkish editor means
    # 4 November 2023. Refused instead.
    with pytest.raises(ValidationError):
        clean_date("tr", "04-11-23")


@pytest.mark.parametrize(
    ("code", "shown"),
    [("tr", "04.11.2023"), ("ru", "04.11.2023"), ("en", "2023-11-04")],
)
def test_a_date_input_shows_the_languages_own_format(code, shown):
    with translation.override(code):
        assert AdminDateWidget().format_value(NOV_4) == shown


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_what_a_date_input_shows_reads_back_as_the_same_date(code):
    with translation.override(code):
        shown = AdminDateWidget().format_value(NOV_4)
    assert clean_date(code, shown) == NOV_4


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_a_publication_date_and_time_in_the_house_format_is_a_moment(code):
    with translation.override(code):
        moment = forms.SplitDateTimeField().clean(["04.11.2023", "14:30"])
    assert moment == datetime.datetime(2023, 11, 4, 14, 30, tzinfo=ISTANBUL)


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_a_date_and_time_in_one_input_in_the_house_format_is_a_moment(code):
    with translation.override(code):
        moment = forms.DateTimeField().clean("04.11.2023 14:30")
    assert moment == datetime.datetime(2023, 11, 4, 14, 30, tzinfo=ISTANBUL)


# --- The admin's calendar --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_calendar_writes_dates_the_way_the_server_reads_them(admin_client, code):
    # DateTimeShortcuts.js writes "Today" and picked days with the catalog's first
    # DATE_INPUT_FORMATS and reads an input's date back with core.js's strptime,
    # which knows %d, %m, %Y and %y between ".", "-" and "/" only.
    speak(admin_client, code)
    catalog = admin_client.get(reverse("admin:jsi18n")).content.decode()
    formats = json.loads(re.search(r"django\.formats = (\{.*?\});", catalog, re.S)[1])
    written = formats["DATE_INPUT_FORMATS"][0]
    assert re.fullmatch(r"%[dmYy]([.\-/]%[dmYy]){2}", written)
    assert clean_date(code, NOV_4.strftime(written)) == NOV_4
    with translation.override(code):
        assert NOV_4.strftime(written) == AdminDateWidget().format_value(NOV_4)


# --- The admin's forms -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["tr", "ru"])
def test_a_citation_access_date_typed_the_house_way_is_saved(admin_client, code):
    article = ArticleFactory()
    speak(admin_client, code)

    response = resubmit(
        admin_client, change_url(article), {"citations-0-accessed_on": "05.11.2023"}
    )

    assert response.status_code == 302, response.context["errors"]
    assert article.citations.get().accessed_on == datetime.date(2023, 11, 5)


@pytest.mark.django_db
def test_a_publication_date_typed_the_house_way_is_saved(admin_client):
    article = ArticleFactory()
    speak(admin_client, "tr")
    page = admin_client.get(change_url(article))
    dates = [name for name in date_input_names(page) if "published_at" in name]
    assert dates
    changes = {}
    for date in dates:  # published_at_0, and its time published_at_1
        changes |= {date: "04.11.2023", f"{date.removesuffix('_0')}_1": "14:30"}

    response = resubmit(admin_client, change_url(article), changes)

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert timezone.localtime(article.published_at) == datetime.datetime(
        2023, 11, 4, 14, 30, tzinfo=ISTANBUL
    )


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_an_unchanged_article_form_saves_and_keeps_its_dates(admin_client, code):
    published_at = datetime.datetime(2023, 11, 4, 14, 30, tzinfo=ISTANBUL)
    article = ArticleFactory(published_at=published_at)
    speak(admin_client, code)

    response = resubmit(admin_client, change_url(article))

    assert response.status_code == 302, response.context["errors"]
    article.refresh_from_db()
    assert article.published_at == published_at
    assert article.citations.get().accessed_on == NOV_4


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_date_input_of_the_article_form_says_its_format(admin_client, code):
    article = ArticleFactory()
    speak(admin_client, code)

    page = admin_client.get(change_url(article))

    names = date_input_names(page)
    # The citation row, the inline's template for new rows, the publication date.
    assert {"citations-0-accessed_on", "citations-__prefix__-accessed_on"} <= {*names}
    assert any("published_at" in name for name in names)
    inputs = inputs_by_name(page.content.decode())
    for name in names:
        assert inputs[name].get("placeholder") == HINTS[code]
        assert inputs[name].get("title") == HINTS[code]


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_an_existing_access_date_is_shown_in_the_languages_format(admin_client, code):
    article = ArticleFactory()
    speak(admin_client, code)

    inputs = inputs_by_name(admin_client.get(change_url(article)).content.decode())

    expected = "2023-11-04" if code == "en" else "04.11.2023"
    assert inputs["citations-0-accessed_on"].get("value") == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "typed"), [("tr", "31.02.2023"), ("en", "04.11.2023")]
)
def test_a_refused_access_date_says_the_format_next_to_the_error(
    admin_client, code, typed
):
    article = ArticleFactory()
    speak(admin_client, code)

    response = resubmit(
        admin_client, change_url(article), {"citations-0-accessed_on": typed}
    )

    assert response.status_code == 200
    document = lxml.html.document_fromstring(response.content.decode())
    (cell,) = document.xpath("//tr[@id='citations-0']/td[@class='field-accessed_on']")
    assert cell.xpath(".//ul[contains(@class, 'errorlist')]")
    assert cell.xpath("string(.//span[@class='help'])") == HINTS[code]
    assert article.citations.get().accessed_on == NOV_4


def admin_date_fields():
    """Every editable date and datetime field of the admin's forms and inlines, with
    the admin (or inline) that builds its form field."""
    found = []
    for model, model_admin in admin.site._registry.items():
        admins = [model_admin, *(i(model, admin.site) for i in model_admin.inlines)]
        found += [
            pytest.param(each, field, id=f"{field.model._meta.label}.{field.name}")
            for each in admins
            for field in each.model._meta.concrete_fields
            if field.editable
            and field.get_internal_type() in ("DateField", "DateTimeField")
        ]
    return found


def test_the_admin_has_date_and_datetime_fields():
    # Guards the parametrization below from silently testing nothing.
    fields = {param.id for param in admin_date_fields()}
    assert {
        "citations.Citation.accessed_on",
        "citations.Source.published_on",
        "articles.Article.published_at",
        "auth.User.date_joined",
    } <= fields


@pytest.mark.parametrize(("model_admin", "field"), admin_date_fields())
def test_every_date_input_of_the_admin_says_its_format(rf, model_admin, field):
    formfield = model_admin.formfield_for_dbfield(field, rf.get("/admin/"))

    html = formfield.widget.render(field.name, None)

    # A date and time field's date comes first, then its time.
    date = lxml.html.fragment_fromstring(html, create_parent=True).xpath(".//input")[0]
    assert date.get("name") in (field.name, f"{field.name}_0")
    assert date.get("placeholder") == HINTS["tr"]
