"""A new article's byline starts with its author; the form links each public page."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.factories import ArticleFactory
from tests.authors.factories import AuthorFactory
from tests.editorial.conftest import client_for
from tests.editorial.helpers import change_url, form_data

pytestmark = pytest.mark.django_db


def test_a_new_article_starts_with_the_members_own_author(editor):
    own = AuthorFactory(user=editor)
    client = client_for(editor)
    add = reverse("admin:articles_article_add")
    html = client.get(add).content.decode()
    assert f'<option value="{own.pk}" selected>' in html

    # Posted as offered (the row's author unchanged), it is the byline.
    template = ArticleFactory(languages=("tr",), status=Article.Status.DRAFT)
    data = form_data(template, title_tr="Kendi yazım", slug_tr="kendi-yazim")
    data.update(
        {
            "article_authors-TOTAL_FORMS": "1",
            "article_authors-INITIAL_FORMS": "0",
            "article_authors-0-author": str(own.pk),
            "article_authors-0-position": "0",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
            "body_tr": "<p>Metin.</p>",
        }
    )
    data.pop("article_authors-0-id", None)
    data.pop("article_authors-0-article", None)
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title_tr="Kendi yazım")
    assert [link.author for link in article.article_authors.all()] == [own]


def test_no_linked_author_means_an_empty_byline(editor):
    AuthorFactory()
    html = client_for(editor).get(reverse("admin:articles_article_add")).text
    assert (
        " selected>"
        not in html.split('id="article_authors-group"')[1].split("</fieldset>")[0]
    )


def test_view_on_site_per_language(editor):
    article = ArticleFactory(
        languages=("tr", "en"),
        status_en=Article.Status.DRAFT,
    )
    html = client_for(editor).get(change_url(article)).content.decode()
    assert f'href="{article.get_absolute_url("tr")}" class="viewsitelink"' in html
    assert "View on site TR" in html
    assert "EN is not public" in html
    assert "View on site EN" not in html
    assert "RU" not in html.split('class="object-tools"')[1].split("</ul>")[0]
