"""The public list of corrections and updates, one per language, newest first."""

import datetime

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from editorial.services import article_save, article_trash
from tests.articles.factories import ArticleFactory
from tests.editorial.conftest import client_for, make_user
from tests.formdata import resubmit

pytestmark = pytest.mark.django_db


def list_url(code: str) -> str:
    with translation.override(code):
        return reverse("articles:corrections")


def correct(article, *rows):
    """Give ``article`` these corrections (language, date, text[, kind]) through
    the write path, as the article form does."""
    article_save(
        article=Article.objects.get(pk=article.pk),
        corrections=[
            {
                "id": None,
                "language": language,
                "kind": kind[0] if kind else "correction",
                "dated": dated,
                "text": text,
            }
            for language, dated, text, *kind in rows
        ],
    )


def listed(client, code: str) -> list[tuple[str, str, str]]:
    """(article link, date, note) of each listed correction, in page order."""
    response = client.get(list_url(code))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    return [
        (
            item.xpath(".//a/@href")[0],
            item.xpath(".//time/@datetime")[0],
            item.xpath("string(.//p[2])").split(":", 1)[1].strip(),
        )
        for item in page.xpath('//section[@class="corrections-list"]//li')
    ]


def test_the_address_is_translated():
    assert [list_url(code) for code in ("tr", "en", "ru")] == [
        "/tr/duzeltmeler/",
        "/en/corrections/",
        "/ru/ispravleniya/",
    ]


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_the_list_shows_this_languages_public_corrections_newest_first(client, code):
    other = "en"
    day = datetime.date
    article = ArticleFactory()
    correct(
        article,
        (code, day(2023, 11, 5), "İlk düzeltme."),
        (code, day(2024, 2, 1), "Yeni güncelleme.", "update"),
        (other, day(2024, 3, 1), "Only in English."),
    )
    second = ArticleFactory()
    correct(second, (code, day(2023, 12, 24), "Ortadaki."))
    # Not public in this language: a draft, a trashed article, another language only.
    draft = ArticleFactory(status=Article.Status.DRAFT)
    correct(draft, (code, day(2024, 5, 5), "Taslak."))
    trashed = ArticleFactory()
    correct(trashed, (code, day(2024, 5, 6), "Çöpte."))
    article_trash(article=trashed, user=make_user("Editor"))
    elsewhere = ArticleFactory(languages=(other,))
    correct(elsewhere, (code, day(2024, 5, 7), "Sürümü yok."))

    assert listed(client, code) == [
        (article.get_absolute_url(code), "2024-02-01", "Yeni güncelleme."),
        (second.get_absolute_url(code), "2023-12-24", "Ortadaki."),
        (article.get_absolute_url(code), "2023-11-05", "İlk düzeltme."),
    ]
    assert [url for url, *_rest in listed(client, other)] == [
        article.get_absolute_url(other)
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("tr", "Güncelleme, 1 Şubat 2024:"),
        ("ru", "Обновление, 1 февраля 2024:"),
        ("en", "Update, February 1, 2024:"),
    ],
)
def test_each_entry_names_its_kind_and_date_the_languages_way(client, code, expected):
    article = ArticleFactory()
    correct(article, (code, datetime.date(2024, 2, 1), "x", "update"))
    page = lxml.html.fromstring(client.get(list_url(code)).content)
    entry = page.xpath('string(//section[@class="corrections-list"]//li//strong)')
    assert entry == expected
    title = page.xpath('string(//section[@class="corrections-list"]//li//a)')
    assert title == getattr(article, f"title_{code}")


@pytest.mark.parametrize("code", ["tr", "en"])
def test_an_empty_list_says_so(client, code):
    response = client.get(list_url(code))
    with translation.override(code):
        empty = translation.gettext(
            "Nothing has been corrected or updated in this language yet."
        )
    assert empty in response.content.decode()


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_every_page_links_the_list_from_its_footer(client, code):
    article = ArticleFactory()
    for path in (f"/{code}/", article.get_absolute_url(code)):
        page = lxml.html.fromstring(client.get(path).content)
        assert page.xpath("//footer[@class='site-footer']//a/@href") == [list_url(code)]


def test_an_articles_corrections_link_to_the_list(client):
    article = ArticleFactory()
    correct(article, ("tr", datetime.date(2024, 2, 1), "Düzeldi."))
    page = lxml.html.fromstring(client.get(article.get_absolute_url("tr")).content)
    assert page.xpath("//section[@class='corrections']//a/@href") == [list_url("tr")]


def test_the_list_is_cached_until_an_editor_adds_a_correction_in_the_form(client):
    article = ArticleFactory()
    url = list_url("tr")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    editor = client_for(make_user("Editor"))
    change = reverse("admin:articles_article_change", args=[article.pk])
    response = resubmit(
        editor,
        change,
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-language": "tr",
            "corrections-0-kind": "correction",
            "corrections-0-dated": "2023-11-05",
            "corrections-0-text": "İspanya büyükelçiliği de kapandı.",
        },
        submit="_continue",
    )
    assert response.status_code == 302
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "İspanya büyükelçiliği de kapandı." in response.content.decode()
