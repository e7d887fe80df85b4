"""Author photos become media-library images, without losing any.

Each stored photo becomes one library image as it is (the same file, size and
renditions; the author's name as its description in every language, as the
author's page describes it); the author then refers to it. Backwards, each author
gets the library image's file, size and renditions back (the images stay).
"""

import django.db.models.deletion
from django.db import migrations, models

from search.folding import fold  # a pure function, safe to import

LANGUAGES = ("tr", "en", "ru")


def to_library(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    Image = apps.get_model("library", "Image")
    for author in Author.objects.exclude(photo="").exclude(photo__isnull=True):
        image = Image.objects.create(
            file=author.photo.name,
            width=author.photo_width,
            height=author.photo_height,
            file_renditions=author.photo_renditions or {},
            search_text=fold(author.name),
            **{f"alt_{code}": author.name for code in LANGUAGES},
        )
        Author.objects.filter(pk=author.pk).update(library_photo=image)


def from_library(apps, schema_editor):
    Author = apps.get_model("authors", "Author")
    for author in Author.objects.exclude(library_photo=None).select_related(
        "library_photo"
    ):
        image = author.library_photo
        Author.objects.filter(pk=author.pk).update(
            photo=image.file.name,
            photo_width=image.width,
            photo_height=image.height,
            photo_renditions=image.file_renditions or {},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0004_author_user"),
        ("library", "0001_media_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="author",
            name="library_photo",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="library.image",
            ),
        ),
        migrations.RunPython(to_library, from_library),
        migrations.RemoveField(model_name="author", name="photo"),
        migrations.RemoveField(model_name="author", name="photo_width"),
        migrations.RemoveField(model_name="author", name="photo_height"),
        migrations.RemoveField(model_name="author", name="photo_renditions"),
        migrations.RenameField(
            model_name="author", old_name="library_photo", new_name="photo"
        ),
        migrations.AlterField(
            model_name="author",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="A square portrait from the media library, at least 300 × 300.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="portrait_of",
                to="library.image",
                verbose_name="photo",
            ),
        ),
    ]
