"""Every admin form with an image re-saves unchanged: no error, the image untouched.

The list of forms comes from the admin site and the models' fields, so a model that
gains an image is covered without touching this file.
"""

import importlib

import pytest
from django.contrib import admin
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from tests.formdata import resubmit
from tests.images.test_images import image_bytes


def image_fields(model) -> list[models.ImageField]:
    return [f for f in model._meta.get_fields() if isinstance(f, models.ImageField)]


def admins_with_images() -> list[admin.ModelAdmin]:
    return [
        model_admin
        for model, model_admin in admin.site._registry.items()
        if image_fields(model)
    ]


def factory_for(model):
    """The factory_boy factory of ``model``: ``tests/<app>/factories.py``."""
    module = importlib.import_module(f"tests.{model._meta.app_label}.factories")
    return getattr(module, f"{model.__name__}Factory")


def with_images(model):
    """A stored ``model`` whose every image field holds an image, described."""
    values = {}
    for field in image_fields(model):
        upload = SimpleUploadedFile(f"{field.name}.png", image_bytes("PNG"))
        values[field.name] = upload
        # Forms refuse an image without its description (alt text).
        for other in model._meta.concrete_fields:
            if other.name.startswith(f"{field.name}_alt"):
                values[other.name] = "Kırmızı bir alan"
    instance = factory_for(model)(**values)
    instance.refresh_from_db()  # with the renditions the job made
    return instance


def stored_state(instance) -> dict:
    """Names, bytes and modification times of its images and their renditions."""
    state = {}
    for field in image_fields(type(instance)):
        name = getattr(instance, field.name).name
        paths = [name]
        renditions = getattr(instance, f"{field.name}_renditions", None) or {}
        for fmt in ("webp", "jpeg"):
            paths += [path for path, _w, _h in renditions.get(fmt, [])]
        if renditions.get("share"):
            paths.append(renditions["share"])
        state[field.name] = {
            "renditions": renditions,
            "files": {
                path: (default_storage.open(path).read(), default_storage.path(path))
                for path in paths
            },
            "mtimes": {path: default_storage.get_modified_time(path) for path in paths},
        }
    return state


def test_the_admin_has_forms_with_images():
    # Guards the parametrization below from silently testing nothing.
    labels = {a.model._meta.label for a in admins_with_images()}
    assert {"library.Image"} <= labels


def test_no_inline_holds_an_image():
    # Inline images would need their own re-save case below; say so when one appears.
    inlines = [
        (model_admin, inline)
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
        if image_fields(inline.model)
    ]
    assert inlines == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_admin", admins_with_images(), ids=lambda a: a.model._meta.label
)
def test_an_unchanged_form_with_an_image_saves_and_keeps_the_image(
    admin_client, model_admin
):
    instance = with_images(model_admin.model)
    before = stored_state(instance)
    assert all(state["renditions"] for state in before.values())
    opts = model_admin.model._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk]
    )

    response = resubmit(admin_client, url, submit="_continue")

    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    assert response.headers["location"] == url
    instance.refresh_from_db()
    assert stored_state(instance) == before
