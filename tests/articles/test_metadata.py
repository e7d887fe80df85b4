"""JSON-LD and Highwire tags on the article page."""

import datetime
import json
import re

import pytest
from django.utils import translation
from django.utils.timezone import localtime

from tests.articles.factories import ArticleFactory
from tests.authors.factories import AuthorFactory
from tests.citations.factories import SourceFactory

pytestmark = pytest.mark.django_db


def page(client, article, code):
    with translation.override(code):
        return client.get(article.get_absolute_url(code)).content.decode()


def jsonld(html):
    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    return json.loads(block)


def test_jsonld_describes_the_article_its_authors_and_sources(client):
    author = AuthorFactory(
        name="Zeki Talustan Gülten", role_en="Asia-Pacific Research Assistant"
    )
    source = SourceFactory(title="Closing missions", publisher="Al Jazeera")
    article = ArticleFactory(authors=[author], citations=[{"source": source}])
    data = jsonld(page(client, article, "en"))
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == article.title_en
    assert data["inLanguage"] == "en"
    # The same instant, written in the site's time zone like the page's date.
    assert data["datePublished"] == localtime(article.published_at).isoformat()
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Zeki Talustan Gülten",
            "jobTitle": "Asia-Pacific Research Assistant",
            "url": "http://testserver/en/author/zeki-talustan-gulten/",
            "affiliation": {"@type": "Organization", "name": "ANKASAM"},
        }
    ]
    assert data["publisher"]["logo"]["url"].endswith("/static/img/ankasam-logo.png")
    assert data["citation"] == [
        {
            "@type": "CreativeWork",
            "name": "Closing missions",
            "url": source.url,
            "publisher": {"@type": "Organization", "name": "Al Jazeera"},
        }
    ]


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_jsonld_links_the_language_versions(client, code):
    article = ArticleFactory()
    original = jsonld(page(client, article, "tr"))
    assert {w["inLanguage"] for w in original["workTranslation"]} == {"en", "ru"}
    if code != "tr":
        translation_ = jsonld(page(client, article, code))
        assert translation_["translationOfWork"]["@id"] == original["@id"]
        assert "workTranslation" not in translation_


def test_jsonld_cannot_be_broken_out_of(client):
    evil = "</script><script>alert(1)</script>"
    article = ArticleFactory(
        title_en=f"Title {evil}",
        summary_en=evil,
        citations=[{"source": SourceFactory(title=evil, publisher=evil)}],
    )
    html = page(client, article, "en")
    assert "<script>alert(1)" not in html
    data = jsonld(html)
    assert data["headline"] == f"Title {evil}"
    assert data["citation"][0]["name"] == evil


def test_highwire_tags_for_zotero_and_scholar(client):
    authors = [
        AuthorFactory(name="Zeki Talustan Gülten"),
        AuthorFactory(name="İlknur Işık"),
    ]
    # Late evening in UTC is already the next day in Istanbul: the date is local.
    late = datetime.datetime(2024, 5, 1, 22, 30, tzinfo=datetime.UTC)
    article = ArticleFactory(authors=authors, published_at=late)
    html = page(client, article, "ru")
    tags = re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', html)
    assert ("citation_title", article.title_ru) in tags
    assert [v for k, v in tags if k == "citation_author"] == [
        "Zeki Talustan Gülten",
        "İlknur Işık",
    ]
    assert (
        "citation_publication_date",
        "2024/05/02",
    ) in tags
    assert ("citation_language", "ru") in tags
    assert (
        "citation_public_url",
        f"http://testserver{article.get_absolute_url('ru')}",
    ) in tags
