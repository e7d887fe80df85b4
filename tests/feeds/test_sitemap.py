"""/sitemap.xml lists every public language version with its alternates; robots.txt."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from lxml import etree

from articles.models import Article
from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.authors.factories import AuthorFactory
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
ORIGIN = "http://testserver"


def sitemap(client) -> dict[str, dict[str, str]]:
    """Each <loc> → its alternates {hreflang: href}."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = etree.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
        }
        for url in tree.findall("s:url", NS)
    }


def absolute(path):
    return ORIGIN + path


def test_every_published_language_version_is_listed_with_its_alternates(client):
    both = ArticleFactory(languages=("tr", "en"))
    russian = ArticleFactory(languages=("ru",))
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    urls = sitemap(client)
    tr, en = (absolute(both.get_absolute_url(c)) for c in ("tr", "en"))
    assert urls[tr] == urls[en] == {"tr": tr, "en": en, "x-default": tr}
    assert absolute(both.get_absolute_url("ru").replace("/ru/", "/ru/")) not in urls
    ru = absolute(russian.get_absolute_url("ru"))
    assert urls[ru] == {"ru": ru, "x-default": ru}
    for hidden in (draft, scheduled):
        for code in ("tr", "en", "ru"):
            assert absolute(hidden.get_absolute_url(code)) not in urls


def test_author_home_and_list_pages_are_listed_in_every_language(client):
    author, category = AuthorFactory(), CategoryFactory()
    idle = AuthorFactory()  # no published article: no page worth listing
    ArticleFactory(authors=[author], category=category)
    urls = sitemap(client)
    with translation.override("en"):
        author_en = absolute(author.get_absolute_url())
        category_en = absolute(category.get_absolute_url())
        idle_en = absolute(idle.get_absolute_url())
    with translation.override("tr"):
        author_tr = absolute(author.get_absolute_url())
        category_tr = absolute(category.get_absolute_url())
    assert urls[author_en]["tr"] == author_tr
    assert urls[author_en]["x-default"] == author_tr
    assert urls[category_tr]["en"] == category_en
    assert idle_en not in urls
    assert urls[absolute("/ru/")] == {
        "tr": absolute("/tr/"),
        "en": absolute("/en/"),
        "ru": absolute("/ru/"),
        "x-default": absolute("/"),
    }


def test_sitemap_queries_do_not_grow_with_items(client):
    ArticleFactory()

    def cost():
        with CaptureQueriesContext(connection) as context:
            sitemap(client)
        return len(context)

    few = cost()
    for _ in range(10):
        ArticleFactory(authors=[AuthorFactory()], category=CategoryFactory())
        PageFactory()
    # One per language, then categories, regions, topics, authors, pages.
    assert few == cost() == 8


def test_robots_txt_points_to_the_sitemap_and_keeps_the_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /tr/search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
