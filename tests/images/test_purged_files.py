"""Images live in the media library: deleting an article for good (the trash's
purge) leaves its images there for other articles; deleting a library image no
article shows deletes its files, renditions included; one an article shows (as its
featured image or a figure) cannot be deleted."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import ProtectedError
from django.utils import timezone

from ankasam.images import files_of
from articles.models import Article
from editorial.services import article_trash
from library.models import Image
from library.services import image_delete
from tests.articles.factories import ArticleFactory
from tests.library.factories import ImageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def purge_now(article, user) -> None:
    article_trash(article=article, user=user)
    long_ago = timezone.now() - datetime.timedelta(days=31)
    Article.objects.filter(pk=article.pk).update(trashed_at=long_ago)
    call_command("purge_trash")


def test_purging_an_article_keeps_its_images_in_the_library(admin_user):
    image = ImageFactory()
    article = ArticleFactory(featured_image=image)
    files = files_of(image.file.name)
    assert len(files) >= 4  # the original, renditions in both formats, share

    purge_now(article, admin_user)

    assert not Article.objects.filter(pk=article.pk).exists()
    assert Image.objects.filter(pk=image.pk).exists()
    assert all(image.file.storage.exists(name) for name in files)


def test_deleting_an_unused_library_image_deletes_its_files():
    image = ImageFactory()
    files = files_of(image.file.name)
    kept = ImageFactory()

    image_delete(image=image)

    assert [name for name in files if image.file.storage.exists(name)] == []
    assert all(kept.file.storage.exists(name) for name in files_of(kept.file.name))


@pytest.mark.parametrize("shown_as", ["featured image", "figure"])
def test_an_image_an_article_shows_cannot_be_deleted(shown_as):
    image = ImageFactory()
    if shown_as == "featured image":
        ArticleFactory(featured_image=image)
    else:
        figure = f'<figure data-image="{image.pk}" data-size="full"></figure>'
        ArticleFactory(body_tr=f"<p>Metin.</p>{figure}", languages=("tr",))

    with pytest.raises(ProtectedError):
        image_delete(image=image)

    assert all(image.file.storage.exists(name) for name in files_of(image.file.name))
