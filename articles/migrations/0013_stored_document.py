from django.db import migrations, models


def mark_stale(apps, schema_editor):
    """The stored parts become whole documents (or, going back, parts again):
    ``manage.py pages_render``, the deploy's step, renders them again; until then
    their pages render on the fly."""
    apps.get_model("articles", "StoredPage").objects.update(stale=True)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_stored_pages"),
    ]

    operations = [
        # With a default, so that going back adds them to the rows there are.
        migrations.AlterField(
            model_name="storedpage", name="head", field=models.TextField(default="")
        ),
        migrations.AlterField(
            model_name="storedpage", name="main", field=models.TextField(default="")
        ),
        migrations.RemoveField(model_name="storedpage", name="head"),
        migrations.RemoveField(model_name="storedpage", name="main"),
        migrations.AddField(
            model_name="storedpage",
            name="document",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.RunPython(mark_stale, mark_stale),
    ]
