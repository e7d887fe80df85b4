"""Each entry keeps its version's publication time (null unless published).

Existing entries get it from their article, so search finds what it found before.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    SearchEntry = apps.get_model("search", "SearchEntry")
    for code, _name in settings.LANGUAGES:
        published = Article.objects.filter(
            pk=OuterRef("article_id"), **{f"status_{code}": "published"}
        ).values(f"published_at_{code}")
        SearchEntry.objects.filter(language=code).update(
            published_at=Subquery(published[:1])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_per_language_publication"),
        ("search", "0002_stemmed_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
