"""Uploads are judged by content, cleaned, and rendered at upload time."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from ankasam.images import clean_image, read_image
from ankasam.templatetags.image_tags import picture
from editorial.services import article_save
from library.models import Image as Image_
from library.services import image_save
from tests.articles.factories import ArticleFactory


def image_bytes(fmt="JPEG", size=(2000, 1000), exif_orientation=None, mode="RGB"):
    image = Image.new(mode, size, "#8c1c13")
    buffer = io.BytesIO()
    kwargs = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation  # Orientation
        exif[0x010F] = "SecretCam"  # Make: metadata that must go
        kwargs["exif"] = exif
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_real_jpeg_png_and_webp_are_accepted(fmt):
    assert read_image(image_bytes(fmt)).format == fmt


SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (SVG, "polyglot"),
        (image_bytes("TIFF"), "format"),
        (image_bytes("GIF", mode="P"), "format"),
        (image_bytes("JPEG") + b"<html><script>alert(1)</script></html>", "polyglot"),
        (b"GIF89a" + b"/*" + b"<script>x</script>", "polyglot"),
        (b"plain text, not an image", "not_an_image"),
        (image_bytes("PNG")[:200], "damaged"),
    ],
    ids=["svg", "tiff", "gif", "jpeg+html", "gifar", "text", "truncated"],
)
def test_other_files_are_refused_with_a_reason(data, code):
    with pytest.raises(ValidationError) as refused:
        read_image(data)
    assert refused.value.code == code


def test_images_over_36_megapixels_are_refused():
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        read_image(image_bytes("PNG", size=(7000, 6000), mode="1"))
    assert refused.value.code == "too_large"
    assert "36 megapixels" in refused.value.messages[0]


def test_decompression_bombs_are_refused_from_the_header():
    with pytest.raises(ValidationError) as refused:
        read_image(image_bytes("PNG", size=(20000, 20000), mode="1"))
    assert refused.value.code == "too_large"


def test_cleaning_turns_upright_and_strips_exif():
    content, ext = clean_image(image_bytes("JPEG", size=(200, 100), exif_orientation=6))
    cleaned = Image.open(io.BytesIO(content.read()))
    assert ext == "jpg"
    assert cleaned.size == (100, 200)  # rotated by its orientation tag
    assert dict(cleaned.getexif()) == {}


@pytest.mark.django_db
def test_an_uploaded_library_image_gets_renditions_from_its_job():
    image = Image_(file=SimpleUploadedFile("photo.png", image_bytes("PNG")))
    image.alt_tr = "Kırmızı bir alan"
    image_save(image=image)  # the suite's backend runs the job at once
    image.refresh_from_db()
    renditions = image.file_renditions
    assert image.file.name.endswith(".png")
    assert [w for _p, w, _h in renditions["webp"]] == [480, 960, 1440]
    assert [h for _p, _w, h in renditions["jpeg"]] == [240, 480, 720]
    assert all(default_storage.exists(p) for p, _w, _h in renditions["webp"])
    with default_storage.open(renditions["share"]) as handle:
        assert Image.open(handle).size == (1200, 630)
    html = picture(renditions, "Kırmızı bir alan")
    assert 'type="image/webp"' in html
    assert 'width="1440" height="720"' in html
    assert "480w" in html


@pytest.mark.django_db
def test_a_small_image_is_never_enlarged():
    image = Image_(
        file=SimpleUploadedFile("me.jpg", image_bytes("JPEG", size=(300, 300))),
        alt_tr="Portre",
    )
    image_save(image=image)
    image.refresh_from_db()
    assert image.file_renditions["jpeg"] == [
        [image.file_renditions["jpeg"][0][0], 300, 300]
    ]
    assert (image.width, image.height) == (300, 300)


@pytest.mark.django_db
def test_admin_refuses_a_renamed_tiff_with_a_message(admin_client):
    upload = SimpleUploadedFile("innocent.png", image_bytes("TIFF"), "image/png")
    response = admin_client.post(
        "/admin/library/image/add/",
        {"alt_tr": "Masum", "file": upload},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "Only JPEG, PNG and WebP images are accepted" in response.content.decode()


@pytest.mark.django_db
def test_publishing_needs_the_featured_images_description_in_that_language(
    in_language,
):
    from editorial.services import PublicationRefused
    from tests.library.factories import ImageFactory

    in_language("en")  # the refusal's words are read in English
    image = ImageFactory(alt_ru="")
    article = ArticleFactory(featured_image=image, status="draft")
    article.status_tr = article.status_ru = "published"
    with pytest.raises(PublicationRefused) as refused:
        article_save(article=article)
    (message,) = refused.value.messages
    assert message.startswith("Russian: The featured image has no description")
    article = type(article).objects.get(pk=article.pk)
    article.status_tr = "published"
    article_save(article=article)  # Turkish has its description
