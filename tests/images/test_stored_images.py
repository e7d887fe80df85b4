"""An image already in storage is never read again when its record is saved."""

from pathlib import PurePosixPath

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ankasam.images import validate_image
from articles.models import Article
from authors.models import Author
from editorial.models import Revision
from editorial.services import article_save, revision_restore
from tests.articles.factories import ArticleFactory
from tests.authors.factories import AuthorFactory
from tests.images.test_images import SVG, image_bytes
from tests.library.factories import ImageFactory


@pytest.fixture
def stored_author(db):
    photo = SimpleUploadedFile("me.png", image_bytes("PNG", size=(600, 600)))
    return Author.objects.get(pk=AuthorFactory(photo=photo).pk)


@pytest.fixture
def unreadable_storage(monkeypatch, stored_author):
    storage = stored_author.photo.storage

    def refuse(*args, **kwargs):
        raise AssertionError("a stored image was opened")

    monkeypatch.setattr(storage, "open", refuse)
    monkeypatch.setattr(storage, "save", refuse)


@pytest.mark.usefixtures("unreadable_storage")
def test_a_stored_image_is_not_validated_again(stored_author):
    stored_author.photo.close()  # as Django leaves it after reading the size
    validate_image(stored_author.photo)


def test_a_new_upload_is_still_validated(stored_author):
    stored_author.photo = SimpleUploadedFile("me.svg", SVG)
    with pytest.raises(ValidationError) as refused:
        validate_image(stored_author.photo)
    assert refused.value.code == "polyglot"


@pytest.mark.usefixtures("unreadable_storage")
def test_a_stored_image_is_not_processed_again(stored_author):
    renditions = stored_author.photo_renditions
    stored_author.role_en = "Fellow"
    stored_author.save()
    assert stored_author.photo_renditions == renditions


def test_a_file_stored_without_renditions_is_cleaned_and_rendered(stored_author):
    # Importers and the demo store files directly and leave the rest to save().
    stored_author.photo.save(
        "direct.png", SimpleUploadedFile("x", image_bytes("PNG")), save=False
    )
    stored_author.save()
    assert stored_author.photo_renditions["source"] == stored_author.photo.name


@pytest.mark.django_db
def test_a_drafts_image_cannot_be_found_from_its_upload_name():
    """Stored images and renditions take a random name, never the upload's, and no
    two uploads share a stem (a published image does not reveal its siblings)."""
    first = AuthorFactory()
    first.photo = SimpleUploadedFile("gizli-taslak.jpg", image_bytes("JPEG"))
    first.save()
    second = AuthorFactory()
    second.photo = SimpleUploadedFile("gizli-taslak.jpg", image_bytes("JPEG"))
    second.save()
    first.refresh_from_db()
    names = [first.photo.name, second.photo.name]
    names += [path for path, _w, _h in first.photo_renditions["webp"]]
    assert not any("gizli" in name or "taslak" in name for name in names)
    stems = {PurePosixPath(name).stem.split("-")[0] for name in names}
    assert len(stems) == 2
    assert all(len(stem) >= 32 for stem in stems)  # 128 random bits


@pytest.mark.django_db
def test_a_revision_restores_its_featured_library_image(admin_user):
    first_image, second_image = ImageFactory(), ImageFactory()
    article = ArticleFactory(featured_image=first_image)
    first = Revision.objects.filter(article=article).latest("pk")
    assert first.data["featured_image_id"] == first_image.pk
    article = Article.objects.get(pk=article.pk)
    article.featured_image = second_image
    article_save(article=article, user=admin_user)

    for _restore in range(2):
        revision_restore(revision=first, user=admin_user)
        assert Article.objects.get(pk=article.pk).featured_image == first_image
    # A library image deleted since: the restored article has none (not an error).
    latest = Revision.objects.filter(article=article).latest("pk")
    article = Article.objects.get(pk=article.pk)
    article.featured_image = second_image
    article_save(article=article, user=admin_user)
    Revision.objects.filter(pk=latest.pk).update(
        data={**latest.data, "featured_image_id": 987654}
    )
    revision_restore(revision=Revision.objects.get(pk=latest.pk), user=admin_user)
    assert Article.objects.get(pk=article.pk).featured_image is None
