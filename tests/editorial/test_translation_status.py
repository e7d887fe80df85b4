import pytest
from django.urls import reverse

from articles.models import Article
from editorial.services import article_save
from tests.articles.factories import ArticleFactory
from tests.editorial.conftest import client_for

pytestmark = pytest.mark.django_db

URL = "/admin/articles/article/translations/"


def cells(response):
    return {
        (row.article.pk, cell.language): (cell.state, cell.stale_fields)
        for row in response.context["table"].rows
        for cell in row.cells
    }


def test_states_missing_draft_published(editor):
    published = ArticleFactory(languages=("tr", "en"))
    draft = ArticleFactory(languages=("tr",), status=Article.Status.DRAFT)
    table = cells(client_for(editor).get(URL))
    assert table[(published.pk, "en")] == ("published", [])
    assert table[(published.pk, "ru")] == ("missing", [])
    assert table[(draft.pk, "tr")] == ("draft", [])


def test_a_translation_goes_stale_when_the_original_changes(editor):
    article = ArticleFactory(languages=("tr", "ru"))
    article.title_ru = "Перевод"
    article_save(article=article)  # the Russian version now matches the Turkish
    assert article.stale_fields("ru") == []
    article.body_tr = "<p>Yeni paragraf.[1]</p>"
    article_save(article=article)
    table = cells(client_for(editor).get(URL))
    # The original's field that changed, named in the original's language.
    assert table[(article.pk, "ru")] == ("stale", ["body [tr]"])
    assert table[(article.pk, "tr")][0] == "published"


def test_filter_by_language_and_status(editor):
    stale = ArticleFactory(languages=("tr", "ru"))
    stale.title_ru = "Перевод"
    article_save(article=stale)
    stale.title_tr = "Değişti"
    article_save(article=stale)
    ArticleFactory(languages=("tr", "ru"))
    response = client_for(editor).get(URL, {"language": "ru", "status": "stale"})
    rows = response.context["table"].rows
    assert [row.article for row in rows] == [stale]
    assert [cell.language for cell in rows[0].cells] == ["ru"]


def test_translators_see_their_language_first(translator):
    article = ArticleFactory(languages=("tr",))
    response = client_for(translator).get(URL)
    assert response.context["language"] == "ru"
    cell = response.context["table"].rows[0].cells[0]
    assert cell.state == "missing"
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert cell.url == f"{change}#language-ru"


def test_translation_status_queries_are_constant(editor, django_assert_max_num_queries):
    ArticleFactory.create_batch(3)
    client = client_for(editor)
    client.get(URL)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    ArticleFactory.create_batch(10)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert 0 < len(few) == len(many)
