"""New uploads on every admin form with an image: checked, cleaned, kept on refusal.

The forms are those of tests/images/test_resave.py: every admin whose model has an
ImageField.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import FileField
from django.urls import reverse
from PIL import Image

from tests.formdata import form_values, resubmit
from tests.images.test_images import SVG, image_bytes
from tests.images.test_resave import admins_with_images, image_fields, with_images

POLYGLOT = image_bytes("JPEG") + b"<html><script>alert(1)</script></html>"
# Admins that do not use KeepUploadsAdminMixin yet; remove an entry once it does.
NOT_KEEPING_YET = set()


def label(model_admin) -> str:
    return model_admin.model._meta.label


def each_admin(*, keeping=False):
    marks = pytest.mark.xfail(
        strict=True, reason="its admin does not use KeepUploadsAdminMixin yet"
    )
    return pytest.mark.parametrize(
        "model_admin",
        [
            pytest.param(
                a, marks=marks if keeping and label(a) in NOT_KEEPING_YET else ()
            )
            for a in admins_with_images()
        ],
        ids=label,
    )


@pytest.fixture
def client(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def change_url(instance) -> str:
    opts = instance._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk]
    )


def stored_image(field_file) -> Image.Image:
    with field_file.open("rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


@pytest.mark.django_db
@each_admin()
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SVG, "Upload a valid image."),
        (POLYGLOT, "This file contains web page code besides the image"),
    ],
    ids=["svg", "polyglot"],
)
def test_a_new_upload_is_still_checked(client, model_admin, data, message):
    instance = with_images(model_admin.model)
    field = image_fields(model_admin.model)[0].name
    before = getattr(instance, field).name
    upload = SimpleUploadedFile("trap.jpg", data, "image/jpeg")

    response = resubmit(client, change_url(instance), files={field: upload})

    assert response.status_code == 200
    assert message in response.content.decode()
    instance.refresh_from_db()
    assert getattr(instance, field).name == before


@pytest.mark.django_db
@each_admin()
def test_a_new_upload_is_cleaned_and_rendered(client, model_admin):
    instance = with_images(model_admin.model)
    field = image_fields(model_admin.model)[0].name
    data = image_bytes("JPEG", size=(300, 200), exif_orientation=6)
    upload = SimpleUploadedFile("turned.jpg", data, "image/jpeg")

    response = resubmit(client, change_url(instance), files={field: upload})

    assert response.status_code == 302
    instance.refresh_from_db()
    stored = getattr(instance, field)
    assert stored.name.endswith(".jpg")
    assert "turned" not in stored.name  # a random name, not the upload's
    image = stored_image(stored)
    assert image.size == (200, 300)  # turned upright
    assert dict(image.getexif()) == {}
    assert getattr(instance, f"{field}_renditions")["source"] == stored.name


def required_field(form) -> str:
    """A required field of the form that a browser sends, to leave empty."""
    return next(
        name
        for name, field in form.fields.items()
        if field.required
        and not isinstance(field, FileField)
        and not field.widget.is_hidden
        and not field.disabled
    )


@pytest.mark.django_db
@each_admin(keeping=True)
def test_a_refused_save_keeps_the_new_upload(client, model_admin):
    instance = with_images(model_admin.model)
    field = image_fields(model_admin.model)[0].name
    url = change_url(instance)
    page = client.get(url)
    emptied = required_field(page.context["adminform"].form)
    typed = form_values(page.content)[emptied]
    upload = SimpleUploadedFile("new.png", image_bytes("PNG", size=(500, 400)))

    refused = resubmit(client, url, {emptied: ""}, {field: upload}, page=page)
    assert refused.status_code == 200
    assert "new.png is kept; it will be saved with the form." in (
        refused.content.decode()
    )
    saved = resubmit(client, url, {emptied: typed}, page=refused)

    assert saved.status_code == 302
    instance.refresh_from_db()
    stored = getattr(instance, field)
    assert stored.name.endswith(".png")
    assert stored_image(stored).size == (500, 400)
