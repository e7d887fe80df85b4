from django.db import migrations


def fill(apps, schema_editor):
    """Rank the similar lists of the articles that exist already.

    The ranking is the site's own (``articles.similar``, which reads the search
    entries), so it runs with the current code rather than historical models; a
    database without articles skips it, and ``manage.py similar_rebuild`` does the
    same at any time.
    """
    if not apps.get_model("articles", "Article").objects.exists():
        return
    from articles.similar import similar_rebuild

    similar_rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_similar_articles"),
        ("search", "0002_stemmed_terms"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
