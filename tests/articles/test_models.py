import pytest
from django.db import IntegrityError

from articles.models import Article
from editorial.services import PublicationRefused, article_save
from tests.articles.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_slugs_are_made_per_language_from_each_title():
    article = ArticleFactory(
        title_tr="Işık ve Gölge", title_en="Light and Shadow", title_ru="Свет и тень"
    )
    assert (article.slug_tr, article.slug_en, article.slug_ru) == (
        "isik-ve-golge",
        "light-and-shadow",
        "svet-i-ten",
    )


def test_missing_language_stores_a_null_slug():
    first = ArticleFactory(languages=("tr",))
    second = ArticleFactory(languages=("tr",))
    assert first.slug_en is None and second.slug_en is None


def test_same_title_gets_a_numbered_slug_in_that_language_only():
    first = ArticleFactory(title_tr="Işık", title_en="Light")
    second = ArticleFactory(title_tr="Işık", title_en="Other")
    assert first.slug_tr == "isik"
    assert second.slug_tr == "isik-2"
    assert second.slug_en == "other"


def test_same_slug_may_exist_in_two_languages():
    first = ArticleFactory(title_tr="Analiz", title_en="Something")
    second = ArticleFactory(title_tr="Başka", title_en="Analiz")
    assert first.slug_tr == second.slug_en == "analiz"


def test_the_database_refuses_a_duplicate_slug_in_one_language():
    first = ArticleFactory()
    second = ArticleFactory()
    with pytest.raises(IntegrityError):
        Article.objects.filter(pk=second.pk).update(slug_ru=first.slug_ru)


def test_languages_need_both_title_and_body():
    article = ArticleFactory(
        languages=("tr",), title_en="Only a title", body_ru="<p>Текст</p>"
    )
    assert article.languages() == ["tr"]


def test_an_empty_editor_paragraph_is_no_body():
    article = ArticleFactory(
        languages=("tr",), title_en="Title", body_en="<p> </p><p></p>"
    )
    assert article.body_en == ""
    assert article.languages() == ["tr"]


@pytest.mark.parametrize("code", ["tr", "en"])
def test_in_language_queryset_agrees_with_the_model_predicate(code):
    both = ArticleFactory(languages=("tr", "en"))
    other = ArticleFactory(languages=("ru",), **{f"title_{code}": "Başlık"})
    assert list(Article.objects.in_language(code)) == [both]
    assert code not in other.languages()


def test_a_draft_has_no_public_languages():
    draft = ArticleFactory(status=Article.Status.DRAFT)
    assert draft.languages() == ["tr", "en", "ru"]
    assert draft.public_languages() == []


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_publishing_a_language_without_a_version_is_refused(code):
    article = Article(category=CategoryFactory())
    setattr(article, f"status_{code}", Article.Status.PUBLISHED)
    with pytest.raises(PublicationRefused):
        article_save(article=article)
    assert not Article.objects.exists()


def test_an_untitled_draft_is_named_as_such():
    article = Article(category=CategoryFactory())
    article_save(article=article)
    assert str(article) == "(başlıksız yazı)"  # a str, in the active language


def test_body_html_is_sanitized_on_save():
    article = ArticleFactory(
        body_tr='<p onclick="x()">Metin<script>alert(1)</script>'
        '<a href="javascript:alert(1)">a</a><a href="https://example.org">b</a></p>'
    )
    assert "script" not in article.body_tr
    assert "onclick" not in article.body_tr
    assert "javascript" not in article.body_tr
    assert 'href="https://example.org"' in article.body_tr


def test_str_is_the_first_available_title():
    assert str(ArticleFactory(languages=("ru",), title_ru="Свет")) == "Свет"
