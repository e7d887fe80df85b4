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
        # The current code ranks: its word scores read the entries' publication
        # time (search 0003, which needs only articles 0005).
        ("search", "0003_entry_publication_time"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
