from django.db import migrations


class Migration(migrations.Migration):
    """Pages are invalidated by tags in the cache now; no table is read on a hit."""

    dependencies = [
        ("pagecache", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="ContentVersion"),
    ]
