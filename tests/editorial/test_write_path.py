"""One write path: every save runs whole or not at all, and its revision is exact."""

import pytest
from django.db import models
from modeltranslation.translator import translator

from articles.models import Article
from editorial.models import Revision
from editorial.services import (
    PublicationRefused,
    StaleArticle,
    article_save,
    revision_restore,
)
from editorial.snapshots import article_fields, snapshot
from search.models import SearchEntry
from tests.articles.factories import ArticleFactory, RegionFactory, TopicFactory
from tests.authors.factories import AuthorFactory
from tests.citations.factories import SourceFactory

pytestmark = pytest.mark.django_db

# Written by the write path from other fields, never typed: not in a revision. A new
# non-editable field must be named here, on purpose.
DERIVED = {
    "version",
    "created_by",
    "created_at",
    "updated_at",
    "trashed_at",
    "translation_basis",
    "body_html",
    "word_count",
    "notes_html",
    "content_updated_at",
}


def base_name(field) -> str:
    translated = getattr(field, "translated_field", None)
    return translated.name if translated else field.name


def test_every_concrete_field_of_article_is_kept_or_named_derived():
    """Every editable column (each language's, for a translated field) is in a
    revision, with no list to update; what is not is a named derived field."""
    data = snapshot(ArticleFactory())
    translated = set(translator.get_options_for_model(Article).fields)
    for field in Article._meta.concrete_fields:
        if field.primary_key:
            continue
        if base_name(field) in DERIVED:
            assert not field.editable, f"{field.name} is editable: keep it"
        elif field.name in translated and not hasattr(field, "language"):
            continue  # the untranslated column; its languages' columns are kept
        else:
            assert field.attname in data, f"{field.name} is not in revisions"
    for field in Article._meta.many_to_many:
        assert field.name in data
    citation = data["citations"][0]
    assert {"key", "source_id", "accessed_on", "locator", "note_tr", "note_ru"} <= set(
        citation
    )


def test_a_revision_restores_every_restorable_field(editor):
    first_topic, second_topic = TopicFactory(), TopicFactory()
    article = ArticleFactory(topics=[first_topic], regions=[RegionFactory()])
    old = article.revisions.get()
    changed = {}
    for field in article_fields():
        if isinstance(field, models.CharField | models.TextField) and not field.choices:
            if base_name(field) == "slug":
                continue  # made from the title again
            changed[field.attname] = "Değişti"
    for name, value in changed.items():
        setattr(article, name, value)
    article_save(
        article=article,
        topics=[second_topic],
        regions=[],
        byline=[AuthorFactory(), AuthorFactory()],
        citations=[{"key": 1, "source_id": SourceFactory().pk, "locator": "s. 3"}],
        check_publication=False,
    )
    revision_restore(revision=old, user=editor)
    restored = snapshot(Article.objects.get(pk=article.pk))
    for key, value in old.data.items():
        assert restored[key] == value, key


def test_a_refused_save_writes_nothing():
    article = ArticleFactory(languages=("tr", "en"))
    version = article.version
    revisions = Revision.objects.count()
    article.title_tr = "Yayımlanamaz"
    article.body_tr = "<p>Dayanaksız işaret [7].</p>"  # no citation [7]
    with pytest.raises(PublicationRefused):
        article_save(article=article)
    stored = Article.objects.get(pk=article.pk)
    assert stored.title_tr != "Yayımlanamaz"
    assert stored.version == version
    assert Revision.objects.count() == revisions
    assert not SearchEntry.objects.filter(title="Yayımlanamaz").exists()


def test_a_save_from_an_old_version_is_refused_and_writes_nothing(editor):
    article = ArticleFactory()
    seen = article.version
    article.summary_tr = "Önce kaydeden."
    article_save(article=article, user=editor, expected_version=seen)
    stale = Article.objects.get(pk=article.pk)
    stale.summary_tr = "Sonra kaydeden."
    with pytest.raises(StaleArticle) as refused:
        article_save(article=stale, user=editor, expected_version=seen)
    assert "özet [tr]" in str(refused.value)  # who changed what, in Turkish
    assert Article.objects.get(pk=article.pk).summary_tr == "Önce kaydeden."


def test_each_save_is_one_version_and_one_revision(editor):
    article = ArticleFactory()
    version = article.version
    article.title_tr = "Yeni"
    result = article_save(article=article, user=editor, expected_version=version)
    assert Article.objects.get(pk=article.pk).version == version + 1
    assert result.revision.number == version + 1
    assert result.revision.changed == ["title_tr"]  # a set slug is kept
    again = article_save(article=article, user=editor)  # nothing changed
    assert again.revision == result.revision


def test_restoring_an_older_original_keeps_a_later_translation(editor):
    article = ArticleFactory(languages=("tr",))
    old = article.revisions.get()
    article.title_tr = "Yeni başlık"
    article.title_ru, article.body_ru = "Перевод", "<p>Русский текст.[1]</p>"
    article_save(article=article, user=editor)
    revision_restore(revision=old, user=editor)
    article.refresh_from_db()
    assert article.title_tr == old.data["title_tr"]
    assert (article.title_ru, article.body_ru) == (
        "Перевод",
        "<p>Русский текст.[1]</p>",
    )
