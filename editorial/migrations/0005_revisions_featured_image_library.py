"""Revisions name the featured image as the media-library image it became.

Each revision's ``featured_image`` (a stored file's name) becomes
``featured_image_id``, the library image holding that file (articles'
0011_featured_image_from_library made one per file); a revision's description of
the image goes with it (the library image has it). A file no library image holds
is forgotten: a restore leaves the article without that image. Backwards, the file
names come back.
"""

from django.db import migrations

LANGUAGES = ("tr", "en", "ru")
ALT_KEYS = ["featured_image_alt", *(f"featured_image_alt_{c}" for c in LANGUAGES)]


def to_library(apps, schema_editor):
    Revision = apps.get_model("editorial", "Revision")
    Image = apps.get_model("library", "Image")
    by_file = dict(Image.objects.values_list("file", "pk"))
    changed = []
    for revision in Revision.objects.filter(data__has_key="featured_image"):
        data = revision.data
        name = data.pop("featured_image") or ""
        data["featured_image_id"] = by_file.get(name) if name else None
        for key in ALT_KEYS:
            data.pop(key, None)
        changed.append(revision)
    Revision.objects.bulk_update(changed, ["data"], batch_size=500)


def from_library(apps, schema_editor):
    Revision = apps.get_model("editorial", "Revision")
    Image = apps.get_model("library", "Image")
    by_pk = {
        pk: (name, image)
        for pk, name, *image in Image.objects.values_list(
            "pk", "file", *(f"alt_{c}" for c in LANGUAGES)
        )
    }
    changed = []
    for revision in Revision.objects.filter(data__has_key="featured_image_id"):
        data = revision.data
        name, alts = by_pk.get(data.pop("featured_image_id"), ("", ["", "", ""]))
        data["featured_image"] = name
        for code, alt in zip(LANGUAGES, alts):
            data[f"featured_image_alt_{code}"] = alt or ""
        changed.append(revision)
    Revision.objects.bulk_update(changed, ["data"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_autosave"),
        ("articles", "0011_featured_image_from_library"),
    ]

    operations = [migrations.RunPython(to_library, from_library)]
