"""Deleting an article for good (the trash's purge) deletes the image files only it
and its history name, renditions included; files anything else names stay."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from ankasam.images import files_of
from articles.models import Article
from editorial.models import Revision
from editorial.services import article_save, article_trash
from tests.images.test_images import image_bytes
from tests.images.test_resave import with_images

pytestmark = pytest.mark.django_db(transaction=True)


def replace_image(article, user) -> Article:
    article = Article.objects.get(pk=article.pk)
    article.featured_image = SimpleUploadedFile(
        "new.jpg", image_bytes("JPEG", size=(700, 400))
    )
    article_save(article=article, user=user)
    return Article.objects.get(pk=article.pk)


def purge_now(article, user) -> None:
    article_trash(article=article, user=user)
    long_ago = timezone.now() - datetime.timedelta(days=31)
    Article.objects.filter(pk=article.pk).update(trashed_at=long_ago)
    call_command("purge_trash")


def test_purging_deletes_every_image_and_rendition_the_article_ever_had(admin_user):
    article = with_images(Article)
    first = Revision.objects.filter(article=article).latest("pk").data
    article = replace_image(article, admin_user)
    storage = article.featured_image.storage
    files = files_of(first["featured_image"]) + files_of(article.featured_image.name)
    # The original and its renditions (two widths or more, both formats, share).
    assert len(files) >= 2 * 6
    assert all(storage.exists(name) for name in files)
    kept = with_images(Article)
    kept_files = files_of(kept.featured_image.name)

    purge_now(article, admin_user)

    assert not Article.objects.filter(pk=article.pk).exists()
    assert [name for name in files if storage.exists(name)] == []
    assert all(storage.exists(name) for name in kept_files)


def test_an_image_another_article_names_stays(admin_user):
    article = with_images(Article)
    other = with_images(Article)
    shared = article.featured_image.name
    # An import may give two posts the same stored file.
    Article.objects.filter(pk=other.pk).update(featured_image=shared)

    purge_now(article, admin_user)

    assert all(other.featured_image.storage.exists(name) for name in files_of(shared))


def test_an_image_only_another_articles_history_names_stays(admin_user):
    article = with_images(Article)
    other = with_images(Article)
    shared = article.featured_image.name
    revision = Revision.objects.filter(article=other).latest("pk")
    revision.data = {**revision.data, "featured_image": shared}
    revision.save()

    purge_now(article, admin_user)

    assert all(other.featured_image.storage.exists(name) for name in files_of(shared))
