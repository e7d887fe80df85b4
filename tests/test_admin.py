"""The admin: every screen loads offline, with constant queries on changelists."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    RegionFactory,
    TopicFactory,
)
from tests.authors.factories import AuthorFactory
from tests.citations.factories import SourceFactory

pytestmark = pytest.mark.django_db

MODELS = ["articles.article", "articles.category", "articles.region", "articles.topic",
          "authors.author"]  # fmt: skip


NO_CITATIONS = {
    "citations-TOTAL_FORMS": "0",
    "citations-INITIAL_FORMS": "0",
    "corrections-TOTAL_FORMS": "0",
    "corrections-INITIAL_FORMS": "0",
}


def admin_url(model, view, *args):
    app, name = model.split(".")
    return reverse(f"admin:{app}_{name}_{view}", args=args)


def external_references(html):
    """src/href values that leave the site (protocol-relative included)."""
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    return [r for r in refs if r.startswith(("http:", "https:", "//"))]


@pytest.mark.parametrize("model", MODELS)
def test_admin_screens_load_without_internet_resources(admin_client, model):
    ArticleFactory(regions=[RegionFactory()], topics=[TopicFactory()])
    for url in (admin_url(model, "changelist"), admin_url(model, "add")):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert external_references(response.content.decode()) == [], url


def test_article_form_has_language_tabs_with_vendored_jquery_ui(admin_client):
    article = ArticleFactory()
    html = admin_client.get(admin_url("articles.article", "change", article.pk)).content
    html = html.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "tabbed_translation_fields.js" in html
    for code in ("tr", "en", "ru"):
        assert f'name="title_{code}"' in html


@pytest.mark.parametrize(
    ("model", "build"),
    [
        (
            "articles.article",
            lambda: ArticleFactory(authors=[AuthorFactory(), AuthorFactory()]),
        ),
        ("articles.category", CategoryFactory),
        ("articles.region", RegionFactory),
        ("articles.topic", TopicFactory),
        ("authors.author", AuthorFactory),
        ("citations.source", SourceFactory),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(admin_client, model, build):
    build()
    url = admin_url(model, "changelist")
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for _ in range(10):
        build()
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)
    assert 0 < len(few) == len(many)


def test_admin_can_add_an_article_with_slugs_made_for_it(admin_client):
    category, author = CategoryFactory(), AuthorFactory()
    data = {
        "title_tr": "Işık ve Gölge",
        "title_ru": "Свет и тень",
        "body_tr": "<p>Metin</p>",
        "body_ru": "<p>Текст</p>",
        "status_tr": "published",
        "status_en": "draft",
        "status_ru": "published",
        "published_at_tr_0": "2024-01-02",
        "published_at_tr_1": "10:00:00",
        "category": category.pk,
        "article_authors-TOTAL_FORMS": "1",
        "article_authors-INITIAL_FORMS": "0",
        "article_authors-0-author": author.pk,
        "article_authors-0-position": "0",
        **NO_CITATIONS,
    }
    response = admin_client.post(admin_url("articles.article", "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert (article.slug_tr, article.slug_en, article.slug_ru) == (
        "isik-ve-golge",
        None,
        "svet-i-ten",
    )
    assert article.languages() == ["tr", "ru"]


def test_admin_refuses_a_duplicate_slug_and_keeps_the_text(admin_client):
    existing = ArticleFactory(title_tr="Işık")
    data = {
        "title_tr": "Başka bir başlık",
        "slug_tr": existing.slug_tr,
        "body_tr": "<p>Editörün uzun metni</p>",
        "status": "draft",
        "published_at_0": "2024-01-02",
        "published_at_1": "10:00:00",
        "category": existing.category_id,
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        **NO_CITATIONS,
    }
    response = admin_client.post(admin_url("articles.article", "add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert "Editörün uzun metni" in html
    assert Article.objects.count() == 1
