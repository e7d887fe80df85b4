"""Media on S3-compatible object storage, against a real S3 server on loopback.

Every admin form with an image (the media library's) is
driven as an editor drives it; the bucket is then read back over the S3 API, and
the public page's image addresses over plain HTTP, as a reader's browser would.
"""

import datetime
import io
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ankasam.images import renditions_made, stored_names
from ankasam.storage import StorageUnavailable, check_reachable
from ankasam.uploads import KEPT_DIR, remove_stale
from library.models import Image as LibraryImage
from library.services import image_delete
from tests.articles.factories import ArticleFactory
from tests.formdata import form_values, resubmit
from tests.images.test_admin_uploads import change_url, required_field
from tests.images.test_images import image_bytes
from tests.images.test_resave import admins_with_images, image_fields, with_images

from .s3 import new_bucket, s3_server

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
STORAGE_MESSAGE = "The image could not be stored: the media storage does not answer"

each_admin = pytest.mark.parametrize(
    "model_admin", admins_with_images(), ids=lambda a: a.model._meta.label
)


@pytest.fixture
def client(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def public_page(instance) -> str:
    """The record's public page, as a reader gets it; for a library image, which
    has none, the page of an article showing it as a figure."""
    from django.test import Client

    if hasattr(instance, "get_absolute_url"):
        address = instance.get_absolute_url()
    else:
        address = showing(instance).get_absolute_url("tr")
    response = Client(headers={"accept-language": "tr"}).get(address)
    assert response.status_code == 200
    return response.content.decode()


def showing(image):
    """The article showing the library image ``image`` (made on first ask)."""
    from library.models import ImageUse
    from tests.articles.factories import ArticleFactory

    use = ImageUse.objects.filter(image=image).first()
    if use is not None:
        return use.article
    figure = f'<figure data-image="{image.pk}" data-size="full"></figure>'
    return ArticleFactory(body_tr=f"<p>Metin.</p>{figure}", languages=("tr",))


def reloaded(instance):
    """The record read again. Not ``refresh_from_db()``: assigning an image field
    over a loaded one makes Django measure the image, reading it from storage."""
    return type(instance).objects.get(pk=instance.pk)


def fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read()


def upload(size=(1600, 900)):
    return SimpleUploadedFile("fotoğraf.jpg", image_bytes("JPEG", size=size))


@each_admin
def test_an_upload_goes_to_the_bucket_and_the_public_page_links_to_it(
    client, s3_media, model_admin
):
    instance = with_images(model_admin.model)
    field = image_fields(model_admin.model)[0].name

    response = resubmit(client, change_url(instance), files={field: upload()})

    assert response.status_code == 302
    instance = reloaded(instance)
    name = getattr(instance, field).name
    renditions = getattr(instance, f"{field}_renditions")
    assert renditions_made(renditions)  # the job ran (at once, in tests)
    keys = s3_media.names()
    assert name in keys
    made = [path for fmt in ("webp", "jpeg") for path, _w, _h in renditions[fmt]]
    assert len(made) == 6  # 480, 960 and 1440 wide, in WebP and JPEG
    assert {*made, renditions["share"]} <= set(keys)
    stored = Image.open(default_storage.open(name))
    assert stored.size == (1600, 900)
    assert dict(stored.getexif()) == {}
    # A reader's page links to the bucket, and the addresses answer with the bytes.
    html = public_page(instance)
    largest = f"{s3_media.endpoint}/{s3_media.name}/{renditions['jpeg'][-1][0]}"
    assert largest in html
    assert "/media/" not in html
    content_type, data = fetch(largest)
    assert content_type == "image/jpeg"
    assert Image.open(io.BytesIO(data)).size == (1440, 810)
    webp = renditions["webp"][0][0]
    assert fetch(f"{s3_media.endpoint}/{s3_media.name}/{webp}")[0] == "image/webp"


def test_replacing_a_library_images_file_deletes_the_old_files(
    client, s3_media, django_capture_on_commit_callbacks
):
    # Articles, authors and revisions name the library image, not its file.
    image = with_images(LibraryImage)
    old = stored_names(reloaded(image).file_renditions)
    assert len(old) == 8  # the image, six renditions, the share crop
    assert set(old) <= set(s3_media.names())

    with django_capture_on_commit_callbacks(execute=True):
        response = resubmit(
            client, change_url(image), files={"file": upload(size=(700, 400))}
        )

    assert response.status_code == 302
    new = stored_names(reloaded(image).file_renditions)
    assert set(new) <= set(s3_media.names())
    assert not set(old) & set(s3_media.names())

    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=reloaded(image))  # no article shows it

    assert not set(new) & set(s3_media.names())


def test_a_kept_upload_waits_in_the_bucket_and_is_deleted_once_saved(
    client, s3_media, django_capture_on_commit_callbacks
):
    image = with_images(LibraryImage)
    url = change_url(image)
    page = client.get(url)
    emptied = required_field(page.context["adminform"].form)
    typed = page.context["adminform"].form.initial[emptied]

    refused = resubmit(client, url, {emptied: ""}, {"file": upload()}, page=page)
    assert refused.status_code == 200
    [kept] = s3_media.names(f"{KEPT_DIR}/")
    with django_capture_on_commit_callbacks(execute=True):
        saved = resubmit(client, url, {emptied: typed}, page=refused)

    assert saved.status_code == 302
    assert s3_media.names(f"{KEPT_DIR}/") == []  # deleted on commit
    assert reloaded(image).file.name in s3_media.names()
    assert kept not in s3_media.names()


def test_day_old_kept_uploads_are_swept_from_the_bucket(s3_media):
    default_storage.save(f"{KEPT_DIR}/{'a' * 32}", SimpleUploadedFile("x", b"old"))
    tomorrow = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)

    remove_stale(now=tomorrow)

    assert s3_media.names(f"{KEPT_DIR}/") == []


def test_a_missing_object_reads_as_a_missing_file(s3_media):
    with pytest.raises(FileNotFoundError):
        default_storage.open("articles/nothing-here.jpg")
    default_storage.delete("articles/nothing-here.jpg")  # nothing to do, no error


def test_saving_under_a_taken_name_never_overwrites(s3_media):
    first = default_storage.save("authors/same.jpg", SimpleUploadedFile("a", b"one"))
    second = default_storage.save("authors/same.jpg", SimpleUploadedFile("b", b"two"))

    assert first != second
    assert s3_media.read(first) == b"one"


def test_readyz_checks_the_bucket(client, s3_media):
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"


def test_readyz_fails_storage_for_a_missing_bucket(client, settings, s3_media):
    storages = s3_media.storages()
    storages["OPTIONS"]["bucket_name"] = "no-such-bucket"
    settings.STORAGES = {**settings.STORAGES, "default": storages}

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failed"
    assert "no-such-bucket" not in response.content.decode()


# --- the bucket unreachable: its own server, stopped by the test ------------------


@pytest.fixture
def outage(settings):
    """Media on an S3 server of this test's own; ``stop()`` takes it away."""
    with s3_server() as (url, server), new_bucket(url) as bucket:
        settings.STORAGES = {**settings.STORAGES, "default": bucket.storages()}
        bucket.stop = server.stop
        yield bucket


@each_admin
def test_with_the_bucket_away_public_pages_still_render(outage, model_admin):
    instance = with_images(model_admin.model)
    name = getattr(instance, image_fields(model_admin.model)[0].name).name
    outage.stop()

    with pytest.raises(StorageUnavailable):
        check_reachable()
    assert f"{outage.endpoint}/{outage.name}/renditions/" in public_page(instance)
    assert name  # the record still names its image


def test_with_the_bucket_away_an_upload_is_refused_and_the_text_kept(client, outage):
    image = with_images(LibraryImage)
    before = image.file.name
    outage.stop()
    url = change_url(image)
    typed = "Depo yokken yazılan açıklama: Işık, kaybolmamalı."

    response = resubmit(client, url, {"caption_tr": typed}, {"file": upload()})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert STORAGE_MESSAGE in " ".join(form.errors["file"])
    assert STORAGE_MESSAGE in response.content.decode()
    # The form comes back with what the editor typed, ready to be sent again.
    shown = form_values(response.content.decode())
    assert shown["caption_tr"] == [typed]
    saved = reloaded(image)
    assert saved.file.name == before
    assert saved.caption_tr != typed


def test_with_the_bucket_away_an_article_with_an_image_is_still_saved(client, outage):
    # Saving a record never reads its stored image (nor measures it again).
    article = ArticleFactory(featured_image=with_images(LibraryImage))
    before = article.featured_image.file.name
    outage.stop()

    response = resubmit(client, change_url(article), {"title_tr": "Değişti"})

    assert response.status_code == 302
    saved = reloaded(article)
    assert saved.title_tr == "Değişti"
    assert saved.featured_image.file.name == before


def test_with_the_bucket_away_a_form_refused_for_another_reason_does_not_fail(
    client, outage
):
    image = with_images(LibraryImage)
    url = change_url(image)
    page = client.get(url)
    emptied = required_field(page.context["adminform"].form)
    outage.stop()

    response = resubmit(client, url, {emptied: ""}, {"file": upload()}, page=page)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {emptied, "file"}
    assert STORAGE_MESSAGE in errors["file"][0]


def test_a_kept_upload_unreadable_while_the_bucket_is_away_is_not_dropped(
    client, outage
):
    image = with_images(LibraryImage)
    before = image.file.name
    url = change_url(image)
    page = client.get(url)
    emptied = required_field(page.context["adminform"].form)
    typed = page.context["adminform"].form.initial[emptied]
    refused = resubmit(client, url, {emptied: ""}, {"file": upload()}, page=page)
    assert "is kept; it will be saved with the form." in refused.content.decode()
    outage.stop()

    response = resubmit(client, url, {emptied: typed}, page=refused)

    # Not saved without the photo the editor chose: refused, saying why.
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert STORAGE_MESSAGE in errors["file"][0]
    assert reloaded(image).file.name == before


def test_readyz_names_the_storage_when_the_bucket_is_away(client, outage):
    outage.stop()

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "failed",
        "jobs": "ok",
    }
    assert outage.endpoint not in response.content.decode()


# --- settings ---------------------------------------------------------------------


def production_settings(**environment) -> subprocess.CompletedProcess:
    """Load ankasam.settings in a fresh process with ``environment``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SECRET_KEY="s" * 50, **environment)
    code = (
        "import json; from ankasam import settings as s; print(json.dumps("
        "{'backend': s.STORAGES['default']['BACKEND'], 'serve': s.SERVE_MEDIA,"
        " 'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'][2:],"
        " 'bucket': s.STORAGES['default'].get('OPTIONS', {}).get('bucket_name')}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_local_disk_is_the_default():
    result = production_settings()
    assert result.returncode == 0, result.stderr
    assert '"backend": "django.core.files.storage.FileSystemStorage"' in result.stdout


def test_s3_settings_come_from_the_environment_and_allow_the_images_origin():
    result = production_settings(
        DJANGO_MEDIA_STORAGE="s3",
        DJANGO_S3_BUCKET="ankasam-media",
        DJANGO_S3_CUSTOM_DOMAIN="media.example.org",
        DJANGO_SERVE_MEDIA="1",
    )
    assert result.returncode == 0, result.stderr
    assert '"backend": "ankasam.s3storage.S3MediaStorage"' in result.stdout
    assert '"bucket": "ankasam-media"' in result.stdout
    assert '"img": ["https://media.example.org"]' in result.stdout
    assert '"serve": false' in result.stdout  # nothing on the disk to serve


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"DJANGO_MEDIA_STORAGE": "s3"}, "DJANGO_S3_BUCKET"),
        ({"DJANGO_MEDIA_STORAGE": "ftp"}, "it must be local or s3"),
    ],
)
def test_an_incomplete_storage_setting_says_what_is_missing(environment, message):
    result = production_settings(**environment)
    assert result.returncode != 0
    assert message in result.stderr
