"""The head of an article page: title, summary, byline with photo and role, dates,
reading time in the reader's language."""

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article
from authors.models import Author
from library.models import Image as LibraryImage
from tests.articles.factories import ArticleFactory
from tests.authors.factories import AuthorFactory
from tests.editorial.conftest import client_for, make_user
from tests.formdata import resubmit
from tests.library.factories import ImageFactory

pytestmark = pytest.mark.django_db


def words(n: int, word: str) -> str:
    return "<p>" + " ".join([word] * n) + "</p>"


def css(element, name: str) -> list:
    """Descendants of ``element`` with the class ``name``."""
    return element.xpath(
        f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
    )


def head_of(client, article, code):
    with translation.override(code):
        url = article.get_absolute_url(code)
    page = lxml.html.document_fromstring(client.get(url).content)
    [header] = css(page, "article__header")
    return header


def test_the_summary_follows_the_title_and_the_byline_has_photo_and_role(client):
    author = AuthorFactory(name="Zeki Talustan Gülten")
    portrait = ImageFactory(alt_tr="Zeki Talustan Gülten")
    LibraryImage.objects.filter(pk=portrait.pk).update(
        file_renditions={"source": "library/z.jpg", "width": 400, "height": 400}
    )
    Author.objects.filter(pk=author.pk).update(photo=portrait)
    article = ArticleFactory(authors=[author], summary_tr="Kısa bir özet.")
    header = head_of(client, article, "tr")
    children = [element.get("class") for element in header]
    assert children.index("article__title") + 1 == children.index("article__summary")
    assert css(header, "article__summary")[0].text_content() == "Kısa bir özet."
    [person] = css(header, "byline__author")
    assert person.xpath(".//a")[0].text_content() == "Zeki Talustan Gülten"
    assert css(person, "byline__role")[0].text_content() == author.role_tr
    [photo] = person.xpath(".//img")
    assert (photo.get("width"), photo.get("height"), photo.get("alt")) == (
        "400",
        "400",
        "",  # the name stands beside it
    )
    english = head_of(client, article, "en")
    assert css(english, "byline__role")[0].text_content() == author.role_en


@pytest.mark.parametrize(
    ("code", "count", "expected"),
    [
        ("tr", 450, "2 dakikalık okuma"),
        ("en", 90, "1 min read"),
        ("ru", 1000, "5 минут чтения"),
        ("ru", 610, "3 минуты чтения"),
    ],
)
def test_reading_time_is_counted_per_language(client, code, count, expected):
    bodies = {
        "body_tr": words(150, "kelime"),
        "body_en": words(150, "word"),
        "body_ru": words(150, "слово"),
        f"body_{code}": words(count, "söz") + "<p>Not.[1]</p>",
    }
    article = ArticleFactory(**bodies)
    assert getattr(article, f"word_count_{code}") == count + 1  # "Not", not "[1]"
    reading = css(head_of(client, article, code), "article__reading")[0]
    assert reading.text_content() == expected


def test_an_edit_in_the_admin_recounts_only_that_language():
    article = ArticleFactory(
        body_tr=words(10, "bir") + "<p>Bir.[1]</p>",
        body_en=words(20, "one") + "<p>One.[1]</p>",
    )
    editor = client_for(make_user("Editor"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = resubmit(
        editor,
        url,
        {"body_tr": words(399, "iki") + "<p>İki.[1]</p>"},
        submit="_continue",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(pk=article.pk)
    assert (article.word_count_tr, article.word_count_en) == (400, 21)
    page = lxml.html.document_fromstring(editor.get(url).content)
    shown = {
        code: css(page, f"field-word_count_{code}")[0].xpath(
            ".//div[@class='readonly']"
        )[0]
        for code in ("tr", "en")
    }
    assert {code: div.text_content() for code, div in shown.items()} == {
        "tr": "400",
        "en": "21",
    }
