"""An image already in storage is never read again when its record is saved."""

from pathlib import PurePosixPath

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ankasam.images import validate_image
from articles.models import Article
from editorial.models import Revision
from editorial.services import article_save, revision_restore
from library.models import Image as LibraryImage
from library.services import image_save
from tests.articles.factories import ArticleFactory
from tests.images.test_images import SVG, image_bytes
from tests.library.factories import ImageFactory


@pytest.fixture
def stored_image(db):
    upload = SimpleUploadedFile("me.png", image_bytes("PNG", size=(600, 600)))
    return LibraryImage.objects.get(pk=ImageFactory(file=upload).pk)


@pytest.fixture
def unreadable_storage(monkeypatch, stored_image):
    storage = stored_image.file.storage

    def refuse(*args, **kwargs):
        raise AssertionError("a stored image was opened")

    monkeypatch.setattr(storage, "open", refuse)
    monkeypatch.setattr(storage, "save", refuse)


@pytest.mark.usefixtures("unreadable_storage")
def test_a_stored_image_is_not_validated_again(stored_image):
    stored_image.file.close()  # as Django leaves it after reading the size
    validate_image(stored_image.file)


def test_a_new_upload_is_still_validated(stored_image):
    stored_image.file = SimpleUploadedFile("me.svg", SVG)
    with pytest.raises(ValidationError) as refused:
        validate_image(stored_image.file)
    assert refused.value.code == "polyglot"


@pytest.mark.usefixtures("unreadable_storage")
def test_a_stored_image_is_not_processed_again(stored_image):
    renditions = stored_image.file_renditions
    stored_image.caption_en = "Fellow"
    image_save(image=stored_image)
    assert stored_image.file_renditions == renditions


def test_a_file_stored_without_renditions_is_cleaned_and_rendered(stored_image):
    # Importers and the demo store files directly and leave the rest to save().
    stored_image.file.save(
        "direct.png", SimpleUploadedFile("x", image_bytes("PNG")), save=False
    )
    image_save(image=stored_image)
    assert stored_image.file_renditions["source"] == stored_image.file.name


@pytest.mark.django_db
def test_a_drafts_image_cannot_be_found_from_its_upload_name():
    """Stored images and renditions take a random name, never the upload's, and no
    two uploads share a stem (a published image does not reveal its siblings)."""
    first = ImageFactory(
        file=SimpleUploadedFile("gizli-taslak.jpg", image_bytes("JPEG"))
    )
    second = ImageFactory(
        file=SimpleUploadedFile("gizli-taslak.jpg", image_bytes("JPEG"))
    )
    names = [first.file.name, second.file.name]
    names += [path for path, _w, _h in first.file_renditions["webp"]]
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
