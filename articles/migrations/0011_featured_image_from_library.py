"""Featured images become media-library images, without losing any.

Each stored featured image becomes one library image as it is (the same file, size
and renditions, its description in every language; no file is copied or read); the
article then refers to it. Backwards, each article gets its library image's file,
size, renditions and description back (the library images stay).
"""

import django.db.models.deletion
from django.db import migrations, models

from search.folding import fold  # a pure function, safe to import

LANGUAGES = ("tr", "en", "ru")


def to_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("library", "Image")
    for article in Article.objects.exclude(featured_image="").exclude(
        featured_image__isnull=True
    ):
        texts = [getattr(article, f"featured_image_alt_{c}") or "" for c in LANGUAGES]
        image = Image.objects.create(
            file=article.featured_image.name,
            width=article.featured_image_width,
            height=article.featured_image_height,
            file_renditions=article.featured_image_renditions or {},
            search_text=fold("\n".join(text for text in texts if text)),
            **{f"alt_{code}": text for code, text in zip(LANGUAGES, texts)},
        )
        Article.objects.filter(pk=article.pk).update(featured_library_image=image)


def from_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    articles = Article.objects.exclude(featured_library_image=None)
    for article in articles.select_related("featured_library_image"):
        image = article.featured_library_image
        Article.objects.filter(pk=article.pk).update(
            featured_image=image.file.name,
            featured_image_width=image.width,
            featured_image_height=image.height,
            featured_image_renditions=image.file_renditions or {},
            **{
                f"featured_image_alt_{code}": getattr(image, f"alt_{code}") or ""
                for code in LANGUAGES
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_similar_articles_without_constraints"),
        ("library", "0001_media_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="featured_library_image",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="library.image",
            ),
        ),
        migrations.RunPython(to_library, from_library),
        migrations.RemoveField(model_name="article", name="featured_image"),
        migrations.RemoveField(model_name="article", name="featured_image_width"),
        migrations.RemoveField(model_name="article", name="featured_image_height"),
        migrations.RemoveField(model_name="article", name="featured_image_renditions"),
        migrations.RemoveField(model_name="article", name="featured_image_alt"),
        migrations.RemoveField(model_name="article", name="featured_image_alt_tr"),
        migrations.RemoveField(model_name="article", name="featured_image_alt_en"),
        migrations.RemoveField(model_name="article", name="featured_image_alt_ru"),
        migrations.RenameField(
            model_name="article",
            old_name="featured_library_image",
            new_name="featured_image",
        ),
        migrations.AlterField(
            model_name="article",
            name="featured_image",
            field=models.ForeignKey(
                blank=True,
                help_text="An image from the media library, at least 1440 pixels wide; its description and credit are written there, in each language.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="featured_in",
                to="library.image",
                verbose_name="featured image",
            ),
        ),
    ]
