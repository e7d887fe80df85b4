"""An image chosen on a media-library form that is refused is kept for the next
submit (``ankasam.uploads``, on every admin form with an image)."""

import io
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ankasam.uploads import kept_upload
from library.models import Image as LibraryImage
from tests.formdata import form_values, resubmit
from tests.images.test_images import image_bytes
from tests.library.factories import ImageFactory

REFUSED = {"alt_tr": ""}  # the description is asked for
FIXED = {"alt_tr": "Bir portre"}
LIBRARY = "library/"


def stored_upload(field_file, folder: str, suffix: str) -> bool:
    """Stored in ``folder`` under a random name (never the upload's), as ``suffix``."""
    name = field_file.name
    stem = name.rsplit("/", 1)[-1].removesuffix(suffix)
    return name.startswith(folder) and name.endswith(suffix) and len(stem) == 32


@pytest.fixture
def image(db):
    return ImageFactory()


@pytest.fixture
def url(image):
    return f"/admin/library/image/{image.pk}/change/"


def unchanged(image) -> bool:
    """The image still has its file: what was kept was not saved."""
    return LibraryImage.objects.get(pk=image.pk).file.name == image.file.name


@pytest.fixture
def client(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def portrait(name="portrait.png"):
    return SimpleUploadedFile(name, image_bytes("PNG", size=(600, 600)), "image/png")


def kept_files():
    if not default_storage.exists("kept-uploads"):
        return []
    return default_storage.listdir("kept-uploads")[1]


def refused_with_photo(client, url, upload=None):
    response = resubmit(client, url, REFUSED, {"file": upload or portrait()})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() == {"alt_tr"}
    return response


def test_a_refused_form_says_the_photo_is_kept(client, url):
    response = refused_with_photo(client, url)
    assert "portrait.png is kept; it will be saved with the form." in (
        response.content.decode()
    )
    assert form_values(response.content)["file-kept"] != [""]
    assert len(kept_files()) == 1


def test_the_kept_photo_is_saved_on_the_next_submit(
    client, url, django_capture_on_commit_callbacks
):
    refused = refused_with_photo(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        response = resubmit(client, url, FIXED, page=refused, submit="_continue")
    assert response.status_code == 302
    image = LibraryImage.objects.get()
    assert stored_upload(image.file, LIBRARY, ".png")
    assert image.file_renditions["source"] == image.file.name
    assert (image.width, image.height) == (600, 600)
    assert kept_files() == []  # used, so removed


def test_a_photo_is_kept_through_two_refusals(client, url):
    first = refused_with_photo(client, url)
    second = resubmit(client, url, {"alt_tr": " "}, page=first)
    assert second.status_code == 200
    assert "portrait.png is kept" in second.content.decode()
    assert len(kept_files()) == 1  # the same kept file, not a copy
    third = resubmit(
        client,
        url,
        FIXED,
        page=second,
        submit="_continue",
    )
    assert third.status_code == 302
    photo = LibraryImage.objects.get().file
    assert stored_upload(photo, LIBRARY, ".png")
    assert (photo.width, photo.height) == (600, 600)


def test_a_new_choice_replaces_the_kept_photo(client, url):
    refused = refused_with_photo(client, url)
    upload = SimpleUploadedFile("other.jpg", image_bytes("JPEG", size=(400, 300)))
    response = resubmit(client, url, FIXED, {"file": upload}, page=refused)
    assert response.status_code == 302
    image = LibraryImage.objects.get()
    assert stored_upload(image.file, LIBRARY, ".jpg")
    assert (image.width, image.height) == (400, 300)


def test_the_file_name_is_shown_escaped(client, url):
    response = refused_with_photo(client, url, portrait("<img src=x onerror=f()>.png"))
    html = response.content.decode()
    assert "&lt;img src=x onerror=f()&gt;.png is kept" in html
    assert "<img src=x" not in html


def test_kept_uploads_older_than_a_day_are_removed(client, url):
    refused_with_photo(client, url)
    (old,) = kept_files()
    stale = time.time() - 25 * 3600
    os.utime(default_storage.path(f"kept-uploads/{old}"), (stale, stale))
    refused_with_photo(client, url)
    assert old not in kept_files()
    assert len(kept_files()) == 1


def test_a_token_older_than_a_day_is_ignored(client, url, image, monkeypatch):
    refused = refused_with_photo(client, url)
    later = time.time() + 25 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = resubmit(client, url, FIXED, page=refused)
    assert response.status_code == 302
    assert unchanged(image)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "garbage",
        lambda token: "",
        lambda token: "Zm9v:bar:baz",
    ],
    ids=["altered", "garbage", "empty", "forged"],
)
def test_a_tampered_token_is_ignored(client, url, image, tamper):
    refused = refused_with_photo(client, url)
    token = form_values(refused.content)["file-kept"][0]
    response = resubmit(
        client, url, {**FIXED, "file-kept": tamper(token)}, page=refused
    )
    assert response.status_code == 302
    assert unchanged(image)


def test_a_token_for_a_removed_file_is_ignored(client, url, image):
    refused = refused_with_photo(client, url)
    for name in kept_files():
        default_storage.delete(f"kept-uploads/{name}")
    response = resubmit(client, url, FIXED, page=refused)
    assert response.status_code == 302
    assert unchanged(image)


def test_a_token_is_good_for_its_own_field_only(client, url):
    refused = refused_with_photo(client, url)
    token = form_values(refused.content)["file-kept"][0]
    assert kept_upload(token, field="file") is not None
    assert kept_upload(token, field="citations-0-image") is None


def test_a_refused_photo_is_not_kept(client, url):
    svg = SimpleUploadedFile("me.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = resubmit(client, url, REFUSED, {"file": svg})
    assert response.status_code == 200
    assert "is kept" not in response.content.decode()
    assert kept_files() == []


def test_the_kept_photo_is_cleaned_when_saved(client, url):
    # EXIF orientation 6: the stored image must come out upright and without EXIF.
    data = image_bytes("JPEG", size=(300, 200), exif_orientation=6)
    refused = refused_with_photo(client, url, SimpleUploadedFile("turned.jpg", data))
    resubmit(client, url, FIXED, page=refused)
    image = LibraryImage.objects.get()
    with image.file.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.size == (200, 300)
    assert dict(stored.getexif()) == {}


def test_the_kept_photo_is_checked_again_when_saved(client, url, image):
    refused = refused_with_photo(client, url)
    (name,) = kept_files()
    with default_storage.open(f"kept-uploads/{name}", "wb") as handle:
        handle.write(image_bytes("PNG") + b"<script>alert(1)</script>")
    response = resubmit(client, url, FIXED, page=refused)
    assert response.status_code == 200
    assert "web page code" in response.content.decode()
    assert unchanged(image)


def test_a_new_image_keeps_its_file_through_a_refused_add(client, db):
    url = "/admin/library/image/add/"
    refused = resubmit(client, url, {"caption_tr": "Açıklama"}, {"file": portrait()})
    assert "portrait.png is kept" in refused.content.decode()
    response = resubmit(client, url, FIXED, page=refused)
    assert response.status_code == 302
    assert stored_upload(LibraryImage.objects.get().file, LIBRARY, ".png")
